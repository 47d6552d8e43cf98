package gov.hotline.platform.domain;

/** The actor may not act on this aggregate (e.g. a unit reporting on another unit's order); 403. */
public class NotPermitted extends RuntimeException {
  public NotPermitted(String detail) {
    super(detail);
  }
}
