package gov.hotline.contract.workorder;

public enum Satisfaction {
  SATISFIED,
  BASICALLY_SATISFIED,
  UNSATISFIED
}
