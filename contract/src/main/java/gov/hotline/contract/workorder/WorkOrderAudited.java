package gov.hotline.contract.workorder;

import gov.hotline.contract.Actor;
import java.time.Instant;
import java.util.UUID;

/** 审核: a supervisor reviewed the result. REJECTED sends the order back to the same unit. */
public record WorkOrderAudited(
    UUID orderId,
    String orderNumber,
    Instant occurredAt,
    Actor actor,
    int attempt,
    Verdict verdict,
    String reason)
    implements WorkOrderEvent {
  @Override
  public <R> R accept(Visitor<R> visitor) {
    return visitor.audited(this);
  }
}
