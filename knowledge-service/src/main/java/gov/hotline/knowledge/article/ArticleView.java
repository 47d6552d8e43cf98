package gov.hotline.knowledge.article;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import gov.hotline.api.knowledge.ArticleDetails;
import gov.hotline.api.knowledge.ArticleStatus;
import gov.hotline.api.knowledge.ArticleSummary;
import gov.hotline.contract.knowledge.ArticleDrafted;
import gov.hotline.contract.knowledge.ArticleKind;
import gov.hotline.contract.knowledge.ArticlePublished;
import gov.hotline.contract.knowledge.ArticleRetired;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/**
 * Articles as readers ask for them, in {@code article_view} (replayable, idempotent). Each document
 * remembers the sequence number of the last event applied to it, so a redelivered or replayed event
 * never moves an article back to an earlier state.
 */
@Component
@ProcessingGroup(ArticleView.PROCESSING_GROUP)
public class ArticleView {
  static final String PROCESSING_GROUP = "knowledge-article-view";
  static final String COLLECTION = "article_view";
  private static final String VERSION = "version";

  private final MongoTemplate mongo;

  ArticleView(MongoTemplate mongo) {
    this.mongo = mongo;
    ensureIndexes();
  }

  @EventHandler
  void on(ArticleDrafted event, @SequenceNumber long sequence) {
    Document article =
        new Document("kind", event.kind().name())
            .append("title", event.title())
            .append("body", event.body())
            .append("tags", event.tags())
            .append("categoryCodes", event.categoryCodes())
            .append("status", ArticleStatus.DRAFT.name())
            .append("draftedAt", Date.from(event.occurredAt()))
            .append("updatedAt", Date.from(event.occurredAt()))
            .append(VERSION, sequence);
    if (event.issuingUnit() != null) {
      article.append("issuingUnit", event.issuingUnit());
    }
    if (event.validUntil() != null) {
      article.append("validUntil", Date.from(event.validUntil()));
    }
    // insert-if-absent: a second delivery must not undo a later publish or retire
    collection()
        .updateOne(
            byId(event.articleId()),
            new Document("$setOnInsert", article),
            new UpdateOptions().upsert(true));
  }

  @EventHandler
  void on(ArticlePublished event, @SequenceNumber long sequence) {
    applyOnce(
        event.articleId(),
        sequence,
        Updates.combine(
            Updates.set("status", ArticleStatus.PUBLISHED.name()),
            Updates.set("title", event.title()),
            Updates.set("publishedAt", Date.from(event.occurredAt())),
            Updates.set("updatedAt", Date.from(event.occurredAt()))));
  }

  @EventHandler
  void on(ArticleRetired event, @SequenceNumber long sequence) {
    applyOnce(
        event.articleId(),
        sequence,
        Updates.combine(
            Updates.set("status", ArticleStatus.RETIRED.name()),
            Updates.set("retiredAt", Date.from(event.occurredAt())),
            Updates.set("retireReason", event.reason()),
            Updates.set("updatedAt", Date.from(event.occurredAt()))));
  }

  @ResetHandler
  void reset() {
    collection().drop();
    ensureIndexes();
  }

  /** Lists filter on status and sort on the last change; the knowledge base grows large. */
  private void ensureIndexes() {
    collection()
        .createIndex(
            Indexes.compoundIndex(Indexes.ascending("status"), Indexes.descending("updatedAt")));
  }

  public Optional<ArticleDetails> find(UUID articleId) {
    return Optional.ofNullable(collection().find(byId(articleId)).first())
        .map(ArticleView::details);
  }

  /** The newest {@code limit} articles in one of {@code statuses}, by their last change. */
  public List<ArticleSummary> list(Collection<ArticleStatus> statuses, int limit) {
    List<String> names = statuses.stream().map(Enum::name).toList();
    List<ArticleSummary> result = new ArrayList<>();
    collection()
        .find(Filters.in("status", names))
        .projection(Projections.exclude("body"))
        .sort(Sorts.orderBy(Sorts.descending("updatedAt"), Sorts.ascending("_id")))
        .limit(limit)
        .forEach(d -> result.add(summary(d)));
    return result;
  }

  private void applyOnce(UUID articleId, long sequence, Bson update) {
    collection()
        .updateOne(
            Filters.and(byId(articleId), Filters.lt(VERSION, sequence)),
            Updates.combine(update, Updates.set(VERSION, sequence)));
  }

  private com.mongodb.client.MongoCollection<Document> collection() {
    return mongo.getCollection(COLLECTION);
  }

  private static Bson byId(UUID articleId) {
    return Filters.eq("_id", articleId.toString());
  }

  private static ArticleDetails details(Document d) {
    return new ArticleDetails(
        UUID.fromString(d.getString("_id")),
        ArticleKind.valueOf(d.getString("kind")),
        d.getString("title"),
        d.getString("body"),
        d.getList("tags", String.class, List.of()),
        d.getList("categoryCodes", String.class, List.of()),
        d.getString("issuingUnit"),
        instant(d, "validUntil"),
        ArticleStatus.valueOf(d.getString("status")),
        instant(d, "draftedAt"),
        instant(d, "publishedAt"),
        instant(d, "retiredAt"),
        d.getString("retireReason"),
        instant(d, "updatedAt"));
  }

  private static ArticleSummary summary(Document d) {
    return new ArticleSummary(
        UUID.fromString(d.getString("_id")),
        ArticleKind.valueOf(d.getString("kind")),
        d.getString("title"),
        d.getList("tags", String.class, List.of()),
        d.getList("categoryCodes", String.class, List.of()),
        d.getString("issuingUnit"),
        instant(d, "validUntil"),
        ArticleStatus.valueOf(d.getString("status")),
        instant(d, "updatedAt"));
  }

  private static Instant instant(Document d, String field) {
    Date date = d.getDate(field);
    return date == null ? null : date.toInstant();
  }
}
