package gov.hotline.platform.lifecycle;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import gov.hotline.contract.workorder.OrderLifecycle;
import gov.hotline.contract.workorder.OrderProgress;
import gov.hotline.contract.workorder.WorkOrderEvent;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
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
   * write. An entry may be stale: with segments, another instance (or thread) may have folded the
   * order since, while the segment was away. So each write is conditional on the sequence this
   * store believes is stored ({@code replaceOne({_id, sequence: known})}); when it matches nothing,
   * the document is read back and the event folded again on what is stored. A stale entry never
   * overwrites newer state, and the common case still costs one command.
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

  private final AtomicLong staleWrites = new AtomicLong();

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
      known = stored(event.orderId());
    }
    while (true) {
      if (known != null && known.sequence() >= sequence) {
        return false; // folded already: a redelivery or a replay over a kept view
      }
      OrderProgress after = OrderLifecycle.evolve(known == null ? null : known.progress(), event);
      Document document = new Document("_id", event.orderId().toString());
      document.put(PROGRESS, write(after));
      document.put(SEQUENCE, sequence);
      if (write(event.orderId(), known, document)) {
        recent.put(event.orderId(), new Folded(after, sequence));
        return true;
      }
      // someone else folded this order meanwhile: fold on what is stored now
      recent.remove(event.orderId());
      staleWrites.incrementAndGet();
      known = stored(event.orderId());
    }
  }

  /**
   * Writes the document if the stored one is still at {@code known}'s sequence (or, for an order
   * this store knows nothing of, still missing); false when another writer got there first.
   */
  private boolean write(UUID orderId, Folded known, Document document) {
    MongoCollection<Document> documents = mongo.getCollection(collection);
    if (known == null) {
      try {
        documents.insertOne(document);
        return true;
      } catch (MongoWriteException e) {
        if (e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
          return false;
        }
        throw e;
      }
    }
    return documents
            .replaceOne(
                Filters.and(byId(orderId), Filters.eq(SEQUENCE, known.sequence())), document)
            .getMatchedCount()
        == 1;
  }

  private Folded stored(UUID orderId) {
    Document stored = mongo.getCollection(collection).find(byId(orderId)).first();
    return stored == null
        ? null
        : new Folded(read(stored), stored.get(SEQUENCE, Number.class).longValue());
  }

  /** Writes that found the order folded further by another writer, and folded again. */
  public long staleWrites() {
    return staleWrites.get();
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
