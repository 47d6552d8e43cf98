package gov.hotline.platform.history;

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
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * A large, made-up but lawful history of closed work orders, defined once for every service: order
 * {@code i} (0, 1, 2, …) and its five lifecycle events — received, dispatched, handled, audited and
 * revisited (closed) — with the same ids, numbers and timestamps whichever service asks, so each
 * service can write its own share of the same history ({@code ./hotline seed}).
 *
 * <p>Ids are recognisable: every id of the history has {@link #MARK} as its upper 64 bits (a random
 * UUID, version 4, never has: the version nibble here is 0), the lower bits carry the order index
 * and step. The history lies in the past, from {@link #START} on, one order every {@link #SPACING},
 * so no tracking processor that has seen one live event ever reads it (their look-back window is
 * seconds) and order numbers never meet today's.
 */
public final class SyntheticHistory {
  /** Upper 64 bits of every id of the history: "5eed" + zeroes, version nibble 0. */
  public static final long MARK = 0x5eed_0000_0000_0000L;

  /** Order numbers and days are counted in the hotline's zone; the history fixes it. */
  public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

  /** 2025-01-01 00:00 in {@link #ZONE}: order 0 is received then. */
  public static final Instant START = LocalDate.of(2025, 1, 1).atStartOfDay(ZONE).toInstant();

  /** One order every five seconds: 17,280 a day, 200,000 orders (1M events) in 11.6 days. */
  public static final Duration SPACING = Duration.ofSeconds(5);

  /** Orders the history has at most (its timestamps stay well before 2026). */
  public static final int MAX_ORDERS = 5_000_000;

  /** Steps per order, each a lifecycle event. */
  public static final int STEPS = 5;

  public static final HandlingUnit UNIT =
      new HandlingUnit("340602-001-001", "相南街道人民路社区居委会", UnitLevel.COMMUNITY);

  private static final DateTimeFormatter DAY = DateTimeFormatter.BASIC_ISO_DATE;
  private static final long ORDERS_PER_DAY = Duration.ofDays(1).dividedBy(SPACING);

  private SyntheticHistory() {}

  /** One event of the history: its id (the {@code ce_id} on the topic) and the event. */
  public record Step(String eventId, WorkOrderEvent event) {}

  /** Order {@code index} of the history and its five steps, in lifecycle order. */
  public record Order(int index, UUID orderId, String orderNumber, List<Step> steps) {
    public Instant receivedAt() {
      return steps.get(0).event().occurredAt();
    }
  }

  /** Orders {@code from} to {@code from + count - 1}. */
  public static List<Order> orders(int from, int count) {
    check(from, count);
    List<Order> orders = new ArrayList<>(count);
    for (int i = from; i < from + count; i++) {
      orders.add(order(i));
    }
    return orders;
  }

  public static void check(int from, int count) {
    if (from < 0 || count < 0 || (long) from + count > MAX_ORDERS) {
      throw new IllegalArgumentException(
          "the history has orders 0 to " + (MAX_ORDERS - 1) + ", not " + from + "+" + count);
    }
  }

  /** The time order {@code index} is received; its later steps follow one second apart. */
  public static Instant receivedAt(int index) {
    return START.plus(SPACING.multipliedBy(index));
  }

  /** The newest timestamp among orders below {@code end}. */
  public static Instant newestBefore(int end) {
    return receivedAt(Math.max(0, end - 1)).plusSeconds(STEPS - 1);
  }

  public static UUID orderId(int index) {
    return id(index, 0);
  }

  /** The id of step {@code step} (0 = received … 4 = revisited) of order {@code index}. */
  public static String eventId(int index, int step) {
    return id(index, step + 1).toString();
  }

  /**
   * An id a service gives its own record of another service's step ({@code StepObserved}): derived
   * from the step and the observing service ({@code salt} 1, 2, …), so it is stable too.
   */
  public static String observedId(int index, int step, int salt) {
    return id(index, 8 * salt + step + 1).toString();
  }

  /** True for any id of the history (an order's, a step's, an observation's). */
  public static boolean isHistory(String id) {
    try {
      return UUID.fromString(id).getMostSignificantBits() == MARK;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  /** True for an order id of the history. */
  public static boolean isHistory(UUID orderId) {
    return orderId.getMostSignificantBits() == MARK
        && (orderId.getLeastSignificantBits() & 63) == 0;
  }

  private static UUID id(int index, int slot) {
    return new UUID(MARK, ((long) index << 6) | slot);
  }

  public static Order order(int index) {
    check(index, 1);
    UUID orderId = orderId(index);
    Instant at = receivedAt(index);
    LocalDate day = LocalDate.ofInstant(at, ZONE);
    long seq = Duration.between(day.atStartOfDay(ZONE).toInstant(), at).dividedBy(SPACING) + 1;
    String number = day.format(DAY) + String.format("%06d", seq);
    if (seq > ORDERS_PER_DAY) {
      throw new IllegalStateException("order " + index + " overflows its day");
    }
    Actor operator = new Actor(ActorRole.OPERATOR, "seed-operator", null, null);
    Actor dispatcher = new Actor(ActorRole.DISPATCHER, "seed-dispatcher", null, null);
    Actor handler = new Actor(ActorRole.UNIT_HANDLER, "seed-handler", UNIT.id(), null);
    Actor supervisor = new Actor(ActorRole.SUPERVISOR, "seed-supervisor", null, null);
    List<WorkOrderEvent> events =
        List.of(
            new WorkOrderReceived(
                orderId,
                number,
                at,
                operator,
                1,
                Channel.PHONE,
                DemandType.COMPLAINT,
                new Category("URBAN.NOISE", List.of("城市管理", "噪声扰民")),
                Urgency.NORMAL,
                "夜间施工噪声（历史工单 " + index + "）",
                "工地每晚十一点后仍在施工",
                new Location("淮北市相山区人民路1号", "340602", null, null),
                new CallerRef(null, null, true, false),
                List.of(),
                Resolution.WORK_ORDER,
                null),
            new WorkOrderDispatched(
                orderId,
                number,
                at.plusSeconds(1),
                dispatcher,
                1,
                UNIT,
                List.of(),
                new Routing(RoutingMode.DIRECT_TO_GRASSROOTS, null),
                at.plus(Duration.ofDays(5)),
                new DeadlineBasis(3, "weekdays"),
                null),
            new WorkOrderHandled(
                orderId,
                number,
                at.plusSeconds(2),
                handler,
                1,
                UNIT,
                HandlingOutcome.RESOLVED,
                "已责令工地夜间停工",
                "夜间巡查",
                List.of()),
            new WorkOrderAudited(
                orderId, number, at.plusSeconds(3), supervisor, 1, Verdict.APPROVED, null),
            new WorkOrderRevisited(
                orderId,
                number,
                at.plusSeconds(4),
                supervisor,
                1,
                true,
                1,
                Satisfaction.SATISFIED,
                true,
                CallbackChannel.PHONE,
                RevisitOutcome.CLOSED));
    List<Step> steps = new ArrayList<>(STEPS);
    for (int s = 0; s < STEPS; s++) {
      steps.add(new Step(eventId(index, s), events.get(s)));
    }
    return new Order(index, orderId, number, List.copyOf(steps));
  }
}
