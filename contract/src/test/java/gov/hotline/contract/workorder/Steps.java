package gov.hotline.contract.workorder;

import gov.hotline.contract.Actor;
import gov.hotline.contract.ActorRole;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Lifecycle events of one order, each built for the pass and lead unit the order is in. */
final class Steps {
  static final UUID ORDER = UUID.fromString("5e7f1c2a-0d3b-4e8a-9c61-2b4d6f8a0c11");
  static final String NUMBER = "20261201000042";
  static final Instant T0 = Instant.parse("2026-12-01T01:00:00Z");
  static final HandlingUnit COMMUNITY =
      new HandlingUnit("340602-001-001", "相南街道人民路社区居委会", UnitLevel.COMMUNITY);
  static final HandlingUnit STREET = new HandlingUnit("340602-001", "相山区相南街道办事处", UnitLevel.STREET);

  private Steps() {}

  static WorkOrderReceived received(Resolution resolution) {
    return new WorkOrderReceived(
        ORDER,
        NUMBER,
        T0,
        new Actor(ActorRole.OPERATOR, "op-1", null, null),
        1,
        Channel.PHONE,
        DemandType.COMPLAINT,
        new Category("URBAN.NOISE", List.of("城市管理", "噪声扰民")),
        Urgency.NORMAL,
        "夜间施工噪声",
        "工地每晚十一点后仍在施工",
        new Location("淮北市相山区人民路1号", "340602", null, null),
        new CallerRef("ref", "138****0001", false, false),
        List.of(),
        resolution,
        resolution == Resolution.DIRECT_ANSWER ? UUID.randomUUID() : null);
  }

  static WorkOrderDispatched dispatched(OrderProgress p, HandlingUnit unit, String reason) {
    return new WorkOrderDispatched(
        ORDER,
        NUMBER,
        next(p),
        new Actor(ActorRole.DISPATCHER, "disp-1", null, null),
        attempt(p),
        unit,
        List.of(STREET),
        new Routing(RoutingMode.DIRECT_TO_GRASSROOTS, null),
        next(p).plus(Duration.ofDays(14)),
        new DeadlineBasis(10, "weekdays"),
        reason);
  }

  static WorkOrderHandled handled(OrderProgress p, HandlingUnit unit) {
    return new WorkOrderHandled(
        ORDER,
        NUMBER,
        next(p),
        new Actor(ActorRole.UNIT_HANDLER, "h-1", unit.id(), null),
        attempt(p),
        unit,
        HandlingOutcome.RESOLVED,
        "已责令工地夜间停工",
        null,
        List.of());
  }

  static WorkOrderHandled handled(OrderProgress p) {
    return handled(p, p == null || p.leadUnit() == null ? COMMUNITY : p.leadUnit());
  }

  static WorkOrderAudited audited(OrderProgress p, Verdict verdict) {
    return new WorkOrderAudited(
        ORDER,
        NUMBER,
        next(p),
        new Actor(ActorRole.SUPERVISOR, "sup-1", null, null),
        attempt(p),
        verdict,
        verdict == Verdict.REJECTED ? "未到现场核实" : null);
  }

  static WorkOrderRevisited revisited(OrderProgress p, RevisitOutcome outcome) {
    boolean reached = outcome != RevisitOutcome.CLOSED_UNREACHABLE;
    return new WorkOrderRevisited(
        ORDER,
        NUMBER,
        next(p),
        new Actor(ActorRole.SUPERVISOR, "sup-1", null, null),
        attempt(p),
        reached,
        reached ? 1 : 3,
        !reached
            ? null
            : outcome == RevisitOutcome.REOPENED
                ? Satisfaction.UNSATISFIED
                : Satisfaction.SATISFIED,
        reached ? outcome != RevisitOutcome.REOPENED : null,
        CallbackChannel.PHONE,
        outcome);
  }

  private static int attempt(OrderProgress p) {
    return p == null ? 1 : p.attempt();
  }

  private static Instant next(OrderProgress p) {
    return (p == null ? T0 : p.lastChangedAt()).plus(Duration.ofMinutes(30));
  }
}
