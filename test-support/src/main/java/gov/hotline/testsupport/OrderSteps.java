package gov.hotline.testsupport;

import gov.hotline.contract.Actor;
import gov.hotline.contract.ActorRole;
import gov.hotline.contract.workorder.CallbackChannel;
import gov.hotline.contract.workorder.CallerRef;
import gov.hotline.contract.workorder.Category;
import gov.hotline.contract.workorder.Channel;
import gov.hotline.contract.workorder.DeadlineBasis;
import gov.hotline.contract.workorder.DemandType;
import gov.hotline.contract.workorder.HandlingOutcome;
import gov.hotline.contract.workorder.HandlingUnit;
import gov.hotline.contract.workorder.Location;
import gov.hotline.contract.workorder.OrderLifecycle;
import gov.hotline.contract.workorder.OrderProgress;
import gov.hotline.contract.workorder.Resolution;
import gov.hotline.contract.workorder.RevisitOutcome;
import gov.hotline.contract.workorder.Routing;
import gov.hotline.contract.workorder.RoutingMode;
import gov.hotline.contract.workorder.Satisfaction;
import gov.hotline.contract.workorder.UnitLevel;
import gov.hotline.contract.workorder.Urgency;
import gov.hotline.contract.workorder.Verdict;
import gov.hotline.contract.workorder.WorkOrderAudited;
import gov.hotline.contract.workorder.WorkOrderDispatched;
import gov.hotline.contract.workorder.WorkOrderEvent;
import gov.hotline.contract.workorder.WorkOrderHandled;
import gov.hotline.contract.workorder.WorkOrderReceived;
import gov.hotline.contract.workorder.WorkOrderRevisited;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The lifecycle steps of one order as the services that own them publish them, each built for the
 * pass and lead unit the order is in and folded by the contract's {@link OrderLifecycle} as it is
 * made, so a test cannot build a history the lifecycle would refuse. Steps are 30 minutes apart,
 * starting at the time given. Values are what the units catalogue and the schemas accept.
 *
 * <p>Not thread-safe: one order, one test.
 */
public final class OrderSteps {
  public static final HandlingUnit COMMUNITY =
      new HandlingUnit("340602-001-001", "相南街道人民路社区居委会", UnitLevel.COMMUNITY);
  public static final HandlingUnit OTHER_COMMUNITY =
      new HandlingUnit("340602-001-002", "相南街道南黎社区居委会", UnitLevel.COMMUNITY);
  public static final HandlingUnit STREET =
      new HandlingUnit("340602-001", "相山区相南街道办事处", UnitLevel.STREET);

  public static final Actor OPERATOR = new Actor(ActorRole.OPERATOR, "op-1", null, null);
  public static final Actor DISPATCHER = new Actor(ActorRole.DISPATCHER, "disp-1", null, null);
  public static final Actor SUPERVISOR = new Actor(ActorRole.SUPERVISOR, "sup-1", null, null);

  /** The masked phone every Received carries; the number itself is never in an event. */
  public static final String MASKED_PHONE = "138****8000";

  private static final Duration STEP = Duration.ofMinutes(30);

  private final UUID orderId;
  private final String orderNumber;
  private final List<WorkOrderEvent> events = new ArrayList<>();
  private Instant next;
  private OrderProgress progress;

  private OrderSteps(UUID orderId, String orderNumber, Instant receivedAt) {
    this.orderId = orderId;
    this.orderNumber = orderNumber;
    this.next = receivedAt;
  }

  /** An order with this id and human number, received at {@code receivedAt}. */
  public static OrderSteps of(UUID orderId, String orderNumber, Instant receivedAt) {
    return new OrderSteps(orderId, orderNumber, receivedAt);
  }

