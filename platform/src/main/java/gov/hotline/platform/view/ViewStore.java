package gov.hotline.platform.view;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOptions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * One read model's documents, keyed by the aggregate id. Projections write with {@link #upsert},
 * which is idempotent for the {@code $set} updates they use, so a redelivered or replayed event
 * changes nothing; {@link #reset} lets a replay start from empty.
 */
public final class ViewStore {
  private final MongoTemplate mongo;
  private final String collection;

  public ViewStore(MongoTemplate mongo, String collection) {
    this.mongo = mongo;
    this.collection = collection;
  }

  private MongoCollection<Document> documents() {
    return mongo.getCollection(collection);
  }

  public void upsert(UUID id, Bson update) {
    documents()
        .updateOne(Filters.eq("_id", id.toString()), update, new UpdateOptions().upsert(true));
  }

  /** {@link #upsert} of many documents in one unordered bulk write. */
  public void upsertAll(java.util.Map<UUID, Bson> updates) {
    if (updates.isEmpty()) {
      return;
    }
    List<com.mongodb.client.model.UpdateOneModel<Document>> writes = new ArrayList<>();
    updates.forEach(
        (id, update) ->
            writes.add(
                new com.mongodb.client.model.UpdateOneModel<>(
                    Filters.eq("_id", id.toString()), update, new UpdateOptions().upsert(true))));
    documents().bulkWrite(writes, new com.mongodb.client.model.BulkWriteOptions().ordered(false));
  }

  public Optional<Document> find(UUID id) {
    return findOne(Filters.eq("_id", id.toString()));
  }

  public Optional<Document> findOne(Bson filter) {
    return Optional.ofNullable(documents().find(filter).first());
  }

  public List<Document> list(Bson filter, Bson sort, int limit) {
    List<Document> result = new ArrayList<>();
    documents().find(filter).sort(sort).limit(limit).forEach(result::add);
    return result;
  }

  public void reset() {
    documents().drop();
  }

  /** A date field as an instant, or null when absent. */
  public static Instant instant(Document document, String field) {
    Date date = document.getDate(field);
    return date == null ? null : date.toInstant();
  }
}
