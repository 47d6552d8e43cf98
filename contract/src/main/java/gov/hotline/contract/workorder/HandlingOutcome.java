package gov.hotline.contract.workorder;

public enum HandlingOutcome {
  RESOLVED,
  EXPLAINED,
  CANNOT_RESOLVE
}
