package gov.hotline.launcher;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Counts and reads the records a topic holds, without joining a consumer group: how many there are
 * (end offsets minus beginning offsets over its partitions), where it ends now, and what came after
 * such a mark.
 */
final class TopicCounter {

  static final String LIFECYCLE_TOPIC = "hotline.workorder.lifecycle";
  private static final Duration TIMEOUT = Duration.ofSeconds(10);
  private static final Duration READ_PATIENCE = Duration.ofSeconds(60);

  private TopicCounter() {}

  /** The number of records in {@code topic}; 0 if it does not exist, empty if Kafka is away. */
  static OptionalLong count(String bootstrap, String topic) {
    try (KafkaConsumer<byte[], byte[]> consumer = consumer(bootstrap)) {
      List<TopicPartition> partitions = partitions(consumer, topic);
      if (partitions.isEmpty()) {
        return OptionalLong.of(0);
      }
      Map<TopicPartition, Long> begin = consumer.beginningOffsets(partitions, TIMEOUT);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions, TIMEOUT);
      long total = 0;
      for (TopicPartition partition : partitions) {
        total += end.getOrDefault(partition, 0L) - begin.getOrDefault(partition, 0L);
      }
      return OptionalLong.of(total);
    } catch (KafkaException e) {
      return OptionalLong.empty();
    }
  }

  /**
   * Where each partition of {@code topic} ends now (partition → next offset); an empty map if the
   * topic does not exist yet, empty if Kafka is away.
   */
  static Optional<Map<Integer, Long>> endOffsets(String bootstrap, String topic) {
    try (KafkaConsumer<byte[], byte[]> consumer = consumer(bootstrap)) {
      Map<Integer, Long> ends = new HashMap<>();
      List<TopicPartition> partitions = partitions(consumer, topic);
      if (!partitions.isEmpty()) {
        consumer.endOffsets(partitions, TIMEOUT).forEach((p, o) -> ends.put(p.partition(), o));
      }
      return Optional.of(ends);
    } catch (KafkaException e) {
      return Optional.empty();
    }
  }

  /**
   * The records of {@code topic} from {@code from} (partition → offset; a partition it does not
   * name from its beginning) to where the topic ends now; empty if Kafka is away.
   */
  static Optional<List<LifecycleTopic.TopicRecord>> readFrom(
      String bootstrap, String topic, Map<Integer, Long> from) {
    try (KafkaConsumer<byte[], byte[]> consumer = consumer(bootstrap)) {
      List<TopicPartition> partitions = partitions(consumer, topic);
      List<LifecycleTopic.TopicRecord> records = new ArrayList<>();
      if (partitions.isEmpty()) {
        return Optional.of(records);
      }
      consumer.assign(partitions);
      Map<TopicPartition, Long> begin = consumer.beginningOffsets(partitions, TIMEOUT);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions, TIMEOUT);
      for (TopicPartition partition : partitions) {
        long start = Math.max(begin.get(partition), from.getOrDefault(partition.partition(), 0L));
        consumer.seek(partition, start);
      }
      long deadline = System.nanoTime() + READ_PATIENCE.toNanos();
      while (partitions.stream().anyMatch(p -> consumer.position(p, TIMEOUT) < end.get(p))) {
        if (System.nanoTime() > deadline) {
          return Optional.empty();
        }
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
          if (r.offset() < end.get(new TopicPartition(r.topic(), r.partition()))) {
            records.add(
                new LifecycleTopic.TopicRecord(
                    r.partition(),
                    r.offset(),
                    text(r.key()),
                    header(r, "ce_id"),
                    header(r, "ce_type"),
                    r.value()));
          }
        }
      }
      return Optional.of(records);
    } catch (KafkaException e) {
      return Optional.empty();
    }
  }

  private static List<TopicPartition> partitions(
      KafkaConsumer<byte[], byte[]> consumer, String topic) {
    return consumer.partitionsFor(topic, TIMEOUT).stream()
        .map(p -> new TopicPartition(p.topic(), p.partition()))
        .toList();
  }

  private static KafkaConsumer<byte[], byte[]> consumer(String bootstrap) {
    Properties props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    props.put(ConsumerConfig.CLIENT_ID_CONFIG, "hotline-launcher-count");
    props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    props.put(
        ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    props.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false");
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    props.put(ConsumerConfig.ENABLE_METRICS_PUSH_CONFIG, "false");
    props.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis());
    props.put(ConsumerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis());
    return new KafkaConsumer<>(props);
  }

  private static String header(ConsumerRecord<?, ?> record, String name) {
    Header header = record.headers().lastHeader(name);
    return header == null ? null : text(header.value());
  }

  private static String text(byte[] bytes) {
    return bytes == null ? null : new String(bytes, StandardCharsets.UTF_8);
  }
}
