package gov.hotline.contract.workorder;

/** How the unit was chosen; {@code ruleId} when a routing rule chose it. */
public record Routing(RoutingMode mode, String ruleId) {}
