package gov.hotline.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.Future;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedKafkaBrokerIT {

  private static final String TOPIC = "hotline.test.orders";
  private static final int RECORDS = 100;

  @Test
  void keepsRecordsAndCommittedOffsetsAcrossRestarts(@TempDir Path dir) throws Exception {
    Path logDir = dir.resolve("kafka");
    int port;
    int controllerPort;
    List<String> produced = new ArrayList<>();

    EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(logDir, 0, 0);
    try {
      port = broker.port();
      controllerPort = broker.controllerPort();
      assertThat(broker.bootstrapServers()).isEqualTo("127.0.0.1:" + port);
      assertThat(logDir.resolve("meta.properties")).exists();

      try (KafkaProducer<String, String> producer = producer(broker)) {
        List<Future<RecordMetadata>> sends = new ArrayList<>();
        for (int i = 0; i < RECORDS; i++) {
          String value = "order-" + i;
          produced.add(value);
          sends.add(producer.send(new ProducerRecord<>(TOPIC, "key-" + (i % 17), value)));
        }
        for (Future<RecordMetadata> send : sends) {
          send.get(); // acks=all: acknowledged by the (only) in-sync replica
        }
      }
      try (Admin admin = admin(broker)) {
        assertThat(
                admin.describeTopics(Set.of(TOPIC)).allTopicNames().get().get(TOPIC).partitions())
            .as("auto-created with num.partitions")
            .hasSize(6);
      }
      try (KafkaConsumer<String, String> consumer = consumer(broker, "group-a")) {
        assertThat(readAll(consumer, RECORDS)).containsExactlyInAnyOrderElementsOf(produced);
        consumer.commitSync();
      }
    } finally {
      broker.close();
      broker.close(); // idempotent
    }

    EmbeddedKafkaBroker restarted = EmbeddedKafkaBroker.start(logDir, port, controllerPort);
    try {
      assertThat(restarted.port()).isEqualTo(port);
      try (KafkaConsumer<String, String> consumer = consumer(restarted, "group-b")) {
        assertThat(readAll(consumer, RECORDS)).containsExactlyInAnyOrderElementsOf(produced);
      }
      try (Admin admin = admin(restarted)) {
        Map<TopicPartition, OffsetAndMetadata> committed =
            admin.listConsumerGroupOffsets("group-a").partitionsToOffsetAndMetadata().get();
        assertThat(committed.values().stream().mapToLong(OffsetAndMetadata::offset).sum())
            .as("offsets committed by group-a before the restart")
            .isEqualTo(RECORDS);
      }
      try (KafkaProducer<String, String> producer = producer(restarted)) {
        producer.send(new ProducerRecord<>(TOPIC, "key-x", "after-restart")).get();
      }
      try (KafkaConsumer<String, String> consumer = consumer(restarted, "group-a")) {
        assertThat(readAll(consumer, 1)).containsExactly("after-restart");
      }
    } finally {
      restarted.close();
    }
  }

  private static List<String> readAll(KafkaConsumer<String, String> consumer, int expected) {
    consumer.subscribe(List.of(TOPIC));
    List<String> values = new ArrayList<>();
    await("records from " + TOPIC)
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ZERO)
        .until(
            () -> {
              for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                values.add(record.value());
              }
              return values.size() >= expected;
            });
    return values;
  }

  private static KafkaProducer<String, String> producer(EmbeddedKafkaBroker broker) {
    Properties props = new Properties();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    return new KafkaProducer<>(props);
  }

  private static KafkaConsumer<String, String> consumer(EmbeddedKafkaBroker broker, String group) {
    Properties props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
    props.put(ConsumerConfig.GROUP_ID_CONFIG, group);
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    return new KafkaConsumer<>(props);
  }

  private static Admin admin(EmbeddedKafkaBroker broker) {
    return Admin.create(
        Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, (Object) broker.bootstrapServers()));
  }
}
