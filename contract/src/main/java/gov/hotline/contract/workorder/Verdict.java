package gov.hotline.contract.workorder;

public enum Verdict {
  APPROVED,
  REJECTED
}
