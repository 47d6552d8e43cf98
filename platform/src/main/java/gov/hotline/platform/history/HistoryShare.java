package gov.hotline.platform.history;

import gov.hotline.contract.EventType;
import gov.hotline.contract.workorder.WorkOrderEvent;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * A service's share of the {@link SyntheticHistory}, declared once by the service as a bean: the
 * aggregate type that holds each order here, the steps it decides (stored as themselves and
 * published by this service), the steps of other services it observes (stored as {@code
 * StepObserved}), and the writer of its read models, which folds the same steps with the same rules
 * its projections use. {@code salt} tells this service's observation ids from another's.
 */
public record HistoryShare(
    String aggregateType,
    int salt,
    Set<EventType> decides,
    Set<EventType> observes,
    Consumer<List<Seeded>> views) {

  /** One order as this service stores it: its steps with their aggregate sequence numbers. */
  public record Seeded(SyntheticHistory.Order order, List<Stored> steps) {}

  /** A step of the order's aggregate here: decided by this service or observed. */
  public record Stored(long sequence, int stepIndex, WorkOrderEvent step, boolean observed) {}

  /** What this service stores of {@code order}: the steps it decides or observes, in order. */
  public Seeded share(SyntheticHistory.Order order) {
    List<Stored> stored = new java.util.ArrayList<>();
    for (int i = 0; i < order.steps().size(); i++) {
      WorkOrderEvent step = order.steps().get(i).event();
      EventType type = EventType.ofPayload(step.getClass()).orElseThrow();
      if (decides.contains(type)) {
        stored.add(new Stored(stored.size(), i, step, false));
      } else if (observes.contains(type)) {
        stored.add(new Stored(stored.size(), i, step, true));
      }
    }
    return new Seeded(order, List.copyOf(stored));
  }
}
