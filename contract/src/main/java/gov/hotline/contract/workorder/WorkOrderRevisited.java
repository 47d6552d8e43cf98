package gov.hotline.contract.workorder;

import gov.hotline.contract.Actor;
import java.time.Instant;
import java.util.UUID;

/**
 * 回访: the caller was called back (or could not be reached). Outcome CLOSED or CLOSED_UNREACHABLE
 * closes the order; REOPENED sends it back to dispatch.
 */
public record WorkOrderRevisited(
    UUID orderId,
    String orderNumber,
    Instant occurredAt,
    Actor actor,
    int attempt,
    boolean reached,
    int callAttempts,
    Satisfaction satisfaction,
    Boolean resolved,
    CallbackChannel via,
    RevisitOutcome outcome)
    implements WorkOrderEvent {
  @Override
  public <R> R accept(Visitor<R> visitor) {
    return visitor.revisited(this);
  }
}
