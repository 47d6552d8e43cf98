package gov.hotline.platform.lifecycle;

import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.ReplaceOptions;
import gov.hotline.contract.workorder.OrderLifecycle;
import gov.hotline.contract.workorder.OrderProgress;
import gov.hotline.contract.workorder.WorkOrderEvent;
import gov.hotline.platform.history.HistoryShare;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.convert.MongoConverter;

/**
 * A read model of every order's {@link OrderProgress}, one document per order, folded by the
 * contract's {@link OrderLifecycle} — the same rules the aggregates decide by. Each document
 * remembers the aggregate sequence number of the last event it folded, so a redelivered or replayed
 * event changes nothing.
 *
 * <p>The progress sits under {@link #PROGRESS}; queries name its fields, e.g. {@code
 * progress.state} or {@code progress.leadUnit._id}.
 */
public final class OrderProgressStore {
  public static final String PROGRESS = "progress";
  public static final String SEQUENCE = "sequence";

  private final MongoTemplate mongo;
  private final String collection;
  private final List<String[]> indexes = new java.util.concurrent.CopyOnWriteArrayList<>();

  /**
   * What this store last wrote for the most recently folded orders, so the next event of a busy
   * order is folded without reading its document back: one write per event instead of a read and a
   * write. Right while this store is the only writer of its orders' documents — one projection
   * thread per view, as today; the scale-out issue (segments across instances) must drop entries of
   * segments it gives away.
   */
  private final Map<UUID, Folded> recent =
      Collections.synchronizedMap(
          new LinkedHashMap<>(256, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<UUID, Folded> eldest) {
              return size() > RECENT_ORDERS;
            }
          });

  private static final int RECENT_ORDERS = 10_000;

  private record Folded(OrderProgress progress, long sequence) {}

  public OrderProgressStore(MongoTemplate mongo, String collection) {
    this.mongo = mongo;
    this.collection = collection;
  }

  /**
   * Folds {@code event}, the {@code sequence}-th event of the order's aggregate, into the view;
   * false when it was folded already.
   */
  public boolean apply(WorkOrderEvent event, long sequence) {
    Folded known = recent.get(event.orderId());
    if (known == null) {
      Document stored = mongo.getCollection(collection).find(byId(event.orderId())).first();
      known =
          stored == null
              ? null
              : new Folded(read(stored), stored.get(SEQUENCE, Number.class).longValue());
    }
    if (known != null && known.sequence() >= sequence) {
      return false; // folded already: a redelivery or a replay over a kept view
    }
    OrderProgress after = OrderLifecycle.evolve(known == null ? null : known.progress(), event);
    Document document = new Document("_id", event.orderId().toString());
    document.put(PROGRESS, write(after));
    document.put(SEQUENCE, sequence);
    mongo
        .getCollection(collection)
        .replaceOne(byId(event.orderId()), document, new ReplaceOptions().upsert(true));
    recent.put(event.orderId(), new Folded(after, sequence));
    return true;
  }

  /**
   * Writes the documents of seeded orders ({@code ./hotline seed}) in bulk: each order's steps
   * folded as {@link #apply} folds them, one upsert per order instead of one per event.
   */
  public void seed(List<HistoryShare.Seeded> orders) {
    List<ReplaceOneModel<Document>> writes = new ArrayList<>(orders.size());
    for (HistoryShare.Seeded seeded : orders) {
      OrderProgress progress = null;
      long sequence = -1;
      for (HistoryShare.Stored step : seeded.steps()) {
        progress = OrderLifecycle.evolve(progress, step.step());
        sequence = step.sequence();
      }
      if (progress == null) {
        continue;
      }
      Document document = new Document("_id", seeded.order().orderId().toString());
      document.put(PROGRESS, write(progress));
      document.put(SEQUENCE, sequence);
      writes.add(
          new ReplaceOneModel<>(
              byId(seeded.order().orderId()), document, new ReplaceOptions().upsert(true)));
    }
    if (!writes.isEmpty()) {
      mongo.getCollection(collection).bulkWrite(writes, new BulkWriteOptions().ordered(false));
    }
  }

  public Optional<OrderProgress> find(UUID orderId) {
    return Optional.ofNullable(mongo.getCollection(collection).find(byId(orderId)).first())
        .map(this::read);
  }

  public Optional<OrderProgress> findOne(Bson filter) {
    return Optional.ofNullable(mongo.getCollection(collection).find(filter).first())
        .map(this::read);
  }

  public List<OrderProgress> list(Bson filter, Bson sort, int limit) {
    List<OrderProgress> result = new ArrayList<>();
    mongo
        .getCollection(collection)
        .find(filter)
        .sort(sort)
        .limit(limit)
        .forEach(d -> result.add(read(d)));
    return result;
  }

  /**
   * Creates an index on fields of the progress, e.g. {@code "state", "receivedAt"}, now and again
   * after every {@link #reset}, so a replayed view is never read by scanning it.
   */
  public void index(String... fields) {
    indexes.add(fields);
    createIndex(fields);
  }

  private void createIndex(String... fields) {
    List<String> paths = new ArrayList<>();
    for (String field : fields) {
      paths.add(PROGRESS + "." + field);
    }
    mongo
        .getCollection(collection)
        .createIndex(Indexes.ascending(paths), new IndexOptions().name(String.join("_", fields)));
  }

  public void reset() {
    recent.clear();
    mongo.getCollection(collection).drop();
    indexes.forEach(this::createIndex);
  }

  private static Bson byId(UUID orderId) {
    return Filters.eq("_id", orderId.toString());
  }

  private Document write(OrderProgress progress) {
    Document document = new Document();
    converter().write(progress, document);
    document.remove("_class");
    return document;
  }

  private OrderProgress read(Document stored) {
    return converter().read(OrderProgress.class, stored.get(PROGRESS, Document.class));
  }

  private MongoConverter converter() {
    return mongo.getConverter();
  }
}
