package gov.hotline.contract.workorder;

/**
 * A lifecycle event that the order's current state does not allow, refused by {@link
 * OrderLifecycle}. {@link #reason()} is a stable code readers and clients can act on (e.g. {@code
 * order-not-handled}); {@link #state()} is the state the order is in, or null before it was
 * received.
 */
public class IllegalTransition extends RuntimeException {
  private final String reason;
  private final OrderState state;

  public IllegalTransition(String reason, OrderState state, String detail) {
    super(detail);
    this.reason = reason;
    this.state = state;
  }

  public String reason() {
    return reason;
  }

  public OrderState state() {
    return state;
  }
}
