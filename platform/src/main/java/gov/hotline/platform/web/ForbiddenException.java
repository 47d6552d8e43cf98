package gov.hotline.platform.web;

/** The actor is known but may not do this; answered 403. */
public class ForbiddenException extends RuntimeException {
  public ForbiddenException(String detail) {
    super(detail);
  }
}
