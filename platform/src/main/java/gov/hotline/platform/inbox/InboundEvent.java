package gov.hotline.platform.inbox;

import gov.hotline.contract.EventType;
import gov.hotline.platform.relay.CloudEventCodec;
import gov.hotline.platform.relay.UnreadableEventException;
import io.cloudevents.CloudEvent;
import io.cloudevents.kafka.KafkaMessageFactory;
import java.net.URI;
import java.time.Instant;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * A CloudEvent read from Kafka: its envelope, the payload read into the {@link InboundType}'s
 * class, the data exactly as it was published, and where it was read from.
 *
 * @param type the CloudEvents {@code ce_type}, e.g. {@code gov.hotline.workorder.handled.v1}
 * @param data the record's value, byte for byte
 */
public record InboundEvent(
    String id,
    URI source,
    String type,
    String subject,
    Instant time,
    Object payload,
    byte[] data,
    String topic,
    int partition,
    long offset) {

  /** The contract's event type, empty for a command type outside the public catalogue. */
  public Optional<EventType> eventType() {
    return EventType.ofCeType(type);
  }

  /**
   * The payload as the class the handler asked for in its {@link InboundType}.
   *
   * @throws ClassCastException when it is not one
   */
  public <T> T payload(Class<T> payloadType) {
    return payloadType.cast(payload);
  }

  /**
   * Reads a record as the inbox does: its CloudEvent, the data read into {@code payloadType}, and
   * where it was read from. A replay reads the topic with this too, so it sees what the inbox saw.
   *
   * @throws UnreadableEventException when the record is no CloudEvent or its data does not fit
   */
  public static InboundEvent read(ConsumerRecord<String, byte[]> record, Class<?> payloadType) {
    return of(record, cloudEvent(record), payloadType);
  }

  static InboundEvent of(
      ConsumerRecord<String, byte[]> record, CloudEvent cloudEvent, Class<?> payloadType) {
    return new InboundEvent(
        cloudEvent.getId(),
        cloudEvent.getSource(),
        cloudEvent.getType(),
        cloudEvent.getSubject(),
        cloudEvent.getTime() == null ? null : cloudEvent.getTime().toInstant(),
        CloudEventCodec.decode(cloudEvent, payloadType),
        cloudEvent.getData().toBytes(),
        record.topic(),
        record.partition(),
        record.offset());
  }

  /** Where a record stands, for messages: {@code record <topic>-<partition>@<offset>}. */
  public static String where(ConsumerRecord<?, ?> record) {
    return "record " + record.topic() + "-" + record.partition() + "@" + record.offset();
  }

  /** The record's CloudEvent (binary mode). */
  public static CloudEvent cloudEvent(ConsumerRecord<String, byte[]> record) {
    try {
      return KafkaMessageFactory.createReader(record).toEvent();
    } catch (RuntimeException e) {
      throw new UnreadableEventException(where(record) + " is not a CloudEvent: " + e.getMessage());
    }
  }
}
