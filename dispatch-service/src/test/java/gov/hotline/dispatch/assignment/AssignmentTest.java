package gov.hotline.dispatch.assignment;

import static org.axonframework.test.matchers.Matchers.andNoMore;
import static org.axonframework.test.matchers.Matchers.exactSequenceOf;
import static org.axonframework.test.matchers.Matchers.payloadsMatching;

import gov.hotline.contract.Actor;
import gov.hotline.contract.ActorRole;
import gov.hotline.contract.workorder.DeadlineBasis;
import gov.hotline.contract.workorder.HandlingOutcome;
import gov.hotline.contract.workorder.HandlingUnit;
import gov.hotline.contract.workorder.IllegalTransition;
import gov.hotline.contract.workorder.OrderProgress;
import gov.hotline.contract.workorder.OrderState;
import gov.hotline.contract.workorder.Routing;
import gov.hotline.contract.workorder.RoutingMode;
import gov.hotline.contract.workorder.UnitLevel;
import gov.hotline.contract.workorder.Verdict;
import gov.hotline.contract.workorder.WorkOrderAudited;
import gov.hotline.contract.workorder.WorkOrderDispatched;
import gov.hotline.contract.workorder.WorkOrderHandled;
import gov.hotline.contract.workorder.WorkOrderReceived;
import gov.hotline.dispatch.deadline.WeekdayCalendar;
import gov.hotline.dispatch.deadline.WorkingCalendar;
import gov.hotline.dispatch.unit.CatalogueUnitDirectory;
import gov.hotline.dispatch.unit.UnitDirectory;
import gov.hotline.platform.domain.InvalidCommand;
import gov.hotline.platform.domain.NotPermitted;
import gov.hotline.platform.domain.UnknownEntity;
import gov.hotline.platform.lifecycle.ObserveArrival;
import gov.hotline.platform.lifecycle.ObserveStep;
import gov.hotline.platform.lifecycle.StepObserved;
import gov.hotline.testsupport.OrderSteps;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.hamcrest.CustomTypeSafeMatcher;
import org.hamcrest.Matcher;
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
  static final HandlingUnit STREET = new HandlingUnit("340602-001", "相山区相南街道办事处", UnitLevel.STREET);
  static final Actor HANDLER = new Actor(ActorRole.UNIT_HANDLER, "h-1", COMMUNITY.id(), null);
  static final DeadlineBasis TEN_DAYS = new DeadlineBasis(10, "weekdays");

  private AggregateTestFixture<Assignment> fixture;

  static final UnitDirectory UNITS =
      new CatalogueUnitDirectory(
          List.of(
              COMMUNITY,
              STREET,
              new HandlingUnit("340600-CG", "淮北市城市管理局", UnitLevel.CITY_DEPARTMENT)));
  static final WorkingCalendar CALENDAR = new WeekdayCalendar(ZoneId.of("Asia/Shanghai"));

  @BeforeEach
  void setUp() {
    fixture = new AggregateTestFixture<>(Assignment.class);
    fixture.registerInjectableResource(UNITS);
    fixture.registerInjectableResource(CALENDAR);
  }

  /** The complaint as intake published it (test-support's sample order). */
  static WorkOrderReceived received() {
    return OrderSteps.of(ORDER, NUMBER, AT).received();
  }

  static StepObserved observedReceipt() {
    return new StepObserved(ORDER, "evt-received", received());
  }

  static DispatchOrder dispatchTo(String unitId, String reason) {
    return new DispatchOrder(ORDER, AT, DISPATCHER, unitId, List.of(), 10, null, reason);
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

  static WorkOrderHandled handled() {
    return new WorkOrderHandled(
        ORDER,
        NUMBER,
        AT,
        HANDLER,
        1,
        COMMUNITY,
        HandlingOutcome.RESOLVED,
        "已整改",
        "现场检查",
        List.of());
  }

  static RecordResult resultBy(Actor actor) {
    return new RecordResult(ORDER, AT, actor, HandlingOutcome.RESOLVED, "已整改", "现场检查", List.of());
  }

  static Matcher<OrderProgress> inState(OrderState state, int attempt) {
    return new CustomTypeSafeMatcher<>("progress in " + state + ", pass " + attempt) {
      @Override
      protected boolean matchesSafely(OrderProgress progress) {
        return progress.state() == state && progress.attempt() == attempt;
      }
    };
  }

  @Test
  void a_received_order_enters_the_worklist_once_however_often_it_is_delivered() {
    fixture
        .givenNoPriorActivity()
        .when(new ObserveStep(ORDER, "evt-received", received()))
        .expectEvents(observedReceipt())
        .expectResultMessagePayloadMatching(inState(OrderState.RECEIVED, 1));
    fixture
        .given(observedReceipt())
        .when(new ObserveStep(ORDER, "evt-received", received()))
        .expectNoEvents();
  }

  @Test
  void an_arrival_starts_the_order_without_looking_for_it() {
    fixture
        .givenNoPriorActivity()
        .when(new ObserveArrival(ORDER, "evt-received", received()))
        .expectEvents(observedReceipt())
        .expectResultMessagePayloadMatching(inState(OrderState.RECEIVED, 1));
  }

  @Test
  void a_community_unit_gets_the_order_directly_with_a_deadline_of_ten_working_days() {
    fixture
        .given(observedReceipt())
        .when(dispatchTo(COMMUNITY.id(), null))
        .expectEvents(dispatched(1))
        .expectResultMessagePayloadMatching(inState(OrderState.DISPATCHED, 1));
  }

  @Test
  void a_deadline_given_as_a_date_is_taken_as_it_is_and_named_fixed() {
    Instant due = Instant.parse("2026-11-30T10:00:00Z");
    fixture
        .given(observedReceipt())
        .when(
            new DispatchOrder(
                ORDER, AT, DISPATCHER, "340600-CG", List.of(STREET.id()), null, due, null))
        .expectEventsMatching(
            payloadsMatching(
                exactSequenceOf(
                    new CustomTypeSafeMatcher<WorkOrderDispatched>("a fixed deadline") {
                      @Override
                      protected boolean matchesSafely(WorkOrderDispatched e) {
                        return e.dueAt().equals(due)
                            && e.deadlineBasis().calendar().equals("fixed")
                            && e.deadlineBasis().workingDays() == null
                            && e.routing().mode() == RoutingMode.MANUAL
                            && e.assistingUnits().equals(List.of(STREET));
                      }
                    },
                    andNoMore())));
  }

  @Test
  void an_unknown_unit_is_refused_naming_the_field() {
    fixture
        .given(observedReceipt())
        .when(dispatchTo("nowhere", null))
        .expectException(InvalidCommand.class)
        .expectExceptionMessage("unitId: unknown unit 'nowhere'");
  }

  @Test
  void re_dispatching_needs_a_reason() {
    fixture
        .given(observedReceipt(), dispatched(1))
        .when(dispatchTo(STREET.id(), " "))
        .expectException(IllegalTransition.class)
        .expectExceptionMessage(
            org.hamcrest.Matchers.containsString("it is dispatched already; give a reason"));
    fixture
        .given(observedReceipt(), dispatched(1))
        .when(dispatchTo(STREET.id(), "社区无执法权，转街道"))
        .expectResultMessagePayloadMatching(inState(OrderState.DISPATCHED, 1));
  }

  @Test
  void the_lead_unit_reports_its_result() {
    fixture
        .given(observedReceipt(), dispatched(1))
        .when(resultBy(HANDLER))
        .expectEvents(handled())
        .expectResultMessagePayloadMatching(inState(OrderState.HANDLED, 1));
  }

  @Test
  void a_unit_not_on_the_order_learns_nothing_of_it() {
    Actor stranger = new Actor(ActorRole.UNIT_HANDLER, "h-9", "340603", null);
    fixture
        .given(observedReceipt(), dispatched(1))
        .when(resultBy(stranger))
        .expectException(UnknownEntity.class);
    fixture.given(observedReceipt()).when(resultBy(HANDLER)).expectException(UnknownEntity.class);
  }

  @Test
  void an_assisting_unit_sees_the_order_but_does_not_report_the_result() {
    WorkOrderDispatched withAssistant =
        new WorkOrderDispatched(
            ORDER,
            NUMBER,
            AT,
            DISPATCHER,
            1,
            COMMUNITY,
            List.of(STREET),
            new Routing(RoutingMode.DIRECT_TO_GRASSROOTS, null),
            DUE,
            TEN_DAYS,
            null);
    fixture
        .given(observedReceipt(), withAssistant)
        .when(resultBy(new Actor(ActorRole.UNIT_HANDLER, "h-2", STREET.id(), null)))
        .expectException(NotPermitted.class);
  }

  @Test
  void a_result_cannot_be_reported_twice() {
    fixture
        .given(observedReceipt(), dispatched(1), handled())
        .when(resultBy(HANDLER))
        .expectException(IllegalTransition.class)
        .expectExceptionMessage(org.hamcrest.Matchers.containsString("is HANDLED"));
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
        .given(observedReceipt(), dispatched(1), handled())
        .when(new ObserveStep(ORDER, "evt-audited", rejected))
        .expectEvents(new StepObserved(ORDER, "evt-audited", rejected))
        .expectResultMessagePayloadMatching(inState(OrderState.DISPATCHED, 2));
  }

  @Test
  void a_review_of_an_order_dispatch_never_saw_is_refused_for_the_dead_letters() {
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
        .expectException(IllegalTransition.class);
  }
}
