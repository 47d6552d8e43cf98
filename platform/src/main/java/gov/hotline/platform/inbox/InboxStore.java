package gov.hotline.platform.inbox;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.MongoWriteException;
import com.mongodb.bulk.BulkWriteError;
import com.mongodb.client.model.InsertManyOptions;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
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
      mongo.getCollection(COLLECTION).insertOne(document(event, Date.from(clock.instant())));
      return true;
    } catch (MongoWriteException e) {
      if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
        throw e;
      }
      return false; // remembered by an earlier delivery
    }
  }

  private static Document document(InboundEvent event, Date processedAt) {
    return new Document("_id", event.id())
        .append("type", event.type())
        .append("subject", event.subject())
        .append("topic", event.topic())
        .append("partition", event.partition())
        .append("offset", event.offset())
        .append("processedAt", processedAt);
  }

  /**
   * Remembers the events' ids with one insert; returns the ids an earlier delivery had remembered
   * already. None is nothing to write (a history chunk of this service's own events only).
   */
  public Set<String> rememberAll(List<InboundEvent> events) {
    if (events.isEmpty()) {
      return Set.of();
    }
    if (events.size() == 1) {
      return remember(events.get(0)) ? Set.of() : Set.of(events.get(0).id());
    }
    List<Document> documents = new ArrayList<>(events.size());
    Date now = Date.from(clock.instant());
    events.forEach(event -> documents.add(document(event, now)));
    try {
      mongo.getCollection(COLLECTION).insertMany(documents, new InsertManyOptions().ordered(false));
      return Set.of();
    } catch (MongoBulkWriteException e) {
      Set<String> duplicates = new HashSet<>();
      for (BulkWriteError error : e.getWriteErrors()) {
        if (error.getCategory() != ErrorCategory.DUPLICATE_KEY) {
          throw e;
        }
        duplicates.add(events.get(error.getIndex()).id());
      }
      return duplicates;
    }
  }
}
