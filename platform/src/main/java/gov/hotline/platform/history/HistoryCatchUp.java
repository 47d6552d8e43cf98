package gov.hotline.platform.history;

import gov.hotline.platform.inbox.InboundEventListener;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.springframework.kafka.listener.MessageListenerContainer;

/**
 * Keeps this service's consumer group off the topic while a history is seeded ({@link #hold}), and
 * afterwards moves its committed offsets past the seeded records ({@link #settle}): a record of the
 * history whose order this service's seed stored is not handled again — the inbox remembers its id
 * and handlers that keep a per-record trail record it ({@link InboundEventListener#recordHistory})
 * — so the consumer does not work through a million records the seed wrote directly. Each partition
 * stops at its first record that is not such a one: live records are always handled.
 */
public class HistoryCatchUp {
  private static final Duration POLL = Duration.ofMillis(500);

  private final MessageListenerContainer container;
  private final InboundEventListener listener;
  private final Supplier<Consumer<String, byte[]>> consumers;
  private final HistorySeeder seeder;

  public HistoryCatchUp(
      MessageListenerContainer container,
      InboundEventListener listener,
      Supplier<Consumer<String, byte[]>> consumers,
      HistorySeeder seeder) {
    this.container = container;
    this.listener = listener;
    this.consumers = consumers;
    this.seeder = seeder;
  }

  /** Stops consuming; the last poll's offsets are committed as the container stops. */
  public synchronized void hold() {
    if (container.isRunning()) {
      container.stop();
    }
  }

  /** Moves the group past the seeded records at the head of each partition; resumes consuming. */
  public synchronized long settle() {
    hold();
    long skipped = 0;
    try (Consumer<String, byte[]> consumer = consumers.get()) {
      List<TopicPartition> partitions = new ArrayList<>();
      for (String topic : listener.topics()) {
        consumer
            .partitionsFor(topic)
            .forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
      }
      consumer.assign(partitions);
      Map<TopicPartition, OffsetAndMetadata> committed =
          consumer.committed(new HashSet<>(partitions));
      Map<TopicPartition, Long> beginning = consumer.beginningOffsets(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
      Set<TopicPartition> open = new HashSet<>();
      for (TopicPartition tp : partitions) {
        OffsetAndMetadata at = committed.get(tp);
        long position = at == null ? beginning.get(tp) : at.offset();
        if (position < end.get(tp)) {
          consumer.seek(tp, position);
          open.add(tp);
        }
      }
      consumer.pause(difference(partitions, open));
      while (!open.isEmpty()) {
        ConsumerRecords<String, byte[]> polled = consumer.poll(POLL);
        Map<TopicPartition, OffsetAndMetadata> commit = new HashMap<>();
        List<ConsumerRecord<String, byte[]>> history = new ArrayList<>();
        for (TopicPartition tp : polled.partitions()) {
          List<ConsumerRecord<String, byte[]>> records = polled.records(tp);
          List<ConsumerRecord<String, byte[]>> seeded = seededPrefix(records);
          if (!seeded.isEmpty()) {
            history.addAll(seeded);
            commit.put(
                tp, new OffsetAndMetadata(seeded.get(seeded.size() - 1).offset() + 1, "history"));
          }
          long next = seeded.isEmpty() ? records.get(0).offset() : commit.get(tp).offset();
          if (seeded.size() < records.size() || next >= end.get(tp)) {
            open.remove(tp);
            consumer.pause(List.of(tp));
          }
        }
        for (TopicPartition tp : Set.copyOf(open)) {
          if (consumer.position(tp) >= end.get(tp)) {
            open.remove(tp);
          }
        }
        if (!history.isEmpty()) {
          listener.recordHistory(history);
          consumer.commitSync(commit);
          skipped += history.size();
        }
      }
    } finally {
      container.start();
    }
    return skipped;
  }

  /** The records from the first on that belong to the history and whose order is stored here. */
  private List<ConsumerRecord<String, byte[]>> seededPrefix(
      List<ConsumerRecord<String, byte[]>> records) {
    int n = 0;
    while (n < records.size() && SyntheticHistory.isHistory(ceId(records.get(n)))) {
      n++;
    }
    List<ConsumerRecord<String, byte[]>> prefix = records.subList(0, n);
    Set<UUID> orders = new HashSet<>();
    for (ConsumerRecord<String, byte[]> r : prefix) {
      orders.add(UUID.fromString(r.key()));
    }
    Set<UUID> stored = seeder.storedOrders(orders);
    int settled = 0;
    while (settled < n && stored.contains(UUID.fromString(prefix.get(settled).key()))) {
      settled++;
    }
    return new ArrayList<>(prefix.subList(0, settled));
  }

  private static String ceId(ConsumerRecord<String, byte[]> record) {
    Header id = record.headers().lastHeader("ce_id");
    return id == null ? "" : new String(id.value(), StandardCharsets.UTF_8);
  }

  private static List<TopicPartition> difference(List<TopicPartition> all, Set<TopicPartition> in) {
    return all.stream().filter(tp -> !in.contains(tp)).toList();
  }
}
