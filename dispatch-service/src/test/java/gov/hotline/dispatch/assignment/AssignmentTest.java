package gov.hotline.dispatch.assignment;

import gov.hotline.contract.Actor;
import gov.hotline.contract.ActorRole;
import gov.hotline.contract.workorder.CallerRef;
import gov.hotline.contract.workorder.Category;
import gov.hotline.contract.workorder.Channel;
import gov.hotline.contract.workorder.DeadlineBasis;
import gov.hotline.contract.workorder.DemandType;
import gov.hotline.contract.workorder.HandlingOutcome;
import gov.hotline.contract.workorder.HandlingUnit;
import gov.hotline.contract.workorder.Location;
import gov.hotline.contract.workorder.OrderState;
import gov.hotline.contract.workorder.Resolution;
import gov.hotline.contract.workorder.Routing;
import gov.hotline.contract.workorder.RoutingMode;
import gov.hotline.contract.workorder.UnitLevel;
import gov.hotline.contract.workorder.Urgency;
import gov.hotline.contract.workorder.Verdict;
import gov.hotline.contract.workorder.WorkOrderAudited;
import gov.hotline.contract.workorder.WorkOrderDispatched;
import gov.hotline.contract.workorder.WorkOrderHandled;
import gov.hotline.contract.workorder.WorkOrderReceived;
import gov.hotline.platform.domain.NotPermitted;
import gov.hotline.platform.domain.RuleViolation;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AssignmentTest {
  static final UUID ORDER = UUID.fromString("6f1c1f9e-1b7a-4d5e-9a51-5b7c2e0c1d01");
  static final String NUMBER = "20261124000001";
  static final Instant AT = Instant.parse("2026-11-24T02:00:00Z");
  static final Instant DUE = Instant.parse("2026-12-08T15:59:59Z");
  static final Actor DISPATCHER = new Actor(ActorRole.DISPATCHER, "disp-1", null, null);
  static final HandlingUnit COMMUNITY =
      new HandlingUnit("340602-001-001", "相南街道人民路社区居委会", UnitLevel.COMMUNITY);
  static final Actor HANDLER = new Actor(ActorRole.UNIT_HANDLER, "h-1", COMMUNITY.id(), null);
  static final DeadlineBasis TEN_DAYS = new DeadlineBasis(10, "weekdays");

  private AggregateTestFixture<Assignment> fixture;

  @BeforeEach
  void setUp() {
    fixture = new AggregateTestFixture<>(Assignment.class);
  }

  static WorkOrderReceived received() {
    return new WorkOrderReceived(
        ORDER,
        NUMBER,
        AT,
        new Actor(ActorRole.OPERATOR, "op-1", null, null),
        1,
        Channel.PHONE,
        DemandType.COMPLAINT,
        new Category("URBAN.NOISE", List.of("城市管理")),
        Urgency.NORMAL,
        "夜间施工噪声",
        "工地每晚十一点后仍在施工",
        new Location("人民路1号", "340602", null, null),
        new CallerRef("ab".repeat(32), "138****8000", false, false),
        List.of(),
        Resolution.WORK_ORDER,
        null);
  }

  static OrderRegistered registered() {
    return new OrderRegistered(
        ORDER, NUMBER, "evt-received", "COMPLAINT", "URBAN.NOISE", "340602", "NORMAL", AT);
  }

  static WorkOrderDispatched dispatched(int attempt) {
    return new WorkOrderDispatched(
        ORDER,
        NUMBER,
        AT,
        DISPATCHER,
        attempt,
        COMMUNITY,
        List.of(),
        new Routing(RoutingMode.DIRECT_TO_GRASSROOTS, null),
        DUE,
        TEN_DAYS,
        null);
  }

  @Test
  void a_received_order_enters_the_worklist_once_however_often_it_is_delivered() {
    fixture
        .givenNoPriorActivity()
        .when(new ObserveStep(ORDER, "evt-received", received()))
        .expectEvents(registered())
        .expectResultMessagePayload(OrderState.RECEIVED);
    fixture
        .given(registered())
        .when(new ObserveStep(ORDER, "evt-received", received()))
        .expectNoEvents();
  }

  @Test
  void a_community_unit_gets_the_order_directly() {
    fixture
        .given(registered())
        .when(new DispatchOrder(ORDER, AT, DISPATCHER, COMMUNITY, List.of(), DUE, TEN_DAYS, null))
        .expectEvents(dispatched(1))
        .expectResultMessagePayload(OrderState.DISPATCHED);
  }

  @Test
  void re_dispatching_needs_a_reason() {
    fixture
        .given(registered(), dispatched(1))
        .when(new DispatchOrder(ORDER, AT, DISPATCHER, COMMUNITY, List.of(), DUE, TEN_DAYS, " "))
        .expectException(RuleViolation.class);
  }

  @Test
  void the_assigned_unit_reports_its_result() {
    fixture
        .given(registered(), dispatched(1))
        .when(
            new RecordResult(
                ORDER, AT, HANDLER, HandlingOutcome.RESOLVED, "已整改", "现场检查", List.of()))
        .expectEvents(
            new WorkOrderHandled(
                ORDER,
                NUMBER,
                AT,
                HANDLER,
                1,
                COMMUNITY,
                HandlingOutcome.RESOLVED,
                "已整改",
                "现场检查",
                List.of()));
  }

  @Test
  void another_unit_may_not_report_on_the_order() {
    Actor stranger = new Actor(ActorRole.UNIT_HANDLER, "h-9", "340603", null);
    fixture
        .given(registered(), dispatched(1))
        .when(
            new RecordResult(ORDER, AT, stranger, HandlingOutcome.RESOLVED, "已整改", null, List.of()))
        .expectException(NotPermitted.class);
  }

  @Test
  void a_result_cannot_be_reported_before_dispatch() {
    fixture
        .given(registered())
        .when(
            new RecordResult(ORDER, AT, HANDLER, HandlingOutcome.RESOLVED, "已整改", null, List.of()))
        .expectException(RuleViolation.class);
  }

  @Test
  void a_failed_review_sends_the_order_back_to_the_same_unit_for_a_second_pass() {
    WorkOrderAudited rejected =
        new WorkOrderAudited(
            ORDER,
            NUMBER,
            AT,
            new Actor(ActorRole.SUPERVISOR, "sup-1", null, null),
            1,
            Verdict.REJECTED,
            "未到现场核实");
    fixture
        .given(
            registered(),
            dispatched(1),
            new WorkOrderHandled(
                ORDER,
                NUMBER,
                AT,
                HANDLER,
                1,
                COMMUNITY,
                HandlingOutcome.RESOLVED,
                "已整改",
                null,
                List.of()))
        .when(new ObserveStep(ORDER, "evt-audited", rejected))
        .expectEvents(
            new StepObserved(
                ORDER,
                "evt-audited",
                "gov.hotline.workorder.audited.v1",
                OrderState.DISPATCHED,
                2,
                "未到现场核实"))
        .expectResultMessagePayload(OrderState.DISPATCHED);
  }

  @Test
  void a_review_of_an_order_dispatch_never_saw_goes_to_the_dead_letters() {
    fixture
        .givenNoPriorActivity()
        .when(
            new ObserveStep(
                ORDER,
                "evt-audited",
                new WorkOrderAudited(
                    ORDER,
                    NUMBER,
                    AT,
                    new Actor(ActorRole.SUPERVISOR, "sup-1", null, null),
                    1,
                    Verdict.APPROVED,
                    null)))
        .expectException(RuleViolation.class);
  }
}
