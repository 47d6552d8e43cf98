package gov.hotline.api.admin;

/** Where a {@link Replay} stands. */
public enum ReplayState {
  RUNNING,
  DONE,
  FAILED
}
