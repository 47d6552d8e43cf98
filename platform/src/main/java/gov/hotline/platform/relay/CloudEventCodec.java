package gov.hotline.platform.relay;

import com.fasterxml.jackson.core.JsonProcessingException;
import gov.hotline.contract.ContractJson;
import gov.hotline.contract.EventType;
import gov.hotline.contract.PublicEvent;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import java.io.IOException;
import java.net.URI;
import java.time.ZoneOffset;

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
   * Reads the data of a CloudEvent into {@code payloadType} with {@link ContractJson}.
   *
   * @throws UnreadableEventException when there is no data or it does not fit the type: no retry
   *     can change that
   */
  public static <T> T decode(CloudEvent event, Class<T> payloadType) {
    if (event.getData() == null) {
      throw new UnreadableEventException("event " + event.getId() + " has no data");
    }
    try {
      return ContractJson.mapper().readValue(event.getData().toBytes(), payloadType);
    } catch (IOException e) {
      throw new UnreadableEventException(
          "data of " + event.getType() + " " + event.getId() + " is unreadable: " + e.getMessage());
    }
  }
}
