package gov.hotline.embedded;

import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.in;
import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.MongoException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The store's promise under concurrency: {@link MongoMain} in a child JVM takes writes from several
 * threads at once (inserts, batches, deletes, {@code $inc} updates, {@code findAndModify} on a
 * shared counter), is SIGKILLed in the middle of them, and restarts on the same file, three times
 * over. Every write that was acknowledged before the kill is there after it, every acknowledged
 * delete stays deleted, counters hold at least what was acknowledged (at most one more, for a write
 * in flight), and no number was handed out twice. A low compaction threshold makes compactions run
 * during the writes, so kills also land on them.
 */
class EmbeddedMongoKillIT {

  private static final int THREADS = 6;
  private static final int ROUNDS = 3;

  /** What the server acknowledged, over all rounds. */
  private final Set<String> inserted = ConcurrentHashMap.newKeySet();

  private final Set<String> maybeDeleted = ConcurrentHashMap.newKeySet();
  private final Set<String> deleted = ConcurrentHashMap.newKeySet();
  private final List<Throwable> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
  private final Map<Integer, AtomicLong> increments = new ConcurrentHashMap<>();
  private final Set<Long> numbers = ConcurrentHashMap.newKeySet();
  private final AtomicLong duplicateNumbers = new AtomicLong();

  @Test
  void everyAcknowledgedWriteSurvivesKillDashNine(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("mongo/hotline.data");
    Path log = dir.resolve("mongo-main.log");
    Random random = new Random(9);
    for (int t = 0; t < THREADS; t++) {
      increments.put(t, new AtomicLong());
    }
    for (int round = 0; round < ROUNDS; round++) {
      ChildMongo child = ChildMongo.start(file, log, "-Dembedded.mongo.rewrite-min-bytes=200000");
      try (MongoClient client = child.client()) {
        verify(client, round);
        int acknowledgedBefore = inserted.size();
        writeUntilKilled(client, child, 800 + random.nextInt(1200));
        assertThat(inserted.size())
            .as("round %d wrote something", round)
            .isGreaterThan(acknowledgedBefore);
      }
    }
    ChildMongo last = ChildMongo.start(file, log);
    try (MongoClient client = last.client()) {
      verify(client, ROUNDS);
    } finally {
      last.stop();
    }
    assertThat(failures).isEmpty();
    assertThat(duplicateNumbers.get()).as("numbers handed out twice").isZero();
    String output = Files.readString(log);
    assertThat(output).doesNotContain("Exception").doesNotContain("ERROR");
    System.out.printf(
        "kill test: %d acknowledged inserts, %d deletes, %d increments, %d numbers; %d"
            + " compaction(s) logged, %d torn tail(s) cut%n",
        inserted.size(),
        deleted.size(),
        increments.values().stream().mapToLong(AtomicLong::get).sum(),
        numbers.size(),
        output.lines().filter(l -> l.contains("compacted embedded Mongo store")).count(),
        output.lines().filter(l -> l.contains("cut off")).count());
  }

