package gov.hotline.platform.domain;

/**
 * A command names something that does not fit, found while deciding (e.g. an unknown unit id);
 * answered 400 naming the field, like any other bad input. Nothing was changed.
 */
public class InvalidCommand extends RuntimeException {
  private final String field;
  private final String reason;

  public InvalidCommand(String field, String reason) {
    super(field + ": " + reason);
    this.field = field;
    this.reason = reason;
  }

  public String field() {
    return field;
  }

  public String reason() {
    return reason;
  }
}
