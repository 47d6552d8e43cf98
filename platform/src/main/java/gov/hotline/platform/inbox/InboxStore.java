package gov.hotline.platform.inbox;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.MongoWriteException;
import com.mongodb.client.model.InsertManyOptions;
import java.time.Clock;
import java.util.Date;
import java.util.List;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * Ids of the events this service has consumed, in its own database ({@code inbox} collection, one
 * document per {@code ce_id}).
 */
public class InboxStore {
  static final String COLLECTION = "inbox";
  private final MongoTemplate mongo;
  private final Clock clock;

  public InboxStore(MongoTemplate mongo, Clock clock) {
    this.mongo = mongo;
    this.clock = clock;
  }

  public boolean seen(String eventId) {
    return mongo.getCollection(COLLECTION).find(new Document("_id", eventId)).first() != null;
  }

  /** Remembers the event's id; false when an earlier delivery had remembered it already. */
  public boolean remember(InboundEvent event) {
    try {
      mongo.getCollection(COLLECTION).insertOne(document(event));
      return true;
    } catch (MongoWriteException e) {
      if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
        throw e;
      }
      return false; // remembered by an earlier delivery
    }
  }

  /** Remembers every event's id in one unordered bulk insert; ids remembered before stay. */
  public void rememberAll(List<InboundEvent> events) {
    if (events.isEmpty()) {
      return;
    }
    try {
      mongo
          .getCollection(COLLECTION)
          .insertMany(
              events.stream().map(this::document).toList(), new InsertManyOptions().ordered(false));
    } catch (MongoBulkWriteException e) {
      if (e.getWriteErrors().stream()
          .anyMatch(w -> ErrorCategory.fromErrorCode(w.getCode()) != ErrorCategory.DUPLICATE_KEY)) {
        throw e;
      }
    }
  }

  private Document document(InboundEvent event) {
    return new Document("_id", event.id())
        .append("type", event.type())
        .append("subject", event.subject())
        .append("topic", event.topic())
        .append("partition", event.partition())
        .append("offset", event.offset())
        .append("processedAt", Date.from(clock.instant()));
  }
}
