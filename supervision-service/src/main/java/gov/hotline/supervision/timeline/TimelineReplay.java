package gov.hotline.supervision.timeline;

import gov.hotline.contract.Topics;
import gov.hotline.contract.workorder.WorkOrderEvent;
import gov.hotline.platform.inbox.InboundEvent;
import gov.hotline.platform.relay.UnreadableEventException;
import gov.hotline.platform.replay.ReplayJobs;
import gov.hotline.platform.runtime.DaemonThreads;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * Rebuilds the audit trail from the lifecycle topic into a fresh collection {@code
 * timeline_replay_<UTC time>}, as a new consumer group from the first offset up to the end offsets
 * taken at its start: each record read as the inbox reads it and mapped by {@link TimelineStore}'s
 * own {@link TimelineStore#entry}, one bulk insert per poll and writer (written while the next poll
 * is read): two writers, each for half of the partitions, so an event the topic carries twice —
 * always in its order's partition — is recorded at its first offset, as the live timeline has it.
 * The live {@code timeline} is not touched; at the end the two are compared by count (the fresh one
 * may be kept to compare entries or be dropped).
 */
public class TimelineReplay {
  static final String PREFIX = "timeline_replay_";
  private static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("yyyyMMdd_HHmmss_SSS").withZone(ZoneOffset.UTC);
  private static final Duration POLL = Duration.ofMillis(500);
  private static final Duration PATIENCE = Duration.ofHours(2);
  private static final int WRITERS = 2;

  private final MongoTemplate mongo;
  private final Map<String, Object> consumerConfig;
  private final String service;
  private final Clock clock;

  /**
   * @param consumerConfig the service's consumer settings (bootstrap servers, security); group,
   *     deserializers and offsets are the replay's own
   */
  public TimelineReplay(
      MongoTemplate mongo, Map<String, Object> consumerConfig, String service, Clock clock) {
    this.mongo = mongo;
    this.consumerConfig = consumerConfig;
    this.service = service;
    this.clock = clock;
  }

  /** The collection a replay started now writes to. */
  String newCollection() {
    return PREFIX + STAMP.format(clock.instant());
  }

  ReplayJobs.Work work(String collection, boolean keep) {
    return progress -> replay(collection, keep, progress);
  }

  private void replay(String collection, boolean keep, ReplayJobs.Progress progress)
      throws InterruptedException, ExecutionException {
    TimelineStore live = new TimelineStore(mongo, TimelineStore.COLLECTION);
    TimelineStore replayed = new TimelineStore(mongo, collection);
    String group = service + "-timeline-replay-" + collection.substring(PREFIX.length());
    Map<String, Object> config = new HashMap<>(consumerConfig);
    config.put(ConsumerConfig.GROUP_ID_CONFIG, group);
    config.put(ConsumerConfig.CLIENT_ID_CONFIG, group);
    config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
    config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2_000);
    config.put(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, 16 * 1024 * 1024);
    config.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 4 * 1024 * 1024);
    long skipped = 0;
    long unreadable = 0;
    long inserted = 0;
    List<ExecutorService> writers = new ArrayList<>();
    List<Future<Integer>> pending = new ArrayList<>();
    for (int i = 0; i < WRITERS; i++) {
      writers.add(
          Executors.newSingleThreadExecutor(DaemonThreads.named("timeline-replay-writer-" + i)));
      pending.add(CompletableFuture.completedFuture(0));
    }
    try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config)) {
      List<TopicPartition> partitions =
          consumer.partitionsFor(Topics.WORKORDER_LIFECYCLE).stream()
              .map(p -> new TopicPartition(p.topic(), p.partition()))
              .toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> begin = consumer.beginningOffsets(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
      progress.expect(partitions.stream().mapToLong(p -> end.get(p) - begin.get(p)).sum());
      progress.figure("liveDocumentsAtStart", live.count());
      progress.startClock();
      long deadline = System.nanoTime() + PATIENCE.toNanos();
      while (!reachedEnd(consumer, partitions, end)) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException(
              "the replay did not reach the end offsets in " + PATIENCE);
        }
        ConsumerRecords<String, byte[]> records = consumer.poll(POLL);
        List<List<Document>> entries = new ArrayList<>();
        for (int i = 0; i < WRITERS; i++) {
          entries.add(new ArrayList<>(records.count() / WRITERS + 1));
        }
        Instant recordedAt = clock.instant();
        long read = 0;
        for (ConsumerRecord<String, byte[]> record : records) {
          TopicPartition partition = new TopicPartition(record.topic(), record.partition());
          if (record.offset() >= end.get(partition)) {
            continue; // arrived after the replay started: the live timeline takes it
          }
          read++;
          try {
            Optional<Class<?>> type =
                TimelineRecorder.payloadTypeOf(record.topic(), typeOf(record));
            if (type.isEmpty()) {
              skipped++;
              continue;
            }
            InboundEvent event = InboundEvent.read(record, type.get());
            entries
                .get(record.partition() % WRITERS)
                .add(TimelineStore.entry(event, event.payload(WorkOrderEvent.class), recordedAt));
          } catch (UnreadableEventException e) {
            unreadable++; // the live consumer dead-lettered it: not on the trail either
          }
        }
        // the previous poll's inserts ran while this one was read and mapped: one at a time per
        // writer, so the store sees each partition's entries in topic order and the replay never
        // runs ahead of it
        for (int i = 0; i < WRITERS; i++) {
          inserted += pending.get(i).get();
          List<Document> share = entries.get(i);
          pending.set(i, writers.get(i).submit(() -> replayed.recordAll(share)));
        }
        progress.add(read);
      }
      for (Future<Integer> insert : pending) {
        inserted += insert.get();
      }
      progress.stopClock(); // rebuilt; committing, counting and dropping are not replay time
      Map<TopicPartition, OffsetAndMetadata> done = new HashMap<>();
      end.forEach((p, offset) -> done.put(p, new OffsetAndMetadata(offset)));
      consumer.commitSync(done);
    } finally {
      writers.forEach(ExecutorService::shutdownNow);
    }
    progress.figure("replayedDocuments", replayed.count());
    progress.figure("inserted", inserted);
    progress.figure("duplicates", progress.events() - inserted - skipped - unreadable);
    progress.figure("skipped", skipped);
    progress.figure("unreadable", unreadable);
    progress.figure("liveDocumentsAtEnd", live.count());
    progress.figure("kept", keep ? 1 : 0);
    if (!keep) {
      replayed.drop();
    }
  }

  private static String typeOf(ConsumerRecord<String, byte[]> record) {
    org.apache.kafka.common.header.Header type = record.headers().lastHeader("ce_type");
    if (type == null) {
      throw new UnreadableEventException(InboundEvent.where(record) + " has no ce_type");
    }
    return new String(type.value(), java.nio.charset.StandardCharsets.UTF_8);
  }

  private static boolean reachedEnd(
      KafkaConsumer<String, byte[]> consumer,
      List<TopicPartition> partitions,
      Map<TopicPartition, Long> end) {
    for (TopicPartition partition : partitions) {
      if (consumer.position(partition) < end.get(partition)) {
        return false;
      }
    }
    return true;
  }
}
