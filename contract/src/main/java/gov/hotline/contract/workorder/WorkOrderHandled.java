package gov.hotline.contract.workorder;

import gov.hotline.contract.Actor;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** 办理/答复: the handling unit reported its result. */
public record WorkOrderHandled(
    UUID orderId,
    String orderNumber,
    Instant occurredAt,
    Actor actor,
    int attempt,
    HandlingUnit unit,
    HandlingOutcome outcome,
    String reply,
    String measures,
    List<Attachment> evidence)
    implements WorkOrderEvent {
  public WorkOrderHandled {
    evidence = evidence == null ? List.of() : List.copyOf(evidence);
  }

  @Override
  public <R> R accept(Visitor<R> visitor) {
    return visitor.handled(this);
  }
}
