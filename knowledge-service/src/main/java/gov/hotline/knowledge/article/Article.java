package gov.hotline.knowledge.article;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import gov.hotline.api.knowledge.ArticleStatus;
import gov.hotline.contract.knowledge.ArticleDrafted;
import gov.hotline.contract.knowledge.ArticlePublished;
import gov.hotline.contract.knowledge.ArticleRetired;
import gov.hotline.platform.domain.RuleViolation;
import java.util.UUID;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * One knowledge-base article: DRAFT → PUBLISHED → RETIRED, or DRAFT → RETIRED. A retired article is
 * never published again; a corrected text is a new article, so answers that cited the old one keep
 * pointing at what the operator actually read.
 */
@Aggregate
public class Article {
  @AggregateIdentifier private UUID articleId;
  private ArticleStatus status;
  private String title;

  protected Article() {}

  @CommandHandler
  public Article(DraftArticle command) {
    requireText(command.title(), "title");
    requireText(command.body(), "body");
    if (command.kind() == null) {
      throw new IllegalArgumentException("an article needs a kind");
    }
    apply(
        new ArticleDrafted(
            command.articleId(),
            command.at(),
            command.actor(),
            command.kind(),
            command.title(),
            command.body(),
            command.tags(),
            command.categoryCodes(),
            command.issuingUnit(),
            command.validUntil()));
  }

  @CommandHandler
  void handle(PublishArticle command) {
    switch (status) {
      case PUBLISHED ->
          throw new RuleViolation(
              "article-already-published",
              "article " + articleId + " is already published",
              status.name());
      case RETIRED ->
          throw new RuleViolation(
              "article-retired",
              "article " + articleId + " was retired and cannot be published; draft a new one",
              status.name());
      case DRAFT -> apply(new ArticlePublished(articleId, command.at(), command.actor(), title));
    }
  }

  @CommandHandler
  void handle(RetireArticle command) {
    requireText(command.reason(), "reason");
    if (status == ArticleStatus.RETIRED) {
      throw new RuleViolation(
          "article-already-retired", "article " + articleId + " is already retired", status.name());
    }
    apply(new ArticleRetired(articleId, command.at(), command.actor(), command.reason()));
  }

  @EventSourcingHandler
  void on(ArticleDrafted event) {
    this.articleId = event.articleId();
    this.title = event.title();
    this.status = ArticleStatus.DRAFT;
  }

  @EventSourcingHandler
  void on(ArticlePublished event) {
    this.status = ArticleStatus.PUBLISHED;
  }

  @EventSourcingHandler
  void on(ArticleRetired event) {
    this.status = ArticleStatus.RETIRED;
  }

  /** The web layer validates first; this keeps a blank text out of the public events anyway. */
  private static void requireText(String value, String field) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException("an article's " + field + " must not be blank");
    }
  }
}
