package gov.hotline.contract.workorder;

public enum Urgency {
  NORMAL,
  URGENT,
  EMERGENCY
}
