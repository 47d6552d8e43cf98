package gov.hotline.platform.domain;

/**
 * A command that the current state of an aggregate does not allow (e.g. reviewing an order that was
 * not handled yet). Carries a stable code readers can act on; answered as 409.
 */
public class RuleViolation extends RuntimeException {
  private final String code;

  public RuleViolation(String code, String detail) {
    super(detail);
    this.code = code;
  }

  public String code() {
    return code;
  }
}