  /**
   * A new order with a random id and a number of the day 2026-12-01, received now (to the
   * millisecond, the precision a Mongo date keeps, so views read back the times the steps carry).
   */
  public static OrderSteps newOrder() {
    long sequence = Math.floorMod(UUID.randomUUID().getLeastSignificantBits(), 1_000_000L);
    return of(
        UUID.randomUUID(),
        String.format("20261201%06d", sequence),
        Instant.now().truncatedTo(ChronoUnit.MILLIS));
  }

  public UUID orderId() {
    return orderId;
  }

  public String orderNumber() {
    return orderNumber;
  }

  /** Where the order stands after the steps made so far; null before {@link #received()}. */
  public OrderProgress progress() {
    return progress;
  }

  /** The steps made so far, in order. */
  public List<WorkOrderEvent> events() {
    return List.copyOf(events);
  }

  /** 受理 by intake: a noise complaint by phone, to be handled as a work order. */
  public WorkOrderReceived received() {
    return step(
        new WorkOrderReceived(
            orderId,
            orderNumber,
            next,
            OPERATOR,
            1,
            Channel.PHONE,
            DemandType.COMPLAINT,
            new Category("URBAN.NOISE", List.of("城市管理", "噪声扰民")),
            Urgency.NORMAL,
            "夜间施工噪声",
            "工地每晚十一点后仍在施工",
            new Location("淮北市相山区人民路1号", "340602", 33.95, 116.79),
            new CallerRef("ab".repeat(32), MASKED_PHONE, false, false),
            List.of(),
            Resolution.WORK_ORDER,
            null));
  }

  /** 派单 by dispatch: to {@code lead} for 10 working days, with assisting units. */
  public WorkOrderDispatched dispatched(HandlingUnit lead, HandlingUnit... assisting) {
    return step(
        new WorkOrderDispatched(
            orderId,
            orderNumber,
            next,
            DISPATCHER,
            attempt(),
            lead,
            List.of(assisting),
            new Routing(RoutingMode.DIRECT_TO_GRASSROOTS, null),
            next.plus(Duration.ofDays(14)),
            new DeadlineBasis(10, "weekdays"),
            null));
  }

  /** 办理 reported through dispatch by a handler of the lead unit. */
  public WorkOrderHandled handled() {
    HandlingUnit lead = progress == null ? COMMUNITY : progress.leadUnit();
    return step(
        new WorkOrderHandled(
            orderId,
            orderNumber,
            next,
            new Actor(ActorRole.UNIT_HANDLER, "h-1", lead.id(), null),
            attempt(),
            lead,
            HandlingOutcome.RESOLVED,
            "已责令工地夜间停工",
            "现场检查并下达整改通知",
            List.of()));
  }

  /** 审核 by supervision; a rejection carries its reason. */
  public WorkOrderAudited audited(Verdict verdict) {
    return step(
        new WorkOrderAudited(
            orderId,
            orderNumber,
            next,
            SUPERVISOR,
            attempt(),
            verdict,
            verdict == Verdict.REJECTED ? "未到现场核实" : null));
  }

  /** 回访 by supervision: a caller reached and satisfied closes, unsatisfied reopens. */
  public WorkOrderRevisited revisited(RevisitOutcome outcome) {
    boolean reached = outcome != RevisitOutcome.CLOSED_UNREACHABLE;
    Satisfaction satisfaction =
        !reached
            ? null
            : outcome == RevisitOutcome.REOPENED
                ? Satisfaction.UNSATISFIED
                : Satisfaction.SATISFIED;
    return step(
        new WorkOrderRevisited(
            orderId,
            orderNumber,
            next,
            SUPERVISOR,
            attempt(),
            reached,
            reached ? 1 : 3,
            satisfaction,
            reached ? outcome != RevisitOutcome.REOPENED : null,
            CallbackChannel.PHONE,
            outcome));
  }

  private int attempt() {
    return progress == null ? 1 : progress.attempt();
  }

  private <E extends WorkOrderEvent> E step(E event) {
    progress = OrderLifecycle.evolve(progress, event);
    events.add(event);
    next = next.plus(STEP);
    return event;
  }
}
