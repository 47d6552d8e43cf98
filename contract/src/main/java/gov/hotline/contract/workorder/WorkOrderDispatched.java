package gov.hotline.contract.workorder;

import gov.hotline.contract.Actor;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** 派单: the order was routed to a lead unit (and assisting units) with a deadline. */
public record WorkOrderDispatched(
    UUID orderId,
    String orderNumber,
    Instant occurredAt,
    Actor actor,
    int attempt,
    HandlingUnit unit,
    List<HandlingUnit> assistingUnits,
    Routing routing,
    Instant dueAt,
    DeadlineBasis deadlineBasis,
    String reason)
    implements WorkOrderEvent {
  public WorkOrderDispatched {
    assistingUnits = assistingUnits == null ? List.of() : List.copyOf(assistingUnits);
  }

  @Override
  public <R> R accept(Visitor<R> visitor) {
    return visitor.dispatched(this);
  }
}
