package gov.hotline.platform.domain;

/**
 * A command that the current state of an aggregate does not allow (e.g. reviewing an order that was
 * not handled yet). Carries a stable code readers can act on; answered as 409.
 */
public class RuleViolation extends RuntimeException {
  private final String code;
  private final String state;

  public RuleViolation(String code, String detail) {
    this(code, detail, null);
  }

  /**
   * @param state the aggregate's current state, named in the answer so a client that retried a
   *     command after a lost answer can tell "done already" from "not allowed"
   */
  public RuleViolation(String code, String detail, String state) {
    super(detail);
    this.code = code;
    this.state = state;
  }

  public String code() {
    return code;
  }

  /** The aggregate's current state, when the rule depends on it; null otherwise. */
  public String state() {
    return state;
  }
}
