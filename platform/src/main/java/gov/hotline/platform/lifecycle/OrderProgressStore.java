package gov.hotline.platform.lifecycle;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.MongoWriteException;
import com.mongodb.bulk.BulkWriteError;
import com.mongodb.bulk.BulkWriteResult;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.WriteModel;
import gov.hotline.contract.workorder.IllegalTransition;
import gov.hotline.contract.workorder.OrderLifecycle;
import gov.hotline.contract.workorder.OrderProgress;
import gov.hotline.contract.workorder.WorkOrderEvent;
import gov.hotline.platform.axon.Batches;
import gov.hotline.platform.history.HistoryShare;
import gov.hotline.platform.runtime.DaemonThreads;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
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
   * order is folded without reading its document back. Every write is conditional on the sequence
   * it was folded from, so an entry made stale by another writer (a second instance that held the
   * order's segment for a while) can never overwrite newer state: the write misses, the entry is
   * dropped and the order is read and folded again.
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
  private final java.util.concurrent.atomic.AtomicLong staleWrites =
      new java.util.concurrent.atomic.AtomicLong();

  /** How many writes found the order changed by another writer and folded it again. */
  public long staleWrites() {
    return staleWrites.get();
  }

  private static final String PENDING = OrderProgressStore.class.getName() + ".pending";
  private static final int DUPLICATE_KEY = 11000;

  private record Folded(OrderProgress progress, long sequence) {}

  /** An event folded into a batch's pending write, and what to do once it is stored. */
  private record Step(WorkOrderEvent event, long sequence, Runnable whenWritten) {}

  /** One order's pending write: the state it was folded from and the batch's steps on top. */
  static final class Pending {
    final Folded base;
    final List<Step> steps = new ArrayList<>();
    Folded folded;

    Pending(Folded base) {
      this.base = base;
      this.folded = base;
    }
  }

  public OrderProgressStore(MongoTemplate mongo, String collection) {
    this.mongo = mongo;
    this.collection = collection;
  }

  /**
   * Folds {@code event}, the {@code sequence}-th event of the order's aggregate, into the view;
   * false when it is known to be folded already. An order's first event is not looked up: folded
   * already, it answers true and its conditional write changes nothing.
   */
  public boolean apply(WorkOrderEvent event, long sequence) {
    return apply(event, sequence, () -> {});
  }

  /**
   * Folds {@code event} like {@link #apply(WorkOrderEvent, long)} and runs {@code whenWritten} once
   * the fold is stored. Inside an Axon batch the folds of the whole batch are written together, one
   * bulk write when its last event is handled — before the processor's token moves, so a failed
   * write rolls the batch back and it is retried; outside a batch at once.
   */
  public boolean apply(WorkOrderEvent event, long sequence, Runnable whenWritten) {
    Map<UUID, Pending> pending = pendingWrites();
    boolean folded = fold(pending, event, sequence, whenWritten);
    flushIfLastOfBatch(pending);
    return folded;
  }

  /** Folds {@code event} into the order's write in {@code pending}; false if folded already. */
  private boolean fold(
      Map<UUID, Pending> pending, WorkOrderEvent event, long sequence, Runnable whenWritten) {
    Pending order = pending.get(event.orderId());
    if (order == null) {
      // An order's first event (sequence 0) is not looked for in the view: it is new there but
      // after a redelivery or a replay over a kept view, whose write then misses the condition
      // and is re-checked (refold). Saves a find per order and view.
      order = new Pending(sequence == 0 ? recent.get(event.orderId()) : known(event.orderId()));
    }
    Folded current = order.folded;
    if (current != null && current.sequence() >= sequence) {
      return false; // folded already: a redelivery or a replay over a kept view
    }
    OrderProgress after;
    try {
      after = OrderLifecycle.evolve(current == null ? null : current.progress(), event);
    } catch (IllegalTransition refused) {
      Folded stored = order.steps.isEmpty() ? stored(event.orderId()) : current;
      if (sequenceOf(stored) == sequenceOf(current)) {
        throw refused; // refused on what is stored, not on a stale cache
      }
      recent.remove(event.orderId()); // another writer moved the order on: fold on its state
      return fold(pending, event, sequence, whenWritten);
    }
    order.folded = new Folded(after, sequence);
    order.steps.add(new Step(event, sequence, whenWritten));
    pending.put(event.orderId(), order);
    recent.put(event.orderId(), order.folded);
    return true;
  }

  /**
   * A rebuild of this (emptied) view from the events of the aggregates in store order, outside any
   * processor: {@link Rebuild#fold} folds each event as {@link #apply} does, and the folds of every
   * {@value #REBUILD_CHUNK} events are written together, one document per order — so an order's
   * five events cost one write, not five, and no token is stored per batch. The writes are the same
   * conditional writes as {@link #apply}'s, so a rebuild over a view another writer fills at the
   * same time stays correct.
   */
  public Rebuild rebuild() {
    return new Rebuild();
  }

  static final int REBUILD_CHUNK = 2_000;

  /**
   * One rebuild's folds not yet written. A chunk is written on a thread of its own while the next
   * is folded, one chunk at a time and in order (each write is conditional on the one before).
   * Close it when done, also after a failure.
   */
  public final class Rebuild implements AutoCloseable {
    private final Map<UUID, Pending> pending = new LinkedHashMap<>();
    private final java.util.concurrent.ExecutorService writer =
        java.util.concurrent.Executors.newSingleThreadExecutor(
            DaemonThreads.named("view-rebuild-writer-" + collection));
    private java.util.concurrent.Future<?> writing =
        java.util.concurrent.CompletableFuture.completedFuture(null);
    private int steps;

    private Rebuild() {}

    /** Folds the {@code sequence}-th event of its order; false when it was folded already. */
    public boolean fold(WorkOrderEvent event, long sequence) {
      boolean folded = OrderProgressStore.this.fold(pending, event, sequence, () -> {});
      if (++steps >= REBUILD_CHUNK) {
        flushChunk();
      }
      return folded;
    }

    /** Writes what is folded and not yet written, and waits until it is. */
    public void finish() {
      flushChunk();
      awaitWriting();
    }

    @Override
    public void close() {
      writer.shutdownNow();
    }

    private void flushChunk() {
      if (!pending.isEmpty()) {
        List<Pending> chunk = new ArrayList<>(pending.values());
        pending.clear();
        awaitWriting();
        writing = writer.submit(() -> flush(chunk));
      }
      steps = 0;
    }

    private void awaitWriting() {
      try {
        writing.get();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while rebuilding " + collection, e);
      } catch (java.util.concurrent.ExecutionException e) {
        if (e.getCause() instanceof RuntimeException failure) {
          throw failure;
        }
        throw new IllegalStateException("rebuilding " + collection + " failed", e.getCause());
      }
    }
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
      UUID orderId = seeded.order().orderId();
      writes.add(
          new ReplaceOneModel<>(
              byId(orderId),
              document(orderId, new Folded(progress, sequence)),
              new ReplaceOptions().upsert(true)));
    }
    if (!writes.isEmpty()) {
      mongo.getCollection(collection).bulkWrite(writes, new BulkWriteOptions().ordered(false));
    }
  }

  private static long sequenceOf(Folded folded) {
    return folded == null ? -1 : folded.sequence();
  }

  private Folded known(UUID orderId) {
    Folded cached = recent.get(orderId);
    return cached != null ? cached : stored(orderId);
  }

  private Folded stored(UUID orderId) {
    Document stored = mongo.getCollection(collection).find(byId(orderId)).first();
    return stored == null
        ? null
        : new Folded(read(stored), stored.get(SEQUENCE, Number.class).longValue());
  }

  private Map<UUID, Pending> pendingWrites() {
    if (!CurrentUnitOfWork.isStarted()) {
      return new LinkedHashMap<>();
    }
    UnitOfWork<?> root = CurrentUnitOfWork.get().root();
    return root.getOrComputeResource(
        PENDING + "." + collection,
        k -> {
          PendingWrites writes = new PendingWrites(this);
          // nothing of a rolled-back batch was stored: forget what was folded from it
          root.onRollback(u -> writes.keySet().forEach(recent::remove));
          // The batch's last event flushes (BatchEnd, after every event of a processor). Should a
          // batch end without it, writing now is late — the token is stored first — but better
          // than losing the folds.
          root.onPrepareCommit(u -> writes.flush());
          return writes;
        });
  }

  /** One batch's folds of one store, waiting for the batch's last event. */
  static final class PendingWrites extends LinkedHashMap<UUID, Pending> {
    private final transient OrderProgressStore store;

    PendingWrites(OrderProgressStore store) {
      this.store = store;
    }

    void flush() {
      if (!isEmpty()) {
        store.flush(values());
        clear();
      }
    }
  }

  /**
   * Writes the folds of every store the batch of {@code unitOfWork} touched when it is at its last
   * event: called by {@link BatchEnd} after each event a processor handles, whichever handler took
   * it (or none).
   */
  static void flushIfLastOfBatch(UnitOfWork<?> unitOfWork) {
    if (!Batches.isLastOfBatch(unitOfWork)) {
      return;
    }
    for (Object resource : List.copyOf(unitOfWork.root().resources().values())) {
      if (resource instanceof PendingWrites writes) {
        writes.flush();
      }
    }
  }

  private void flushIfLastOfBatch(Map<UUID, Pending> pending) {
    if (Batches.isLastOfBatch() && !pending.isEmpty()) {
      flush(pending.values());
      pending.clear();
    }
  }

  /** One bulk write of every order's fold, each conditional on the sequence it was folded from. */
  private void flush(Collection<Pending> orders) {
    List<Pending> list = new ArrayList<>(orders);
    List<WriteModel<Document>> writes = new ArrayList<>();
    list.forEach(order -> writes.add(conditionalWrite(order.base, order.folded, order)));
    List<Pending> missed = new ArrayList<>();
    try {
      BulkWriteResult result =
          mongo.getCollection(collection).bulkWrite(writes, new BulkWriteOptions().ordered(false));
      if (result.getMatchedCount() + result.getUpserts().size() < list.size()) {
        missed.addAll(list); // which one missed is not told: re-check them all
      }
    } catch (MongoBulkWriteException e) {
      for (BulkWriteError error : e.getWriteErrors()) {
        if (error.getCode() != DUPLICATE_KEY) {
          throw e;
        }
        missed.add(list.get(error.getIndex()));
      }
    }
    missed.forEach(this::refold);
    list.forEach(order -> order.steps.forEach(step -> step.whenWritten().run()));
  }

  private ReplaceOneModel<Document> conditionalWrite(Folded base, Folded folded, Pending order) {
    UUID orderId = order.steps.get(0).event().orderId();
    Bson filter =
        base == null
            ? Filters.and(byId(orderId), Filters.exists(SEQUENCE, false))
            : Filters.and(byId(orderId), Filters.eq(SEQUENCE, base.sequence()));
    return new ReplaceOneModel<>(
        filter, document(orderId, folded), new ReplaceOptions().upsert(true));
  }

  /** The view's document of an order: its progress and the sequence it was folded up to. */
  private Document document(UUID orderId, Folded folded) {
    Document document = new Document("_id", orderId.toString());
    document.put(PROGRESS, write(folded.progress()));
    document.put(SEQUENCE, folded.sequence());
    return document;
  }

  /**
   * Another writer changed the order since it was cached: read it, fold this batch's steps the
   * stored document has not seen on top, and write again on the same condition.
   */
  private void refold(Pending order) {
    staleWrites.incrementAndGet();
    UUID orderId = order.steps.get(0).event().orderId();
    for (int attempt = 0; attempt < 10; attempt++) {
      recent.remove(orderId);
      Folded stored = stored(orderId);
      Folded folded = stored;
      for (Step step : order.steps) {
        if (folded == null || step.sequence() > folded.sequence()) {
          folded =
              new Folded(
                  OrderLifecycle.evolve(folded == null ? null : folded.progress(), step.event()),
                  step.sequence());
        }
      }
      if (folded == stored) {
        return; // the other writer had folded all of them
      }
      try {
        ReplaceOneModel<Document> write = conditionalWrite(stored, folded, order);
        var result =
            mongo
                .getCollection(collection)
                .replaceOne(write.getFilter(), write.getReplacement(), write.getReplaceOptions());
        if (result.getMatchedCount() + (result.getUpsertedId() == null ? 0 : 1) > 0) {
          recent.put(orderId, folded);
          return;
        }
      } catch (MongoWriteException e) {
        if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
          throw e;
        }
      }
    }
    throw new IllegalStateException("order " + orderId + " kept changing under " + collection);
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
