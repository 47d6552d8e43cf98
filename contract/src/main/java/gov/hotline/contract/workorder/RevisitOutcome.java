package gov.hotline.contract.workorder;

/** What the callback did to the order: closed it, reopened it, or closed it unreachable. */
public enum RevisitOutcome {
  CLOSED,
  REOPENED,
  CLOSED_UNREACHABLE
}
