package gov.hotline.platform.inbox;

import gov.hotline.contract.Actor;
import gov.hotline.contract.ActorRole;
import gov.hotline.contract.ContractJson;
import gov.hotline.contract.EventType;
import gov.hotline.contract.workorder.Verdict;
import gov.hotline.contract.workorder.WorkOrderAudited;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.kafka.CloudEventSerializer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;

/** CloudEvents as Kafka records, the way the relay writes them (binary mode). */
final class Records {
  static final String OTHER_SOURCE = "/hotline/intake";
  private static final AtomicLong OFFSETS = new AtomicLong();

  private Records() {}

  static WorkOrderAudited audited() {
    return new WorkOrderAudited(
        UUID.randomUUID(),
        "20261124000001",
        Instant.parse("2026-11-24T02:00:00Z"),
        new Actor(ActorRole.SUPERVISOR, "sup-1", null, null),
        1,
        Verdict.APPROVED,
        "整改到位");
  }

  static CloudEvent event(String source, WorkOrderAudited payload) {
    try {
      return event(
          source,
          EventType.WORKORDER_AUDITED.ceType(),
          payload.subject(),
          ContractJson.mapper().writeValueAsBytes(payload));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  static CloudEvent event(String source, String ceType, String subject, String json) {
    return event(source, ceType, subject, json.getBytes(StandardCharsets.UTF_8));
  }

  private static CloudEvent event(String source, String ceType, String subject, byte[] data) {
    return CloudEventBuilder.v1()
        .withId(UUID.randomUUID().toString())
        .withSource(URI.create(source))
        .withType(ceType)
        .withSubject(subject)
        .withTime(Instant.parse("2026-11-24T02:00:01Z").atOffset(ZoneOffset.UTC))
        .withDataContentType("application/json")
        .withData(data)
        .build();
  }

  /** The record a consumer of {@code topic} would read. */
  static ConsumerRecord<String, byte[]> consumed(String topic, CloudEvent event) {
    ProducerRecord<String, byte[]> produced = produced(topic, event);
    return new ConsumerRecord<>(
        topic,
        0,
        OFFSETS.incrementAndGet(),
        0L,
        TimestampType.CREATE_TIME,
        -1,
        -1,
        produced.key(),
        produced.value(),
        produced.headers(),
        Optional.empty());
  }

  /** The record the relay would send to {@code topic}: {@code ce_*} headers, JSON value. */
  static ProducerRecord<String, byte[]> produced(String topic, CloudEvent event) {
    RecordHeaders headers = new RecordHeaders();
    try (CloudEventSerializer serializer = new CloudEventSerializer()) {
      byte[] value = serializer.serialize(topic, headers, event);
      return new ProducerRecord<>(topic, null, event.getSubject(), value, headers);
    }
  }

  /** A record that is no CloudEvent at all. */
  static ConsumerRecord<String, byte[]> plain(String topic, String value) {
    return new ConsumerRecord<>(
        topic, 0, OFFSETS.incrementAndGet(), "k", value.getBytes(StandardCharsets.UTF_8));
  }
}
