package gov.hotline.platform.inbox;

import static gov.hotline.platform.inbox.Records.OTHER_SOURCE;
import static gov.hotline.platform.inbox.Records.audited;
import static gov.hotline.platform.inbox.Records.event;
import static gov.hotline.platform.inbox.Records.produced;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import gov.hotline.contract.EventType;
import gov.hotline.contract.Topics;
import gov.hotline.platform.Infrastructure;
import gov.hotline.platform.domain.RuleViolation;
import io.cloudevents.CloudEvent;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.kafka.support.KafkaHeaders;

/**
 * The inbox as a service runs it: its auto-configuration on a real Kafka broker (KRaft) and a Mongo
 * wire server, with two handlers; records are produced as another system would.
 */
class InboxIT {
  private static final String SERVICE = "inbox-it";
  private static final String COMMANDS = "inbox-it.commands";
  private static final String REDO = "gov.unit.redo.requested.v1";

  private final String bootstrap = Infrastructure.kafka().bootstrapServers();

  /** Takes Audited from the lifecycle topic and redo commands from an inbound topic. */
  static class Handler implements InboxHandler {
    final List<InboundEvent> received = new CopyOnWriteArrayList<>();

    @Override
    public Set<InboundType> takes() {
      return Set.of(
          InboundType.of(EventType.WORKORDER_AUDITED),
          InboundType.command(COMMANDS, REDO, JsonNode.class));
    }

    @Override
    public void handle(InboundEvent event) {
      received.add(event);
      if (event.eventType().isPresent()) {
        return;
      }
      String order = event.payload(JsonNode.class).path("orderId").asText();
      if (order.equals("closed")) {
        throw new RuleViolation("order-closed", "a closed order is not redone");
      }
      if (order.equals("flaky")
          && received.stream().filter(e -> e.id().equals(event.id())).count() < 3) {
        throw new IllegalStateException("aggregate locked, try again");
      }
    }
  }

  private ApplicationContextRunner runner(Handler handler) {
    return Infrastructure.service(SERVICE, InboxAutoConfiguration.class)
        .withBean(Handler.class, () -> handler);
  }

