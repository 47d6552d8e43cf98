package gov.hotline.supervision.timeline;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.bulk.BulkWriteError;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.InsertManyOptions;
import com.mongodb.client.model.Sorts;
import gov.hotline.contract.Actor;
import gov.hotline.contract.workorder.WorkOrderEvent;
import gov.hotline.platform.inbox.InboundEvent;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import org.bson.Document;
import org.bson.RawBsonDocument;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * Every lifecycle event of every order as it stood on the topic: the audit trail. One document per
 * event id (a redelivery changes nothing), ordered by its position in the order's partition.
 */
public class TimelineStore {
  static final String COLLECTION = "timeline";
  private final MongoTemplate mongo;
  private final String collection;

  public TimelineStore(MongoTemplate mongo) {
    this(mongo, COLLECTION);
  }

  /**
   * The trail in {@code collection}: the live {@value #COLLECTION}, or a fresh collection a replay
   * rebuilds, indexed the same.
   */
  TimelineStore(MongoTemplate mongo, String collection) {
    this.mongo = mongo;
    this.collection = collection;
    // the audit trail of one order is read by its id; without this the read scans all history
    mongo
        .getCollection(collection)
        .createIndex(
            Indexes.ascending("orderId", "partition", "offset"),
            new IndexOptions().name("orderId_partition_offset"));
  }

  /** Records many events in one unordered bulk insert; those recorded already stay as they are. */
  public void recordAll(List<InboundEvent> events, Instant recordedAt) {
    recordAll(
        events.stream().map(e -> entry(e, e.payload(WorkOrderEvent.class), recordedAt)).toList());
  }

  /**
   * Records many entries (from {@link #entry}) in one bulk insert; an event recorded already (the
   * topic is at-least-once, so it may carry an event twice) is left as it is. Returns how many were
   * new.
   */
  int recordAll(List<Document> entries) {
    if (entries.isEmpty()) {
      return 0;
    }
    try {
      return mongo
          .getCollection(collection)
          .insertMany(entries, new InsertManyOptions().ordered(false))
          .getInsertedIds()
          .size();
    } catch (MongoBulkWriteException e) {
      for (BulkWriteError error : e.getWriteErrors()) {
        if (ErrorCategory.fromErrorCode(error.getCode()) != ErrorCategory.DUPLICATE_KEY) {
          throw e;
        }
      }
      // every entry not refused as a duplicate was inserted (the embedded server's reply counts
      // the refused ones as inserted too)
      return entries.size() - e.getWriteErrors().size();
    }
  }

  /** The trail's document of one event. */
  static Document entry(InboundEvent event, WorkOrderEvent step, Instant recordedAt) {
    Actor actor = step.actor();
    Document actorDoc = new Document("role", actor.role().name());
    putIfPresent(actorDoc, "userId", actor.userId());
    putIfPresent(actorDoc, "unitId", actor.unitId());
    putIfPresent(actorDoc, "system", actor.system());
    return new Document("_id", event.id())
        .append("orderId", step.orderId().toString())
        .append("orderNumber", step.orderNumber())
        .append("type", event.type())
        .append("step", event.eventType().orElseThrow().step())
        .append("occurredAt", Date.from(step.occurredAt()))
        .append("attempt", step.attempt())
        .append("actor", actorDoc)
        .append("service", String.valueOf(event.source()))
        // parsed straight into BSON bytes: no map of the event's fields is built, and inserting
        // it copies the bytes (a replay maps tens of thousands of these a second)
        .append("data", RawBsonDocument.parse(new String(event.data(), StandardCharsets.UTF_8)))
        .append("partition", event.partition())
        .append("offset", event.offset())
        .append("recordedAt", Date.from(recordedAt));
  }

  /** How many entries the trail holds, from the collection's metadata (no document is read). */
  long count() {
    return mongo.getCollection(collection).estimatedDocumentCount();
  }

  String collection() {
    return collection;
  }

  void drop() {
    mongo.getCollection(collection).drop();
  }

  public List<Document> entries(UUID orderId) {
    List<Document> entries = new ArrayList<>();
    mongo
        .getCollection(collection)
        .find(Filters.eq("orderId", orderId.toString()))
        .sort(Sorts.ascending("partition", "offset"))
        .forEach(entries::add);
    return entries;
  }

  private static void putIfPresent(Document doc, String key, String value) {
    if (value != null) {
      doc.append(key, value);
    }
  }
}
