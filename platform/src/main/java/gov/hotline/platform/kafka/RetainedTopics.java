package gov.hotline.platform.kafka;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaAdmin;

/**
 * Topics a platform concern declares, with how long they keep their records (ADR 0004): {@link
 * KafkaAdmin} creates the missing ones, {@link RetentionGuard} lengthens existing ones that keep
 * less.
 *
 * <p>Public event topics keep every event forever and are never compacted: other systems and
 * auditors replay them from offset 0, and an event log is not a keyed snapshot. Dead letters keep
 * 30 days, long enough to notice, fix and re-drive.
 */
public class RetainedTopics extends KafkaAdmin.NewTopics {
  /** {@code retention.ms} / {@code retention.bytes} meaning "no limit". */
  public static final long UNLIMITED = -1;

  public static final Duration DEAD_LETTER_RETENTION = Duration.ofDays(30);

  private final List<NewTopic> topics;

  private RetainedTopics(List<NewTopic> topics) {
    super(topics.toArray(NewTopic[]::new));
    this.topics = topics;
  }

  /** Public event topics: no time or size limit, delete policy (never compact). */
  public static RetainedTopics events(Collection<String> names, int partitions) {
    return new RetainedTopics(
        names.stream()
            .map(
                name ->
                    TopicBuilder.name(name)
                        .partitions(partitions)
                        .replicas(1)
                        .config(TopicConfig.RETENTION_MS_CONFIG, Long.toString(UNLIMITED))
                        .config(TopicConfig.RETENTION_BYTES_CONFIG, Long.toString(UNLIMITED))
                        .config(
                            TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_DELETE)
                        .build())
            .toList());
  }

  /** Consumers' dead-letter topics: 30 days, delete policy. */
  public static RetainedTopics deadLetters(Collection<String> names) {
    return new RetainedTopics(
        names.stream()
            .map(
                name ->
                    TopicBuilder.name(name)
                        .partitions(1)
                        .replicas(1)
                        .config(
                            TopicConfig.RETENTION_MS_CONFIG,
                            Long.toString(DEAD_LETTER_RETENTION.toMillis()))
                        .config(
                            TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_DELETE)
                        .build())
            .toList());
  }

  public List<NewTopic> topics() {
    return topics;
  }
}
