package gov.hotline.contract.workorder;

public enum RoutingMode {
  RULE,
  MANUAL,
  DIRECT_TO_GRASSROOTS
}
