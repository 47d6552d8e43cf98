package gov.hotline.platform.inbox;

import java.time.Clock;
import org.bson.Document;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;

/** Ids of the events this service has consumed, in its own database. */
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

  public void remember(InboundEvent event) {
    try {
      mongo
          .getCollection(COLLECTION)
          .insertOne(
              new Document("_id", event.id())
                  .append("type", event.type().ceType())
                  .append("subject", event.subject())
                  .append("topic", event.topic())
                  .append("partition", event.partition())
                  .append("offset", event.offset())
                  .append("processedAt", java.util.Date.from(clock.instant())));
    } catch (DuplicateKeyException | com.mongodb.MongoWriteException e) {
      // Remembered by an earlier delivery: nothing to do.
    }
  }
}
