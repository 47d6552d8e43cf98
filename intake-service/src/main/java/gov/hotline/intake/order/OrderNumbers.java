package gov.hotline.intake.order;

import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * Human order numbers: {@code yyyyMMdd} in the hotline's zone plus a six-digit daily sequence, from
 * an atomic per-day counter in intake's database. A number is never handed out twice; a demand
 * rejected after taking one leaves a gap, which is allowed.
 */
public class OrderNumbers {
  static final String COLLECTION = "order_number_counters";
  private static final DateTimeFormatter DAY = DateTimeFormatter.BASIC_ISO_DATE;
  private final MongoTemplate mongo;
  private final Clock clock;
  private final ZoneId zone;

  public OrderNumbers(MongoTemplate mongo, Clock clock, ZoneId zone) {
    this.mongo = mongo;
    this.clock = clock;
    this.zone = zone;
  }

  /**
   * Takes the numbers of seeded orders ({@code ./hotline seed}) on their days: each day's counter
   * moves to at least the highest seeded number, so no number is handed out twice.
   */
  public void reserve(java.util.Collection<String> orderNumbers) {
    java.util.Map<String, Long> highest = new java.util.TreeMap<>();
    for (String number : orderNumbers) {
      highest.merge(number.substring(0, 8), Long.parseLong(number.substring(8)), Math::max);
    }
    highest.forEach(
        (day, seq) ->
            mongo
                .getCollection(COLLECTION)
                .updateOne(
                    new Document("_id", day),
                    new Document("$max", new Document("seq", seq)),
                    new com.mongodb.client.model.UpdateOptions().upsert(true)));
  }

  public String next() {
    String day = LocalDate.ofInstant(clock.instant(), zone).format(DAY);
    Document counter =
        mongo
            .getCollection(COLLECTION)
            .findOneAndUpdate(
                new Document("_id", day),
                new Document("$inc", new Document("seq", 1L)),
                new FindOneAndUpdateOptions().upsert(true).returnDocument(ReturnDocument.AFTER));
    long seq = ((Number) counter.get("seq")).longValue();
    if (seq > 999_999) {
      throw new IllegalStateException("more than 999999 orders on " + day);
    }
    return day + String.format("%06d", seq);
  }
}
