package gov.hotline.platform.inbox;

import gov.hotline.contract.EventType;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;

/**
 * A CloudEvents type on a topic and the class its JSON data is read into (with {@link
 * gov.hotline.contract.ContractJson}).
 */
public record InboundType(String topic, String ceType, Class<?> payloadType) {

  public InboundType {
    requireText(topic, "topic");
    requireText(ceType, "ceType");
    Objects.requireNonNull(payloadType, "payloadType");
  }

  /** A public event of the contract, read into its record. */
  public static InboundType of(EventType type) {
    return new InboundType(type.topic(), type.ceType(), type.payloadType());
  }

  /** Public events of the contract, e.g. {@code allOf(EventType.lifecycle())}. */
  public static Set<InboundType> allOf(Collection<EventType> types) {
    Set<InboundType> set = new LinkedHashSet<>();
    types.stream().map(InboundType::of).forEach(set::add);
    return Collections.unmodifiableSet(set);
  }

  public static Set<InboundType> allOf(EventType... types) {
    return allOf(Arrays.asList(types));
  }

  /**
   * A command or demand other systems send as CloudEvents on an inbound topic (not a public event).
   *
   * @throws IllegalArgumentException when the type or the topic belongs to the public event
   *     catalogue: a public event is taken with {@link #of(EventType)}, and public topics carry
   *     events only
   */
  public static InboundType command(String topic, String ceType, Class<?> payloadType) {
    if (EventType.ofCeType(ceType).isPresent()) {
      throw new IllegalArgumentException(
          ceType + " is a public event type; take it with InboundType.of(EventType)");
    }
    if (Arrays.stream(EventType.values()).anyMatch(t -> t.topic().equals(topic))) {
      throw new IllegalArgumentException(
          topic + " is a public event topic; commands arrive on a topic of their own");
    }
    return new InboundType(topic, ceType, payloadType);
  }

  private static void requireText(String value, String name) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(name + " must not be blank");
    }
  }
}
