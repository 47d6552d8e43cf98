package gov.hotline.testsupport;

import gov.hotline.contract.ContractJson;
import gov.hotline.contract.ContractSchemas;
import gov.hotline.contract.EventType;
import gov.hotline.contract.PublicEvent;
import io.cloudevents.CloudEvent;
import java.io.IOException;
import java.net.URI;
import java.util.Objects;
import java.util.Set;

/** What every event a service publishes must be, checked the way a consumer would rely on it. */
public final class ContractAssertions {
  private ContractAssertions() {}

  /**
   * Checks that {@code event} is a {@code type} from the service at {@code source} (e.g. {@code
   * /hotline/dispatch}), that its data is valid against the contract's JSON Schema, and that its
   * envelope agrees with its data ({@code ce_subject}, {@code ce_time}, {@code ce_dataschema});
   * returns the data read as the contract's record.
   *
   * @throws AssertionError naming the first thing that is wrong
   */
  public static <E extends PublicEvent> E assertPublished(
      CloudEvent event, Class<E> type, String source) {
    EventType expected =
        EventType.ofPayload(type)
            .orElseThrow(() -> new IllegalArgumentException(type + " is not a contract event"));
    require(expected.ceType(), event.getType(), "ce_type");
    require(URI.create(source), event.getSource(), "ce_source of " + event.getType());
    require(expected.dataSchema(), event.getDataSchema(), "ce_dataschema");
    byte[] data = event.getData() == null ? new byte[0] : event.getData().toBytes();
    Set<String> violations = ContractSchemas.validate(event.getType(), data);
    if (!violations.isEmpty()) {
      throw new AssertionError(
          event.getType() + " " + event.getId() + " breaks its schema: " + violations);
    }
    E payload;
    try {
      payload = ContractJson.mapper().readValue(data, type);
    } catch (IOException e) {
      throw new AssertionError("unreadable " + event.getType() + " " + event.getId(), e);
    }
    require(payload.subject(), event.getSubject(), "ce_subject");
    require(
        payload.occurredAt(),
        event.getTime() == null ? null : event.getTime().toInstant(),
        "ce_time");
    return payload;
  }

  private static void require(Object expected, Object actual, String what) {
    if (!Objects.equals(expected, actual)) {
      throw new AssertionError(what + " is " + actual + ", expected " + expected);
    }
  }
}