  private void writeUntilKilled(MongoClient client, ChildMongo child, long killAfterMillis)
      throws Exception {
    MongoCollection<Document> events = events(client);
    MongoCollection<Document> counters = client.getDatabase("intake").getCollection("counters");
    AtomicBoolean killed = new AtomicBoolean();
    CountDownLatch started = new CountDownLatch(THREADS);
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    for (int t = 0; t < THREADS; t++) {
      int thread = t;
      pool.execute(
          () -> {
            Random random = new Random(thread * 31L + System.nanoTime());
            List<String> mine = new ArrayList<>();
            started.countDown();
            for (long n = 0; !killed.get(); n++) {
              try {
                write(events, counters, thread, n, random, mine);
              } catch (RuntimeException | AssertionError e) {
                if (!(e instanceof MongoException)) {
                  failures.add(e);
                  return;
                }
                if (!killed.get()) {
                  try {
                    Thread.sleep(10); // the kill comes first; anything else would fail verify
                  } catch (InterruptedException ie) {
                    return;
                  }
                }
              }
            }
          });
    }
    started.await();
    Thread.sleep(killAfterMillis);
    child.kill();
    killed.set(true);
    pool.shutdown();
    assertThat(pool.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
  }

  private void write(
      MongoCollection<Document> events,
      MongoCollection<Document> counters,
      int thread,
      long n,
      Random random,
      List<String> mine) {
    String id = "t" + thread + "-" + n + "-" + random.nextInt(1_000_000);
    switch (random.nextInt(10)) {
      case 0, 1, 2 -> {
        events.insertOne(event(id, thread, n));
        inserted.add(id);
        mine.add(id);
      }
      case 3 -> {
        List<Document> batch = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
          batch.add(event(id + "-" + i, thread, n));
        }
        events.insertMany(batch);
        batch.forEach(d -> inserted.add(d.getString("_id")));
        batch.forEach(d -> mine.add(d.getString("_id")));
      }
      case 4 -> {
        if (!mine.isEmpty()) {
          String victim = mine.remove(random.nextInt(mine.size()));
          maybeDeleted.add(victim); // an unacknowledged delete may have happened too
          if (events.deleteOne(eq("_id", victim)).getDeletedCount() != 1) {
            throw new AssertionError("acknowledged insert " + victim + " was not there");
          }
          deleted.add(victim);
        }
      }
      case 5, 6 -> {
        counters.updateOne(
            eq("_id", "thread-" + thread),
            // like a tracking token: a few KB rewritten every time, so compactions are due
            Updates.combine(Updates.inc("value", 1L), Updates.set("token", "t".repeat(3000) + n)),
            new UpdateOptions().upsert(true));
        increments.get(thread).incrementAndGet();
      }
      default -> {
        Document next =
            counters.findOneAndUpdate(
                eq("_id", "order-numbers"),
                Updates.inc("value", 1L),
                new FindOneAndUpdateOptions().upsert(true).returnDocument(ReturnDocument.AFTER));
        if (!numbers.add(next.getLong("value"))) {
          duplicateNumbers.incrementAndGet();
        }
      }
    }
  }

  private static Document event(String id, int thread, long n) {
    return new Document("_id", id)
        .append("aggregateIdentifier", "agg-" + thread + "-" + n)
        .append("sequenceNumber", 0L)
        .append("timestamp", String.format("2026-12-01T10:%010d", n))
        .append("serializedPayload", "p".repeat(300));
  }

  private static MongoCollection<Document> events(MongoClient client) {
    MongoCollection<Document> events = client.getDatabase("intake").getCollection("events");
    events.createIndex(
        Indexes.ascending("aggregateIdentifier", "sequenceNumber"),
        new IndexOptions().unique(true).name("uniqueAggregateIndex"));
    events.createIndex(Indexes.ascending("timestamp"));
    return events;
  }

  private void verify(MongoClient client, int round) {
    MongoCollection<Document> events = events(client);
    Set<String> present = new HashSet<>();
    events.find().projection(new Document("_id", 1)).forEach(d -> present.add(d.getString("_id")));
    Set<String> lost = new HashSet<>(inserted);
    lost.removeAll(maybeDeleted);
    lost.removeAll(present);
    assertThat(lost).as("acknowledged inserts missing after round %d", round).isEmpty();
    assertThat(events.countDocuments(in("_id", new ArrayList<>(deleted))))
        .as("acknowledged deletes undone after round %d", round)
        .isZero();
    // the indexes were rebuilt: a query through the unique index finds what a scan finds
    for (String id : present.stream().limit(20).toList()) {
      Document byId = events.find(eq("_id", id)).first();
      assertThat(events.find(eq("aggregateIdentifier", byId.getString("aggregateIdentifier"))))
          .hasSize(1);
    }
    MongoCollection<Document> counters = client.getDatabase("intake").getCollection("counters");
    for (int t = 0; t < THREADS; t++) {
      Document counter = counters.find(eq("_id", "thread-" + t)).first();
      long value = counter == null ? 0 : counter.getLong("value");
      long acknowledged = increments.get(t).get();
      assertThat(value)
          .as("counter of thread %d after round %d", t, round)
          .isBetween(acknowledged, acknowledged + 1);
      increments.get(t).set(value); // an unacknowledged increment that made it counts from now
    }
    Document orderNumbers = counters.find(eq("_id", "order-numbers")).first();
    long highest = numbers.stream().mapToLong(Long::longValue).max().orElse(0);
    assertThat(orderNumbers == null ? 0 : orderNumbers.getLong("value"))
        .as("order-number counter after round %d", round)
        .isBetween(highest, highest + THREADS);
  }
}
