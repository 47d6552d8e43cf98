package gov.hotline.launcher;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * The bench's own reader of the lifecycle topic: a consumer in a group of its own that starts at
 * the end of the topic and hands every record's key (the order id), {@code ce_type}, position and
 * the moment it was polled to a listener, on one thread of its own. Commits nothing.
 */
final class BenchTopic implements AutoCloseable {

  interface Listener {
    void onRecord(String key, String ceType, int partition, long offset, long seenNanos);
  }

  private final KafkaConsumer<String, byte[]> consumer;
  private final Listener listener;
  private final CountDownLatch assigned = new CountDownLatch(1);
  private final Thread thread;
  private volatile boolean running = true;
  private volatile RuntimeException failure;

  BenchTopic(String bootstrap, String group, Listener listener) {
    this.listener = listener;
    Properties props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    props.put(ConsumerConfig.GROUP_ID_CONFIG, group);
    props.put(ConsumerConfig.CLIENT_ID_CONFIG, group);
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    props.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false");
    props.put(ConsumerConfig.ENABLE_METRICS_PUSH_CONFIG, "false");
    props.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, 10_000);
    props.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, 2_000);
    props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    props.put(
        ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    this.consumer = new KafkaConsumer<>(props);
    this.thread = new Thread(this::run, "bench-topic");
    this.thread.setDaemon(true);
  }

  /** Starts reading; true once the group gave this consumer the topic's partitions. */
  boolean start(Duration patience) throws InterruptedException {
    thread.start();
    boolean ok = assigned.await(patience.toMillis(), TimeUnit.MILLISECONDS);
    if (failure != null) {
      throw failure;
    }
    return ok;
  }

  private void run() {
    try {
      consumer.subscribe(
          List.of(TopicCounter.LIFECYCLE_TOPIC),
          new ConsumerRebalanceListener() {
            @Override
            public void onPartitionsRevoked(Collection<TopicPartition> partitions) {}

            @Override
            public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
              // resolve "latest" now, so no record published after start() returns is missed
              partitions.forEach(consumer::position);
              if (!partitions.isEmpty()) {
                assigned.countDown();
              }
            }
          });
      while (running) {
        var records = consumer.poll(Duration.ofMillis(100));
        long now = System.nanoTime();
        for (ConsumerRecord<String, byte[]> r : records) {
          listener.onRecord(r.key(), header(r, "ce_type"), r.partition(), r.offset(), now);
        }
      }
    } catch (WakeupException e) {
      // close() asked us to stop
    } catch (RuntimeException e) {
      failure = e;
      assigned.countDown();
    } finally {
      consumer.close(Duration.ofSeconds(5));
    }
  }

  private static String header(ConsumerRecord<?, ?> record, String name) {
    Header header = record.headers().lastHeader(name);
    return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
  }

  @Override
  public void close() throws InterruptedException {
    if (thread.getState() == Thread.State.NEW) {
      consumer.close(Duration.ZERO);
      return;
    }
    running = false;
    consumer.wakeup();
    thread.join(10_000);
  }
}
