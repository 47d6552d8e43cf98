package gov.hotline.embedded;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.gte;
import static com.mongodb.client.model.Filters.nin;
import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * Figures, not a check: the queries axon-mongo sends, against the stock H2 backend and the embedded
 * server (log store, in-memory indexes). Run with {@code -Dembedded.bench=true
 * [-Dembedded.bench.events=100000]} (it is skipped in the normal build).
 */
@EnabledIfSystemProperty(named = "embedded.bench", matches = "true")
class MongoIndexBenchmarkIT {

  private static final int EVENTS = Integer.getInteger("embedded.bench.events", 100_000);
  private static final int EVENTS_PER_AGGREGATE = 10;
  private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");
  // like Axon's DateTimeUtils.formatInstant: always with milliseconds, so strings sort by time
  private static final DateTimeFormatter TIMESTAMP =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  @Test
  void axonQueries(@TempDir Path dir) throws Exception {
    List<String> aggregates = new ArrayList<>();
    long stockInsert;
    Path stockFile = dir.resolve("stock.mv");
    MongoServer stock = new MongoServer(new H2Backend(stockFile.toString()));
    stock.bind("127.0.0.1", 0);
    try (MongoClient client =
        MongoClients.create("mongodb://127.0.0.1:" + stock.getLocalAddress().getPort())) {
      MongoCollection<Document> events = events(client);
      stockInsert = fill(events, aggregates);
      report("stock H2", events, aggregates, stockInsert);
    } finally {
      stock.shutdownNow();
    }
    System.out.printf("stock file size: %d MB%n", Files.size(stockFile) >> 20);

    Path indexedFile = dir.resolve("embedded/mongo.data");
    aggregates.clear();
    try (EmbeddedMongoServer indexed = EmbeddedMongoServer.start(indexedFile, 0);
        MongoClient client = MongoClients.create(indexed.connectionString())) {
      MongoCollection<Document> events = events(client);
      long insert = fill(events, aggregates);
      report("embedded (durable)", events, aggregates, insert);
    }
    System.out.printf("embedded file size: %d MB%n", Files.size(indexedFile) >> 20);

    long heapBefore = usedHeap();
    long started = System.nanoTime();
    try (EmbeddedMongoServer indexed = EmbeddedMongoServer.start(indexedFile, 0);
        MongoClient client = MongoClients.create(indexed.connectionString())) {
      long openMs = (System.nanoTime() - started) / 1_000_000;
      long heap = usedHeap() - heapBefore;
      System.out.printf(
          "reopen with %d events (index rebuild): %d ms, heap +%d MB (%d bytes per event)%n",
          EVENTS, openMs, heap >> 20, heap / EVENTS);
      report("embedded after reopen", events(client), aggregates, -1);
    }

    // the same, measured in fresh JVMs: the store with the events, minus an empty store
    Path empty = dir.resolve("empty/mongo.data");
    EmbeddedMongoServer.start(empty, 0).close();
    long perEvent = (probeHeap(indexedFile) - probeHeap(empty)) / EVENTS;
    System.out.printf(
        "heap of the reopened store in a fresh JVM: %d bytes per event (%d MB for %d)%n",
        perEvent, perEvent * EVENTS >> 20, EVENTS);
  }

