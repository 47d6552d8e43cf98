package gov.hotline.launcher;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupListing;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;

/**
 * How far each consumer group is behind on a topic: its end offsets minus the group's committed
 * offsets, summed over partitions. Unlike the client's {@code records-lag} (fetch position to end),
 * this counts records fetched but not yet processed, which is where a slow listener's backlog sits.
 */
final class GroupLag {
  private static final long TIMEOUT_SECONDS = 10;

  private GroupLag() {}

  /**
   * Group → records behind on {@code topic}, for the groups {@code wanted} accepts; empty if Kafka
   * is away.
   */
  static Optional<Map<String, Long>> of(String bootstrap, String topic, Predicate<String> wanted) {
    Properties props = new Properties();
    props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) TIMEOUT_SECONDS * 1000);
    props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) TIMEOUT_SECONDS * 1000);
    Map<String, Long> lag = new TreeMap<>();
    try (Admin admin = Admin.create(props)) {
      List<String> groups =
          admin.listConsumerGroups().all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS).stream()
              .map(ConsumerGroupListing::groupId)
              .filter(wanted)
              .toList();
      for (String group : groups) {
        Map<TopicPartition, OffsetAndMetadata> committed =
            admin
                .listConsumerGroupOffsets(group)
                .partitionsToOffsetAndMetadata()
                .get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        committed.keySet().stream()
            .filter(p -> p.topic().equals(topic))
            .forEach(p -> latest.put(p, OffsetSpec.latest()));
        if (latest.isEmpty()) {
          continue;
        }
        long behind = 0;
        var ends = admin.listOffsets(latest).all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        for (TopicPartition p : latest.keySet()) {
          OffsetAndMetadata at = committed.get(p);
          behind += Math.max(0, ends.get(p).offset() - (at == null ? 0 : at.offset()));
        }
        lag.put(group, behind);
      }
    } catch (ExecutionException | TimeoutException | KafkaException e) {
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
    return Optional.of(lag);
  }
}
