package gov.hotline.launcher;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.bson.Document;

/**
 * {@code ./hotline bench --substrate}: what the stack's Mongo server and broker can do here, each
 * alone, with 1 KB documents and records — single-document {@code insertOne} on 1 and 4 threads,
 * {@code insertMany} of 100, into a scratch database dropped afterwards; produce (acks=all,
 * idempotent, otherwise the client's defaults) and consume on a scratch topic deleted afterwards.
 * Each figure is taken over {@link #MEASURE} after {@link #WARMUP} of the same work.
 */
final class SubstrateBench {

  static final Duration WARMUP = Duration.ofSeconds(1);
  static final Duration MEASURE = Duration.ofSeconds(5);
  static final int PAYLOAD_BYTES = 1024;
  static final int BATCH = 100;
  static final int PARTITIONS = 6;

  /** Rates per second; null where that part could not run. */
  record Rates(
      Double insertOne,
      Double insertOne4Threads,
      Double insertMany,
      Double produce,
      Double consume,
      List<String> problems) {}

  private final String mongoUri;
  private final String bootstrap;
  private final String run;
  private final PrintStream out;

  SubstrateBench(String mongoUri, String bootstrap, String run, PrintStream out) {
    this.mongoUri = mongoUri;
    this.bootstrap = bootstrap;
    this.run = run;
    this.out = out;
  }

  Rates run() throws InterruptedException {
    List<String> problems = new ArrayList<>();
    Double one = null;
    Double four = null;
    Double many = null;
    String database = "hotline_bench_scratch_" + run;
    try (MongoClient client = MongoClients.create(mongoUri)) {
      MongoDatabase db = client.getDatabase(database);
      try {
        MongoCollection<Document> docs = db.getCollection("docs");
        String pad = "x".repeat(PAYLOAD_BYTES - 40);
        out.println("Substrate: Mongo insertOne, 1 thread …");
        one = rate(1, () -> docs.insertOne(new Document("pad", pad)), 1);
        out.println("Substrate: Mongo insertOne, 4 threads …");
        four = rate(4, () -> docs.insertOne(new Document("pad", pad)), 1);
        out.println("Substrate: Mongo insertMany of " + BATCH + " …");
        many =
            rate(
                1,
                () -> {
                  List<Document> batch = new ArrayList<>(BATCH);
                  for (int i = 0; i < BATCH; i++) {
                    batch.add(new Document("pad", pad));
                  }
                  docs.insertMany(batch);
                },
                BATCH);
      } finally {
        db.drop();
      }
    } catch (RuntimeException e) {
      problems.add("Mongo at " + mongoUri + ": " + e.getMessage());
    }

    Double produce = null;
    Double consume = null;
    String topic = "hotline.bench.scratch." + run;
    Properties admin = new Properties();
    admin.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    admin.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 30_000);
    admin.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 30_000);
    try (Admin kafka = Admin.create(admin)) {
      kafka
          .createTopics(List.of(new NewTopic(topic, PARTITIONS, (short) 1)))
          .all()
          .get(30, TimeUnit.SECONDS);
      try {
        out.println("Substrate: Kafka produce, acks=all, idempotent …");
        long[] produced = new long[1];
        produce = produce(topic, produced);
        out.println("Substrate: Kafka consume …");
        consume = consume(topic, produced[0]);
      } finally {
        kafka.deleteTopics(List.of(topic)).all().get(30, TimeUnit.SECONDS);
      }
    } catch (java.util.concurrent.ExecutionException
        | java.util.concurrent.TimeoutException
        | RuntimeException e) {
      problems.add("Kafka at " + bootstrap + ": " + e.getMessage());
    }
    return new Rates(one, four, many, produce, consume, problems);
  }

  /**
   * Runs {@code work} on {@code threads} threads for the warm-up, then for {@link #MEASURE};
   * documents per second ({@code perCall} per call).
   */
  private static double rate(int threads, Runnable work, int perCall) throws InterruptedException {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      LongAdder calls = new LongAdder();
      AtomicLong measuring = new AtomicLong();
      long start = System.nanoTime();
      long measureFrom = start + WARMUP.toNanos();
      long end = measureFrom + MEASURE.toNanos();
      List<Future<?>> workers = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        workers.add(
            pool.submit(
                () -> {
                  long now;
                  while ((now = System.nanoTime()) < end) {
                    work.run();
                    if (now >= measureFrom) {
                      calls.increment();
                    }
                  }
                  measuring.accumulateAndGet(System.nanoTime(), Math::max);
                  return null;
                }));
      }
      for (Future<?> worker : workers) {
        try {
          worker.get();
        } catch (java.util.concurrent.ExecutionException e) {
          throw new IllegalStateException(e.getCause().getMessage(), e.getCause());
        }
      }
      double seconds = (measuring.get() - measureFrom) / 1e9;
      return calls.sum() * (double) perCall / seconds;
    } finally {
      pool.shutdownNow();
    }
  }

  /** Records per second acknowledged, sending as fast as the producer takes them. */
  private double produce(String topic, long[] produced) throws InterruptedException {
    Properties props = new Properties();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    props.put(ProducerConfig.ENABLE_METRICS_PUSH_CONFIG, "false");
    props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    byte[] value = new byte[PAYLOAD_BYTES];
    for (int i = 0; i < value.length; i++) {
      value[i] = (byte) ('a' + i % 26);
    }
    LongAdder acked = new LongAdder();
    LongAdder failed = new LongAdder();
    try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(props)) {
      long start = System.nanoTime();
      long measureFrom = start + WARMUP.toNanos();
      long end = measureFrom + MEASURE.toNanos();
      long sent = 0;
      long warm = -1;
      long key = 0;
      while (System.nanoTime() < end) {
        if (warm < 0 && System.nanoTime() >= measureFrom) {
          producer.flush();
          warm = acked.sum();
          measureFrom = System.nanoTime();
          end = measureFrom + MEASURE.toNanos();
        }
        producer.send(
            new ProducerRecord<>(topic, Long.toString(key++).getBytes(), value),
            (metadata, e) -> (e == null ? acked : failed).increment());
        sent++;
      }
      producer.flush();
      double seconds = (System.nanoTime() - measureFrom) / 1e9;
      produced[0] = sent;
      if (failed.sum() > 0) {
        throw new IllegalStateException(failed.sum() + " sends failed");
      }
      return (acked.sum() - Math.max(0, warm)) / seconds;
    }
  }

  /** Records per second, one consumer reading the topic from its beginning to its end. */
  private double consume(String topic, long expected) {
    Properties props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    props.put(ConsumerConfig.ENABLE_METRICS_PUSH_CONFIG, "false");
    props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    props.put(
        ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props)) {
      List<TopicPartition> partitions = new ArrayList<>();
      consumer
          .partitionsFor(topic)
          .forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
      long total = ends.values().stream().mapToLong(Long::longValue).sum();
      long read = 0;
      long start = System.nanoTime();
      long deadline = start + Duration.ofSeconds(60).toNanos();
      while (read < total && System.nanoTime() < deadline) {
        read += consumer.poll(Duration.ofMillis(200)).count();
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      return read / seconds;
    }
  }
}
