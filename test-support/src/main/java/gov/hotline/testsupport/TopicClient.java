package gov.hotline.testsupport;

import com.fasterxml.jackson.core.JsonProcessingException;
import gov.hotline.contract.ContractJson;
import gov.hotline.contract.EventType;
import gov.hotline.contract.PublicEvent;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.kafka.CloudEventSerializer;
import io.cloudevents.kafka.KafkaMessageFactory;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;

/**
 * A broker's topics as a system outside the platform sees them: contract events published the way
 * another service publishes them (a binary-mode CloudEvent through the CloudEvents SDK's {@link
 * CloudEventSerializer}, the data written by {@link ContractJson}, the subject as key), and topics
 * read back from their first record. Independent of the platform's own codec on purpose, so a test
 * notices when the platform stops speaking the contract.
 *
 * <p>Reads are snapshots up to the end offsets at the moment of reading; tests that wait for a
 * record poll with Awaitility around them.
 */
public final class TopicClient implements AutoCloseable {
  private static final Duration SEND_TIMEOUT = Duration.ofSeconds(30);
  private static final Duration READ_TIMEOUT = Duration.ofSeconds(30);

  /** How long a record may take to reach a topic: a relay batch on a busy two-core machine. */
  public static final Duration PATIENCE = Duration.ofSeconds(60);

  private final String bootstrapServers;
  private KafkaProducer<String, CloudEvent> producer;

  public TopicClient(String bootstrapServers) {
    this.bootstrapServers = bootstrapServers;
  }

  /**
   * Publishes {@code event} on its topic as the service at {@code source} (e.g. {@code
   * /hotline/intake}) would, with a fresh {@code ce_id}; returns that id.
   */
  public String publish(String source, PublicEvent event) {
    String eventId = UUID.randomUUID().toString();
    publish(source, eventId, event);
    return eventId;
  }

  /** Publishes {@code event} with the given {@code ce_id}, e.g. to deliver it a second time. */
  public void publish(String source, String eventId, PublicEvent event) {
    EventType type =
        EventType.ofPayload(event.getClass())
            .orElseThrow(() -> new IllegalArgumentException("not a contract event: " + event));
    CloudEvent cloudEvent =
        CloudEventBuilder.v1()
            .withId(eventId)
            .withSource(URI.create(source))
            .withType(type.ceType())
            .withSubject(event.subject())
            .withTime(event.occurredAt().atOffset(ZoneOffset.UTC))
            .withDataSchema(type.dataSchema())
            .withDataContentType("application/json")
            .withData(json(event))
            .build();
    try {
      producer()
          .send(new ProducerRecord<>(type.topic(), event.subject(), cloudEvent))
          .get(SEND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while publishing " + type.ceType(), e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("cannot publish " + type.ceType() + " " + eventId, e);
    }
  }

  /**
   * Every record of {@code topic} from its beginning to its current end, partition by partition.
   */
  public List<ConsumerRecord<String, byte[]>> records(String topic) {
    Map<String, Object> config =
        Map.of(
            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
            bootstrapServers,
            ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
            StringDeserializer.class,
            ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
            ByteArrayDeserializer.class,
            ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
            false);
    try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config)) {
      List<TopicPartition> partitions =
          consumer.partitionsFor(topic, READ_TIMEOUT).stream()
              .map(p -> new TopicPartition(topic, p.partition()))
              .toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions, READ_TIMEOUT);
      List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
      long deadline = System.nanoTime() + READ_TIMEOUT.toNanos();
      while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException(topic + " not read to its end within " + READ_TIMEOUT);
        }
        consumer.poll(Duration.ofMillis(200)).forEach(records::add);
      }
      return records;
    }
  }

  /** The records of {@code topic} keyed {@code key} (an order or article id), in topic order. */
  public List<ConsumerRecord<String, byte[]>> records(String topic, String key) {
    return records(topic).stream().filter(r -> key.equals(r.key())).toList();
  }

  /** The CloudEvents on {@code topic} about {@code subject}, in topic order. */
  public List<CloudEvent> events(String topic, String subject) {
    return records(topic, subject).stream().map(TopicClient::cloudEvent).toList();
  }

  /**
   * The records of {@code topic} keyed {@code key} once there are at least {@code count} of them
   * (all of them then, which may be more), waiting up to {@link #PATIENCE}.
   */
  public List<ConsumerRecord<String, byte[]>> awaitRecords(String topic, String key, int count) {
    return Awaitility.await()
        .atMost(PATIENCE)
        .pollInterval(Duration.ofMillis(200))
        .until(() -> records(topic, key), found -> found.size() >= count);
  }

  /** The CloudEvents about {@code subject} once there are at least {@code count} of them. */
  public List<CloudEvent> awaitEvents(String topic, String subject, int count) {
    return awaitRecords(topic, subject, count).stream().map(TopicClient::cloudEvent).toList();
  }

  /** The record read as a CloudEvent, as any consumer reads binary mode. */
  public static CloudEvent cloudEvent(ConsumerRecord<String, byte[]> record) {
    return KafkaMessageFactory.createReader(record).toEvent();
  }

  /** The last value of a header as text, or null when the record has none. */
  public static String header(ConsumerRecord<?, ?> record, String name) {
    Header header = record.headers().lastHeader(name);
    return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
  }

  @Override
  public synchronized void close() {
    if (producer != null) {
      producer.close(Duration.ofSeconds(5));
      producer = null;
    }
  }

  private synchronized KafkaProducer<String, CloudEvent> producer() {
    if (producer == null) {
      producer =
          new KafkaProducer<>(
              Map.of(
                  ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                  bootstrapServers,
                  ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
                  StringSerializer.class,
                  ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG,
                  CloudEventSerializer.class,
                  ProducerConfig.ACKS_CONFIG,
                  "all"));
    }
    return producer;
  }

  private static byte[] json(PublicEvent event) {
    try {
      return ContractJson.mapper().writeValueAsBytes(event);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("cannot write " + event, e);
    }
  }
}
