package gov.hotline.supervision.oversight;

import gov.hotline.contract.Actor;
import gov.hotline.contract.ActorRole;
import gov.hotline.contract.workorder.CallbackChannel;
import gov.hotline.contract.workorder.DeadlineBasis;
import gov.hotline.contract.workorder.HandlingOutcome;
import gov.hotline.contract.workorder.HandlingUnit;
import gov.hotline.contract.workorder.IllegalTransition;
import gov.hotline.contract.workorder.OrderProgress;
import gov.hotline.contract.workorder.OrderState;
import gov.hotline.contract.workorder.RevisitOutcome;
import gov.hotline.contract.workorder.Routing;
import gov.hotline.contract.workorder.RoutingMode;
import gov.hotline.contract.workorder.Satisfaction;
import gov.hotline.contract.workorder.UnitLevel;
import gov.hotline.contract.workorder.Verdict;
import gov.hotline.contract.workorder.WorkOrderAudited;
import gov.hotline.contract.workorder.WorkOrderDispatched;
import gov.hotline.contract.workorder.WorkOrderHandled;
import gov.hotline.contract.workorder.WorkOrderRevisited;
import gov.hotline.platform.domain.RuleViolation;
import gov.hotline.platform.lifecycle.ObserveStep;
import gov.hotline.platform.lifecycle.StepObserved;
import gov.hotline.testsupport.OrderSteps;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.hamcrest.CustomTypeSafeMatcher;
import org.hamcrest.Matcher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class OversightTest {
  static final UUID ORDER = UUID.fromString("6f1c1f9e-1b7a-4d5e-9a51-5b7c2e0c1d01");
  static final String NUMBER = "20261124000001";
  static final Instant AT = Instant.parse("2026-11-24T02:00:00Z");
  static final Instant DUE = Instant.parse("2026-12-08T15:59:59Z");
  static final Actor SUPERVISOR = new Actor(ActorRole.SUPERVISOR, "sup-1", null, null);
  static final HandlingUnit COMMUNITY =
      new HandlingUnit("340602-001-001", "相南街道人民路社区居委会", UnitLevel.COMMUNITY);
  static final Actor HANDLER = new Actor(ActorRole.UNIT_HANDLER, "h-1", COMMUNITY.id(), null);

  private AggregateTestFixture<Oversight> fixture;

  @BeforeEach
  void setUp() {
    fixture = new AggregateTestFixture<>(Oversight.class);
  }

  /** The complaint as intake published it (test-support's sample order), observed. */
  static StepObserved receivedStep() {
    return new StepObserved(ORDER, "evt-1", OrderSteps.of(ORDER, NUMBER, AT).received());
  }

  static WorkOrderHandled handledEvent() {
    return new WorkOrderHandled(
        ORDER, NUMBER, AT, HANDLER, 1, COMMUNITY, HandlingOutcome.RESOLVED, "已整改", null, List.of());
  }

  static Object[] handled() {
    return new Object[] {
      receivedStep(),
      new StepObserved(
          ORDER,
          "evt-2",
          new WorkOrderDispatched(
              ORDER,
              NUMBER,
              AT,
              new Actor(ActorRole.DISPATCHER, "disp-1", null, null),
              1,
              COMMUNITY,
              List.of(),
              new Routing(RoutingMode.DIRECT_TO_GRASSROOTS, null),
              DUE,
              new DeadlineBasis(10, "weekdays"),
              null)),
      new StepObserved(ORDER, "evt-3", handledEvent())
    };
  }

  static WorkOrderAudited approved() {
    return new WorkOrderAudited(ORDER, NUMBER, AT, SUPERVISOR, 1, Verdict.APPROVED, "整改到位");
  }

  static Matcher<OrderProgress> inState(OrderState state, int attempt) {
    return new CustomTypeSafeMatcher<>("progress in " + state + ", pass " + attempt) {
      @Override
      protected boolean matchesSafely(OrderProgress progress) {
        return progress.state() == state && progress.attempt() == attempt;
      }
    };
  }

  static RecordCallback callback(boolean reached, int calls, Satisfaction satisfaction) {
    return new RecordCallback(
        ORDER,
        AT,
        SUPERVISOR,
        reached,
        calls,
        satisfaction,
        reached ? satisfaction != Satisfaction.UNSATISFIED : null,
        CallbackChannel.PHONE);
  }

  @Test
  void a_supervisor_approves_a_handled_order() {
    fixture
        .given(handled())
        .when(new ReviewResult(ORDER, AT, SUPERVISOR, Verdict.APPROVED, "整改到位"))
        .expectEvents(approved())
        .expectResultMessagePayloadMatching(inState(OrderState.AWAITING_CALLBACK, 1));
  }

  @Test
  void a_rejection_starts_a_second_pass_and_needs_a_reason() {
    fixture
        .given(handled())
        .when(new ReviewResult(ORDER, AT, SUPERVISOR, Verdict.REJECTED, null))
        .expectException(RuleViolation.class);
    fixture
        .given(handled())
        .when(new ReviewResult(ORDER, AT, SUPERVISOR, Verdict.REJECTED, "未到现场"))
        .expectEvents(
            new WorkOrderAudited(ORDER, NUMBER, AT, SUPERVISOR, 1, Verdict.REJECTED, "未到现场"))
        .expectResultMessagePayloadMatching(inState(OrderState.DISPATCHED, 2));
  }

  @Test
  void an_order_cannot_be_reviewed_before_it_was_handled() {
    fixture
        .given(receivedStep())
        .when(new ReviewResult(ORDER, AT, SUPERVISOR, Verdict.APPROVED, null))
        .expectException(IllegalTransition.class)
        .expectExceptionMessage(org.hamcrest.Matchers.containsString("is RECEIVED"));
  }

  @Test
  void a_review_repeated_after_a_lost_answer_is_refused_naming_the_state_reached() {
    fixture
        .given(append(handled(), approved()))
        .when(new ReviewResult(ORDER, AT, SUPERVISOR, Verdict.APPROVED, "整改到位"))
        .expectException(IllegalTransition.class)
        .expectExceptionMessage(org.hamcrest.Matchers.containsString("is AWAITING_CALLBACK"));
  }

  @Test
  void a_satisfied_caller_closes_the_order() {
    fixture
        .given(append(handled(), approved()))
        .when(callback(true, 1, Satisfaction.SATISFIED))
        .expectEvents(
            new WorkOrderRevisited(
                ORDER,
                NUMBER,
                AT,
                SUPERVISOR,
                1,
                true,
                1,
                Satisfaction.SATISFIED,
                true,
                CallbackChannel.PHONE,
                RevisitOutcome.CLOSED))
        .expectResultMessagePayloadMatching(inState(OrderState.CLOSED, 1));
  }

  @Test
  void an_unsatisfied_caller_reopens_the_order_for_a_second_pass() {
    fixture
        .given(append(handled(), approved()))
        .when(callback(true, 2, Satisfaction.UNSATISFIED))
        .expectEvents(
            new WorkOrderRevisited(
                ORDER,
                NUMBER,
                AT,
                SUPERVISOR,
                1,
                true,
                2,
                Satisfaction.UNSATISFIED,
                false,
                CallbackChannel.PHONE,
                RevisitOutcome.REOPENED))
        .expectResultMessagePayloadMatching(inState(OrderState.REOPENED, 2));
  }

  @Test
  void a_caller_who_cannot_be_reached_closes_the_order_as_unreachable() {
    fixture
        .given(append(handled(), approved()))
        .when(callback(false, 3, null))
        .expectResultMessagePayloadMatching(inState(OrderState.CLOSED, 1));
  }

  @Test
  void the_same_step_delivered_twice_is_observed_once() {
    fixture
        .given(handled())
        .when(new ObserveStep(ORDER, "evt-3", handledEvent()))
        .expectNoEvents()
        .expectResultMessagePayloadMatching(inState(OrderState.HANDLED, 1));
  }

  private static Object[] append(Object[] events, Object event) {
    Object[] all = Arrays.copyOf(events, events.length + 1);
    all[events.length] = event;
    return all;
  }
}
