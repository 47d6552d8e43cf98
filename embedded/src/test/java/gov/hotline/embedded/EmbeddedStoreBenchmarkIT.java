package gov.hotline.embedded;

import static com.mongodb.client.model.Filters.eq;
import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Updates;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;
import java.util.stream.Stream;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * Figures, not a check: what one write or read costs the durable embedded server, against
 * mongo-java-server's stock H2 backend (commits about once a second, so it loses acknowledged
 * writes on {@code kill -9}) on the same machine. Each phase runs for a fixed time after a warm-up
 * and prints operations per second and the bytes the server's threads allocated per operation
 * ({@code ThreadMXBean.getThreadAllocatedBytes} of the {@code mongo-server-worker} and store
 * threads; the client's allocation is not counted).
 *
 * <p>Run with {@code -Dembedded.bench=true [-Dembedded.bench.seconds=4]
 * -Dembedded.bench.max-operations=30000]} (skipped otherwise).
 */
@EnabledIfSystemProperty(named = "embedded.bench", matches = "true")
class EmbeddedStoreBenchmarkIT {

  private static final long PHASE_NANOS =
      Long.getLong("embedded.bench.seconds", 4) * 1_000_000_000L;
  private static final long WARM_UP_NANOS = PHASE_NANOS / 4;

  /**
   * At most this many operations per phase (batches count as one): the fast backend would otherwise
   * store several times more documents than the slow one and measure a larger heap.
   */
  private static final long MAX_OPERATIONS = Long.getLong("embedded.bench.max-operations", 30_000);

  private static final String PAYLOAD = "x".repeat(400);
  private static final String TOKEN = "t".repeat(1000);
  private static final int TOKENS = 200;

