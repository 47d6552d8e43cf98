package gov.hotline.launcher;

import gov.hotline.contract.EventType;
import gov.hotline.contract.workorder.OrderState;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The five commands of one lifecycle on the demo's path, in order. A step is done when its event is
 * on the lifecycle topic (and its command was answered); only then is the next one sent.
 */
enum BenchStep {
  OPEN("open", EventType.WORKORDER_RECEIVED, OrderState.RECEIVED, null),
  DISPATCH("dispatch", EventType.WORKORDER_DISPATCHED, OrderState.DISPATCHED, "dispatch"),
  HANDLE("handle", EventType.WORKORDER_HANDLED, OrderState.HANDLED, null),
  REVIEW("review", EventType.WORKORDER_AUDITED, OrderState.AWAITING_CALLBACK, "supervision"),
  CALLBACK("callback", EventType.WORKORDER_REVISITED, OrderState.CLOSED, null);

  final String label;
  final String ceType;
  final OrderState state;

  /**
   * The consumer group (a service's, named after it) that must have handled the previous step's
   * event before this command can succeed; null where the previous step was the same service's.
   */
  final String waitsFor;

  BenchStep(String label, EventType event, OrderState state, String waitsFor) {
    this.label = label;
    this.ceType = event.ceType();
    this.state = state;
    this.waitsFor = waitsFor;
  }

  Optional<BenchStep> previous() {
    return ordinal() > 0 ? Optional.of(values()[ordinal() - 1]) : Optional.empty();
  }

  /** The groups some step waits for. */
  static List<String> groupsWaitedFor() {
    return Arrays.stream(values()).map(s -> s.waitsFor).filter(g -> g != null).distinct().toList();
  }

  Optional<BenchStep> next() {
    int i = ordinal() + 1;
    return i < values().length ? Optional.of(values()[i]) : Optional.empty();
  }

  static Optional<BenchStep> ofCeType(String ceType) {
    return Arrays.stream(values()).filter(s -> s.ceType.equals(ceType)).findFirst();
  }

  /** {@code gov.hotline.workorder.received.v1} → {@code received}; other types as they are. */
  static String shortType(String ceType) {
    String prefix = "gov.hotline.workorder.";
    if (ceType != null && ceType.startsWith(prefix)) {
      String rest = ceType.substring(prefix.length());
      int version = rest.lastIndexOf(".v");
      return version > 0 ? rest.substring(0, version) : rest;
    }
    return ceType;
  }
}
