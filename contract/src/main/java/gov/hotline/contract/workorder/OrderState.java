package gov.hotline.contract.workorder;

/**
 * The order's state as any reader derives it from the lifecycle events. {@link OrderLifecycle} is
 * the only code that knows which event moves an order from which state to which (see
 * docs/lifecycle.md).
 */
public enum OrderState {
  RECEIVED,
  DISPATCHED,
  RETURNED,
  HANDLED,
  AWAITING_CALLBACK,
  REOPENED,
  CLOSED
}
