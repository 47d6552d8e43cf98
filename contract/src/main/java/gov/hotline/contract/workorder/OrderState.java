package gov.hotline.contract.workorder;

/** The order's state as any reader derives it from the lifecycle events (see docs/lifecycle.md). */
public enum OrderState {
  RECEIVED,
  DISPATCHED,
  RETURNED,
  HANDLED,
  AWAITING_CALLBACK,
  REOPENED,
  CLOSED;

  /** The state after {@code event}, from this one. */
  public OrderState after(WorkOrderEvent event) {
    if (event instanceof WorkOrderReceived r) {
      return r.resolution() == Resolution.DIRECT_ANSWER ? CLOSED : RECEIVED;
    }
    if (event instanceof WorkOrderDispatched) {
      return DISPATCHED;
    }
    if (event instanceof WorkOrderHandled) {
      return HANDLED;
    }
    if (event instanceof WorkOrderAudited a) {
      return a.verdict() == Verdict.APPROVED ? AWAITING_CALLBACK : DISPATCHED;
    }
    WorkOrderRevisited v = (WorkOrderRevisited) event;
    return v.outcome() == RevisitOutcome.REOPENED ? REOPENED : CLOSED;
  }

  /**
   * The pass the order is in after {@code event}: a failed review or a reopening starts a new one.
   */
  public static int attemptAfter(WorkOrderEvent event) {
    boolean redo =
        (event instanceof WorkOrderAudited a && a.verdict() == Verdict.REJECTED)
            || (event instanceof WorkOrderRevisited v && v.outcome() == RevisitOutcome.REOPENED);
    return redo ? event.attempt() + 1 : event.attempt();
  }
}