  @Test
  void events_and_commands_reach_the_handler_and_poison_records_go_to_dead_letters_with_why() {
    Handler handler = new Handler();
    CloudEvent audited = event(OTHER_SOURCE, audited());
    CloudEvent future = event(OTHER_SOURCE, "gov.hotline.workorder.audited.v9", "o-9", "{}");
    CloudEvent unreadable =
        event(OTHER_SOURCE, EventType.WORKORDER_AUDITED.ceType(), "o-2", "{\"attempt\":\"x\"}");
    CloudEvent flaky = event("/unit/u-1", REDO, "flaky", "{\"orderId\":\"flaky\"}");
    CloudEvent closed = event("/unit/u-1", REDO, "closed", "{\"orderId\":\"closed\"}");
    String poisonKey = "poison-" + UUID.randomUUID();

    runner(handler)
        .run(
            context -> {
              assertThat(context).hasNotFailed();
              try (KafkaProducer<String, byte[]> producer = producer()) {
                producer.send(produced(Topics.WORKORDER_LIFECYCLE, audited)).get();
                producer.send(produced(Topics.WORKORDER_LIFECYCLE, future)).get();
                producer
                    .send(
                        new ProducerRecord<>(
                            Topics.WORKORDER_LIFECYCLE,
                            poisonKey,
                            "{not json".getBytes(StandardCharsets.UTF_8)))
                    .get();
                producer.send(produced(Topics.WORKORDER_LIFECYCLE, unreadable)).get();
                producer.send(produced(COMMANDS, flaky)).get();
                producer.send(produced(COMMANDS, closed)).get();
              }
              MeterRegistry registry = context.getBean(MeterRegistry.class);

              await()
                  .atMost(Duration.ofSeconds(60))
                  .untilAsserted(
                      () -> {
                        assertThat(ids(handler)).contains(audited.getId(), flaky.getId());
                        assertThat(
                                registry
                                    .counter(
                                        "hotline.inbox.events",
                                        "outcome",
                                        "processed",
                                        "type",
                                        REDO)
                                    .count())
                            .isEqualTo(1);
                      });
              // a transient failure is retried with back-off until the handler succeeds
              assertThat(ids(handler).stream().filter(flaky.getId()::equals)).hasSize(3);
              // a type nobody takes is counted, on whichever partition it arrives
              await()
                  .atMost(Duration.ofSeconds(30))
                  .until(
                      () ->
                          registry
                                  .counter(
                                      "hotline.inbox.events",
                                      "outcome",
                                      "unhandled",
                                      "type",
                                      "gov.hotline.workorder.audited.v9")
                                  .count()
                              == 1);

              String lifecycleDeadLetters = Topics.deadLetter(Topics.WORKORDER_LIFECYCLE, SERVICE);
              await()
                  .atMost(Duration.ofSeconds(60))
                  .untilAsserted(
                      () -> {
                        List<ConsumerRecord<String, byte[]>> dead = readAll(lifecycleDeadLetters);
                        ConsumerRecord<String, byte[]> notCloudEvent = withKey(dead, poisonKey);
                        assertThat(header(notCloudEvent, KafkaHeaders.DLT_EXCEPTION_MESSAGE))
                            .contains("not a CloudEvent");
                        assertThat(header(notCloudEvent, KafkaHeaders.DLT_ORIGINAL_TOPIC))
                            .isEqualTo(Topics.WORKORDER_LIFECYCLE);
                        assertThat(new String(notCloudEvent.value(), StandardCharsets.UTF_8))
                            .isEqualTo("{not json");
                        assertThat(header(withKey(dead, "o-2"), KafkaHeaders.DLT_EXCEPTION_MESSAGE))
                            .contains("is unreadable");
                      });
              await()
                  .atMost(Duration.ofSeconds(60))
                  .untilAsserted(
                      () -> {
                        ConsumerRecord<String, byte[]> broken =
                            withKey(readAll(Topics.deadLetter(COMMANDS, SERVICE)), "closed");
                        assertThat(header(broken, KafkaHeaders.DLT_EXCEPTION_CAUSE_FQCN))
                            .isEqualTo(RuleViolation.class.getName());
                        assertThat(header(broken, KafkaHeaders.DLT_EXCEPTION_MESSAGE))
                            .contains("a closed order is not redone");
                        assertThat(header(broken, "ce_id")).isEqualTo(closed.getId());
                      });
              // a rule violation is not retried: the handler saw the command once
              assertThat(ids(handler).stream().filter(closed.getId()::equals)).hasSize(1);
              assertThat(ids(handler)).doesNotContain(unreadable.getId(), future.getId());
            });
  }

  private static List<String> ids(Handler handler) {
    return handler.received.stream().map(InboundEvent::id).toList();
  }

  private KafkaProducer<String, byte[]> producer() {
    return new KafkaProducer<>(
        Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
            ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
            ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class));
  }

  private List<ConsumerRecord<String, byte[]>> readAll(String topic) {
    try (KafkaConsumer<String, byte[]> consumer =
        new KafkaConsumer<>(
            Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrap,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
                StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
                ByteArrayDeserializer.class,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                false))) {
      List<TopicPartition> partitions =
          consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
              .map(p -> new TopicPartition(topic, p.partition()))
              .toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
      List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
      while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
        consumer.poll(Duration.ofMillis(200)).forEach(records::add);
      }
      return records;
    }
  }

  private static ConsumerRecord<String, byte[]> withKey(
      List<ConsumerRecord<String, byte[]>> records, String key) {
    // an AssertionError, so an await goes on polling until the record has arrived
    return records.stream()
        .filter(r -> key.equals(r.key()))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no record with key " + key + " yet"));
  }

  private static String header(ConsumerRecord<String, byte[]> record, String name) {
    Header header = record.headers().lastHeader(name);
    return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
  }
}
