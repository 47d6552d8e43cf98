package gov.hotline.launcher;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Where some consumer groups have committed on a topic, as the broker says, asked every {@link
 * #EVERY} on a thread of its own. The services commit each record after handling it, so an event at
 * an offset below a group's committed offset has been handled by that service: the bench sends a
 * command that was answered "not yet" again only then, instead of probing the service on a timer.
 */
final class GroupOffsets implements AutoCloseable {
  static final Duration EVERY = Duration.ofMillis(50);

  private final Admin admin;
  private final String topic;
  private final List<String> groups;
  private final Thread thread;
  private volatile Map<String, Map<Integer, Long>> committed = Map.of();
  private volatile boolean answering;
  private volatile boolean running = true;

  GroupOffsets(String bootstrap, String topic, List<String> groups) {
    Properties props = new Properties();
    props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
    props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5_000);
    this.admin = Admin.create(props);
    this.topic = topic;
    this.groups = List.copyOf(groups);
    this.thread = new Thread(this::run, "bench-group-offsets");
    thread.setDaemon(true);
    thread.start();
  }

  /**
   * Whether {@code group} has committed past {@code offset} of {@code partition}; false while the
   * broker has not said (the caller then falls back to a timer).
   */
  boolean handled(String group, int partition, long offset) {
    Long at = committed.getOrDefault(group, Map.of()).get(partition);
    return at != null && at > offset;
  }

  /** Whether the last question to the broker was answered. */
  boolean answering() {
    return answering;
  }

  private void run() {
    Map<String, ListConsumerGroupOffsetsSpec> specs = new HashMap<>();
    groups.forEach(g -> specs.put(g, new ListConsumerGroupOffsetsSpec()));
    while (running) {
      try {
        Map<String, Map<TopicPartition, OffsetAndMetadata>> all =
            admin.listConsumerGroupOffsets(specs).all().get(5, TimeUnit.SECONDS);
        Map<String, Map<Integer, Long>> now = new HashMap<>();
        all.forEach(
            (group, offsets) -> {
              Map<Integer, Long> byPartition = new HashMap<>();
              offsets.forEach(
                  (p, o) -> {
                    if (o != null && p.topic().equals(topic)) {
                      byPartition.put(p.partition(), o.offset());
                    }
                  });
              now.put(group, byPartition);
            });
        committed = now;
        answering = true;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (Exception e) { // the broker is away or restarting: callers fall back to a timer
        answering = false;
      }
      try {
        Thread.sleep(EVERY.toMillis());
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  @Override
  public void close() throws InterruptedException {
    running = false;
    thread.interrupt();
    thread.join(5_000);
    admin.close(Duration.ofSeconds(5));
  }
}
