package gov.hotline.launcher;

import gov.hotline.contract.EventType;
import gov.hotline.contract.workorder.OrderState;
import java.util.Arrays;
import java.util.Optional;

/**
 * The five commands of one lifecycle on the demo's path, in order. A step is done when its event is
 * on the lifecycle topic (and its command was answered); only then is the next one sent.
 */
enum BenchStep {
  OPEN("open", EventType.WORKORDER_RECEIVED, OrderState.RECEIVED),
  DISPATCH("dispatch", EventType.WORKORDER_DISPATCHED, OrderState.DISPATCHED),
  HANDLE("handle", EventType.WORKORDER_HANDLED, OrderState.HANDLED),
  REVIEW("review", EventType.WORKORDER_AUDITED, OrderState.AWAITING_CALLBACK),
  CALLBACK("callback", EventType.WORKORDER_REVISITED, OrderState.CLOSED);

  final String label;
  final String ceType;
  final OrderState state;

  BenchStep(String label, EventType event, OrderState state) {
    this.label = label;
    this.ceType = event.ceType();
    this.state = state;
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
