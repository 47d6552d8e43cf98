package gov.hotline.platform.relay;

import com.fasterxml.jackson.core.JsonProcessingException;
import gov.hotline.contract.ContractJson;
import gov.hotline.contract.EventType;
import gov.hotline.contract.PublicEvent;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import java.net.URI;
import java.time.ZoneOffset;
import java.util.Optional;

/**
 * Turns a contract event into the CloudEvent that goes on the wire, and back. The payload is
 * written by {@link ContractJson}, so every service publishes the same JSON for the same record.
 */
public final class CloudEventCodec {
  private final URI source;

  public CloudEventCodec(String source) {
    this.source = URI.create(source);
  }

  public URI source() {
    return source;
  }

  public CloudEvent encode(String eventId, PublicEvent event) {
    EventType type =
        EventType.ofPayload(event.getClass())
            .orElseThrow(() -> new IllegalArgumentException("not a contract event: " + event));
    try {
      return CloudEventBuilder.v1()
          .withId(eventId)
          .withSource(source)
          .withType(type.ceType())
          .withSubject(event.subject())
          .withTime(event.occurredAt().atOffset(ZoneOffset.UTC))
          .withDataSchema(type.dataSchema())
          .withDataContentType("application/json")
          .withData(ContractJson.mapper().writeValueAsBytes(event))
          .build();
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write " + type.ceType(), e);
    }
  }

  /**
   * Reads the payload of a CloudEvent of a known type; empty for a type this reader does not know
   * (a newer version it may safely ignore).
   *
   * @throws UnreadableEventException when the type is known but the data does not fit it
   */
  public static Optional<PublicEvent> decode(CloudEvent event) {
    Optional<EventType> type = EventType.ofCeType(event.getType());
    if (type.isEmpty()) {
      return Optional.empty();
    }
    if (event.getData() == null) {
      throw new UnreadableEventException("event " + event.getId() + " has no data");
    }
    try {
      return Optional.of(
          ContractJson.mapper().readValue(event.getData().toBytes(), type.get().payloadType()));
    } catch (java.io.IOException e) {
      throw new UnreadableEventException(
          "data of " + event.getType() + " " + event.getId() + " is unreadable: " + e.getMessage());
    }
  }
}