  private static final com.sun.management.ThreadMXBean THREADS =
      (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

  @Test
  void writesAndReads(@TempDir Path dir) throws Exception {
    List<String> lines = new ArrayList<>();
    lines.add(
        String.format(
            "%-34s %12s %12s %14s %12s %12s %12s %14s %12s %12s %8s %10s",
            "backend",
            "insert 1 thr",
            "insert 4 thr",
            "insertMany100",
            "update 1 thr",
            "update 4 thr",
            "find by id",
            "find+3 writers",
            "alloc/insert",
            "alloc/update",
            "GC",
            "file"));

    Path stockFile = dir.resolve("stock.mv");
    MongoServer stock = new MongoServer(new H2Backend(stockFile.toString()));
    stock.bind("127.0.0.1", 0);
    try {
      lines.add(run("stock H2 (commit ~1/s, loses writes)", stock.getLocalAddress().getPort()));
    } finally {
      stock.shutdownNow();
    }
    lines.set(lines.size() - 1, lines.get(lines.size() - 1) + size(stockFile));

    Path durableFile = dir.resolve("embedded/mongo.data");
    try (EmbeddedMongoServer server = EmbeddedMongoServer.start(durableFile, 0)) {
      lines.add(run("embedded (durable, this build)", server.port()));
    }
    lines.set(lines.size() - 1, lines.get(lines.size() - 1) + size(durableFile));

    System.out.println("load average at the end: " + loadAverage());
    lines.forEach(System.out::println);
  }

  private static String size(Path file) throws Exception {
    try (Stream<Path> files = Files.list(file.getParent())) {
      long bytes = files.filter(Files::isRegularFile).mapToLong(f -> f.toFile().length()).sum();
      return String.format(" %7d MB", bytes >> 20);
    }
  }

  private static String loadAverage() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).trim();
    } catch (Exception e) {
      return "?";
    }
  }

  private static long gcMillis() {
    return ManagementFactory.getGarbageCollectorMXBeans().stream()
        .mapToLong(gc -> Math.max(0, gc.getCollectionTime()))
        .sum();
  }

  private static String run(String label, int port) throws Exception {
    long gcBefore = gcMillis();
    long started = System.nanoTime();
    try (MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + port)) {
      MongoCollection<Document> events = client.getDatabase("bench").getCollection("events");
      events.createIndex(
          Indexes.ascending("aggregateIdentifier", "sequenceNumber"),
          new IndexOptions().unique(true).name("uniqueAggregateIndex"));
      events.createIndex(
          Indexes.ascending("timestamp", "sequenceNumber"),
          new IndexOptions().unique(false).name("orderedEventStreamIndex"));
      MongoCollection<Document> tokens = client.getDatabase("bench").getCollection("tokens");
      List<Object> ids = new ArrayList<>();
      for (int i = 0; i < TOKENS; i++) {
        tokens.insertOne(new Document("_id", "processor-" + i).append("token", TOKEN));
        ids.add("processor-" + i);
      }
      AtomicLong sequence = new AtomicLong();

      Result insert1 = phase(1, n -> events.insertOne(event(sequence.getAndIncrement())));
      Result insert4 = phase(4, n -> events.insertOne(event(sequence.getAndIncrement())));
      Result insertMany =
          phase(
              1,
              MAX_OPERATIONS / 50,
              n -> {
                List<Document> batch = new ArrayList<>(100);
                for (int i = 0; i < 100; i++) {
                  batch.add(event(sequence.getAndIncrement()));
                }
                events.insertMany(batch);
              });
      Result update1 =
          phase(
              1,
              n ->
                  tokens.updateOne(
                      eq("_id", ids.get((int) (n % TOKENS))), Updates.set("token", TOKEN + n)));
      Result update4 =
          phase(
              4,
              n ->
                  tokens.updateOne(
                      eq("_id", ids.get((int) (n % TOKENS))), Updates.set("token", TOKEN + n)));
      LongConsumer findById =
          n -> assertThat(tokens.find(eq("_id", ids.get((int) (n % TOKENS)))).first()).isNotNull();
      Result find = phase(1, findById);
      // reads while three threads keep updating: are readers blocked behind writes and commits?
      AtomicBoolean writing = new AtomicBoolean(true);
      ExecutorService writers = Executors.newFixedThreadPool(3);
      for (int t = 0; t < 3; t++) {
        int thread = t;
        writers.execute(
            () -> {
              for (long n = thread; writing.get(); n += 3) {
                tokens.updateOne(
                    eq("_id", ids.get((int) (n % TOKENS))), Updates.set("token", TOKEN + n));
              }
            });
      }
      Result findWhileWriting;
      try {
        findWhileWriting = phase(1, findById);
      } finally {
        writing.set(false);
        writers.shutdown();
        writers.awaitTermination(1, TimeUnit.MINUTES);
      }
      return String.format(
          "%-34s %12s %12s %14s %12s %12s %12s %14s %12s %12s %7d%%",
          label,
          insert1.rate(),
          insert4.rate(),
          insertMany.rate(100) + " docs",
          update1.rate(),
          update4.rate(),
          find.rate(),
          findWhileWriting.rate(),
          insert1.bytesPerOp() + " B",
          update1.bytesPerOp() + " B",
          (gcMillis() - gcBefore) * 100_000_000L / (System.nanoTime() - started));
    }
  }

  private static Document event(long n) {
    return new Document("_id", new ObjectId())
        .append("aggregateIdentifier", "agg-" + (n / 10))
        .append("type", "Order")
        .append("sequenceNumber", n % 10)
        .append("serializedPayload", PAYLOAD)
        .append("timestamp", String.format("2026-12-01T10:%08d.000Z", n))
        .append("payloadType", "gov.hotline.intake.OrderReceived")
        .append("payloadRevision", null)
        .append("serializedMetaData", "{\"traceId\":\"" + UUID.randomUUID() + "\"}")
        .append("eventIdentifier", UUID.randomUUID().toString());
  }

  private record Result(long operations, long nanos, long allocated) {
    String rate() {
      return rate(1);
    }

    String rate(int perOperation) {
      return String.format("%,d/s", operations * perOperation * 1_000_000_000L / nanos);
    }

    long bytesPerOp() {
      return operations == 0 ? 0 : allocated / operations;
    }
  }

  /** Runs {@code operation} on {@code threads} threads: a warm-up, then a timed phase. */
  private static Result phase(int threads, LongConsumer operation) throws Exception {
    return phase(threads, MAX_OPERATIONS, operation);
  }

  private static Result phase(int threads, long maxOperations, LongConsumer operation)
      throws Exception {
    timed(threads, operation, WARM_UP_NANOS, maxOperations / 4);
    long allocatedBefore = serverAllocatedBytes();
    long started = System.nanoTime();
    long operations = timed(threads, operation, PHASE_NANOS, maxOperations);
    long nanos = System.nanoTime() - started;
    return new Result(operations, nanos, serverAllocatedBytes() - allocatedBefore);
  }

  private static long timed(int threads, LongConsumer operation, long nanos, long maxOperations)
      throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    AtomicLong claimed = new AtomicLong();
    try {
      long deadline = System.nanoTime() + nanos;
      List<Future<Long>> counts = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int thread = t;
        counts.add(
            pool.submit(
                () -> {
                  long n = 0;
                  while (System.nanoTime() < deadline
                      && claimed.incrementAndGet() <= maxOperations) {
                    operation.accept(n * threads + thread);
                    n++;
                  }
                  return n;
                }));
      }
      long total = 0;
      for (Future<Long> count : counts) {
        total += count.get();
      }
      return total;
    } finally {
      pool.shutdownNow();
    }
  }

  /** Bytes allocated so far by the server's threads (netty workers, store threads). */
  private static long serverAllocatedBytes() {
    long total = 0;
    long[] ids = THREADS.getAllThreadIds();
    ThreadInfo[] infos = THREADS.getThreadInfo(ids);
    for (int i = 0; i < ids.length; i++) {
      if (infos[i] != null
          && (infos[i].getThreadName().startsWith("mongo-server-worker")
              || infos[i].getThreadName().startsWith("embedded-mongo")
              || infos[i].getThreadName().startsWith("MVStore"))) {
        total += Math.max(0, THREADS.getThreadAllocatedBytes(ids[i]));
      }
    }
    return total;
  }
}
