package gov.hotline.platform.domain;

/** What a request names does not exist (yet) here; answered as 404. */
public class UnknownEntity extends RuntimeException {
  public UnknownEntity(String what, Object id) {
    super(what + " " + id + " is not known here");
  }
}
