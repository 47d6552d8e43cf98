package gov.hotline.contract.workorder;

import gov.hotline.contract.PublicEvent;
import java.util.UUID;

/**
 * A step of a work order's life, published on {@link
 * gov.hotline.contract.Topics#WORKORDER_LIFECYCLE}. Every step carries the order's id and human
 * number, when it happened, who did it and which pass it belongs to ({@code attempt}: 1, then +1 on
 * each redo or reopen).
 */
public sealed interface WorkOrderEvent extends PublicEvent
    permits WorkOrderReceived,
        WorkOrderDispatched,
        WorkOrderHandled,
        WorkOrderAudited,
        WorkOrderRevisited {
  UUID orderId();

  String orderNumber();

  int attempt();

  @Override
  default String subject() {
    return orderId().toString();
  }

  /**
   * Hands this step to the visitor's method for its type. A new step type adds a method to {@link
   * Visitor}, so every reader that must handle every step (the lifecycle fold first of all) stops
   * compiling until it has a rule for it.
   */
  <R> R accept(Visitor<R> visitor);

  /** One method per type of step. */
  interface Visitor<R> {
    R received(WorkOrderReceived event);

    R dispatched(WorkOrderDispatched event);

    R handled(WorkOrderHandled event);

    R audited(WorkOrderAudited event);

    R revisited(WorkOrderRevisited event);
  }
}
