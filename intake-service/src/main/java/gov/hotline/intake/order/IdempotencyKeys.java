package gov.hotline.intake.order;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;
import java.util.UUID;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * Which order each idempotency key opened, per actor, in intake's database: the key's claim is
 * written before the order is opened, so a retry after a crash in between finds it and finishes the
 * same order instead of opening a second one.
 */
public class IdempotencyKeys {
  static final String COLLECTION = "idempotency_keys";
  private final MongoTemplate mongo;

  public IdempotencyKeys(MongoTemplate mongo) {
    this.mongo = mongo;
  }

  /** What a key was first used for. */
  public record Claim(String fingerprint, UUID orderId, String orderNumber, Instant receivedAt) {}

  public Optional<Claim> find(String scopedKey) {
    Document found = mongo.getCollection(COLLECTION).find(new Document("_id", scopedKey)).first();
    return Optional.ofNullable(found)
        .map(
            d ->
                new Claim(
                    d.getString("fingerprint"),
                    UUID.fromString(d.getString("orderId")),
                    d.getString("orderNumber"),
                    d.getDate("receivedAt").toInstant()));
  }

  /** Claims the key; false when another request claimed it first. */
  public boolean claim(String scopedKey, Claim claim) {
    try {
      mongo
          .getCollection(COLLECTION)
          .insertOne(
              new Document("_id", scopedKey)
                  .append("fingerprint", claim.fingerprint())
                  .append("orderId", claim.orderId().toString())
                  .append("orderNumber", claim.orderNumber())
                  .append("receivedAt", Date.from(claim.receivedAt())));
      return true;
    } catch (MongoWriteException e) {
      if (e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
        return false;
      }
      throw e;
    }
  }
}
