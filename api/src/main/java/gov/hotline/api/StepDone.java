package gov.hotline.api;

import gov.hotline.contract.workorder.HandlingUnit;
import gov.hotline.contract.workorder.OrderState;
import java.time.Instant;
import java.util.UUID;

/**
 * A lifecycle command's answer: the order's state right after it. A dispatch also names the unit
 * and the deadline; the other steps leave them out.
 */
public record StepDone(UUID orderId, OrderState state, HandlingUnit unit, Instant dueAt) {
  public StepDone(UUID orderId, OrderState state) {
    this(orderId, state, null, null);
  }
}