  private static long probeHeap(Path file) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process process =
        new ProcessBuilder(
                java,
                "-Xmx2g",
                "-cp",
                System.getProperty("java.class.path"),
                HeapProbe.class.getName(),
                file.toString())
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .start();
    String output = new String(process.getInputStream().readAllBytes());
    assertThat(process.waitFor()).isZero();
    return output
        .lines()
        .filter(line -> line.startsWith("HEAP "))
        .mapToLong(line -> Long.parseLong(line.substring(5).trim()))
        .findFirst()
        .orElseThrow();
  }

  /** Heap in use after full collections (one {@code System.gc()} left garbage counted). */
  private static long usedHeap() throws InterruptedException {
    for (int i = 0; i < 4; i++) {
      System.gc();
      Thread.sleep(100);
    }
    Runtime runtime = Runtime.getRuntime();
    return runtime.totalMemory() - runtime.freeMemory();
  }

  private static MongoCollection<Document> events(MongoClient client) {
    MongoCollection<Document> events = client.getDatabase("bench").getCollection("domainevents");
    // as axon-mongo's ensureIndexes()
    events.createIndex(
        Indexes.ascending("aggregateIdentifier", "sequenceNumber"),
        new IndexOptions().unique(true).name("uniqueAggregateIndex"));
    events.createIndex(
        Indexes.ascending("timestamp", "sequenceNumber"),
        new IndexOptions().unique(false).name("orderedEventStreamIndex"));
    return events;
  }

  /** Inserts EVENTS events in batches of 100 (as a unit of work does); returns ms. */
  private static long fill(MongoCollection<Document> events, List<String> aggregates) {
    long started = System.nanoTime();
    List<Document> batch = new ArrayList<>();
    String payload = "x".repeat(300);
    String aggregate = null;
    for (int i = 0; i < EVENTS; i++) {
      if (i % EVENTS_PER_AGGREGATE == 0) {
        aggregate = UUID.randomUUID().toString();
        aggregates.add(aggregate);
      }
      batch.add(
          new Document("_id", new ObjectId())
              .append("aggregateIdentifier", aggregate)
              .append("type", "Order")
              .append("sequenceNumber", (long) (i % EVENTS_PER_AGGREGATE))
              .append("serializedPayload", payload)
              .append("timestamp", TIMESTAMP.format(START.plusMillis(i * 10L)))
              .append("payloadType", "gov.hotline.Received")
              .append("eventIdentifier", UUID.randomUUID().toString()));
      if (batch.size() == 100) {
        events.insertMany(batch);
        batch = new ArrayList<>();
      }
    }
    if (!batch.isEmpty()) {
      events.insertMany(batch);
    }
    return (System.nanoTime() - started) / 1_000_000;
  }

  private static void report(
      String label, MongoCollection<Document> events, List<String> aggregates, long insertMs) {
    String recent = TIMESTAMP.format(START.plusMillis((EVENTS - 60) * 10L));
    Bson tracking = and(gte("timestamp", recent), nin("eventIdentifier", List.of("a", "b", "c")));
    Supplier<Integer> trackingQuery =
        () ->
            events
                .find(tracking)
                .sort(Sorts.ascending("timestamp", "sequenceNumber"))
                .batchSize(100)
                .into(new ArrayList<>())
                .size();
    String aggregate = aggregates.get(aggregates.size() / 2);
    Supplier<Integer> loadAggregate =
        () ->
            events
                .find(and(eq("aggregateIdentifier", aggregate), gte("sequenceNumber", 0L)))
                .sort(Sorts.ascending("sequenceNumber"))
                .into(new ArrayList<>())
                .size();
    Supplier<Integer> lastSequence =
        () ->
            events
                .find(eq("aggregateIdentifier", aggregate))
                .sort(Sorts.descending("sequenceNumber"))
                .limit(1)
                .into(new ArrayList<>())
                .size();
    assertThat(trackingQuery.get()).isEqualTo(60);
    assertThat(loadAggregate.get()).isEqualTo(EVENTS_PER_AGGREGATE);
    assertThat(lastSequence.get()).isEqualTo(1);
    System.out.printf(
        "%s, %d events%s: tracking query %.2f ms, load aggregate %.2f ms, last sequence %.2f ms%n",
        label,
        EVENTS,
        insertMs < 0
            ? ""
            : String.format(" (inserted in batches of 100 at %d/s)", EVENTS * 1000L / insertMs),
        time(trackingQuery),
        time(loadAggregate),
        time(lastSequence));
  }

  private static double time(Supplier<Integer> query) {
    for (int i = 0; i < 3; i++) {
      query.get();
    }
    int runs = 0;
    long started = System.nanoTime();
    while (runs < 5 || (runs < 200 && System.nanoTime() - started < 2_000_000_000L)) {
      query.get();
      runs++;
    }
    return (System.nanoTime() - started) / 1e6 / runs;
  }
}
