package gov.hotline.platform.inbox;

import gov.hotline.contract.EventType;
import java.net.URI;
import java.time.Instant;
import java.util.Optional;

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
}
