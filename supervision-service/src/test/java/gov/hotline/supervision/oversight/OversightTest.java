package gov.hotline.supervision.oversight;

import gov.hotline.contract.Actor;
import gov.hotline.contract.ActorRole;
import gov.hotline.contract.workorder.CallbackChannel;
import gov.hotline.contract.workorder.OrderState;
import gov.hotline.contract.workorder.RevisitOutcome;
import gov.hotline.contract.workorder.Satisfaction;
import gov.hotline.contract.workorder.Verdict;
import gov.hotline.contract.workorder.WorkOrderAudited;
import gov.hotline.contract.workorder.WorkOrderRevisited;
import gov.hotline.platform.domain.RuleViolation;
import java.time.Instant;
import java.util.UUID;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class OversightTest {
  static final UUID ORDER = UUID.fromString("6f1c1f9e-1b7a-4d5e-9a51-5b7c2e0c1d01");
  static final String NUMBER = "20261124000001";
  static final Instant AT = Instant.parse("2026-11-24T02:00:00Z");
  static final Instant DUE = Instant.parse("2026-12-08T15:59:59Z");
  static final Actor SUPERVISOR = new Actor(ActorRole.SUPERVISOR, "sup-1", null, null);

  private AggregateTestFixture<Oversight> fixture;

  @BeforeEach
  void setUp() {
    fixture = new AggregateTestFixture<>(Oversight.class);
  }

  static Object[] handled() {
    return new Object[] {
      new OversightOpened(ORDER, NUMBER, "evt-1", AT),
      new StepObserved(
          ORDER,
          "evt-2",
          "gov.hotline.workorder.dispatched.v1",
          OrderState.DISPATCHED,
          1,
          "340602-001-001",
          DUE),
      new StepObserved(
          ORDER, "evt-3", "gov.hotline.workorder.handled.v1", OrderState.HANDLED, 1, null, null)
    };
  }

  static WorkOrderAudited approved() {
    return new WorkOrderAudited(ORDER, NUMBER, AT, SUPERVISOR, 1, Verdict.APPROVED, "整改到位");
  }

  @Test
  void a_supervisor_approves_a_handled_order() {
    fixture
        .given(handled())
        .when(new ReviewResult(ORDER, AT, SUPERVISOR, Verdict.APPROVED, "整改到位"))
        .expectEvents(approved())
        .expectResultMessagePayload(OrderState.AWAITING_CALLBACK);
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
        .expectResultMessagePayload(OrderState.DISPATCHED);
  }

  @Test
  void an_order_cannot_be_reviewed_before_it_was_handled() {
    fixture
        .given(new OversightOpened(ORDER, NUMBER, "evt-1", AT))
        .when(new ReviewResult(ORDER, AT, SUPERVISOR, Verdict.APPROVED, null))
        .expectException(RuleViolation.class);
  }

  @Test
  void a_satisfied_caller_closes_the_order() {
    Object[] history = append(handled(), approved());
    fixture
        .given(history)
        .when(
            new RecordCallback(
                ORDER,
                AT,
                SUPERVISOR,
                true,
                1,
                Satisfaction.SATISFIED,
                true,
                CallbackChannel.PHONE))
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
        .expectResultMessagePayload(OrderState.CLOSED);
  }

  @Test
  void an_unsatisfied_caller_reopens_the_order_for_a_second_pass() {
    fixture
        .given(append(handled(), approved()))
        .when(
            new RecordCallback(
                ORDER,
                AT,
                SUPERVISOR,
                true,
                2,
                Satisfaction.UNSATISFIED,
                false,
                CallbackChannel.PHONE))
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
        .expectResultMessagePayload(OrderState.REOPENED);
  }

  @Test
  void a_caller_who_cannot_be_reached_closes_the_order_as_unreachable() {
    fixture
        .given(append(handled(), approved()))
        .when(
            new RecordCallback(ORDER, AT, SUPERVISOR, false, 3, null, null, CallbackChannel.PHONE))
        .expectResultMessagePayload(OrderState.CLOSED);
  }

  @Test
  void the_same_step_delivered_twice_is_observed_once() {
    fixture
        .given(handled())
        .when(
            new ObserveStep(
                ORDER,
                "evt-3",
                new gov.hotline.contract.workorder.WorkOrderHandled(
                    ORDER,
                    NUMBER,
                    AT,
                    new Actor(ActorRole.UNIT_HANDLER, "h-1", "340602-001-001", null),
                    1,
                    null,
                    gov.hotline.contract.workorder.HandlingOutcome.RESOLVED,
                    "已整改",
                    null,
                    java.util.List.of())))
        .expectNoEvents();
  }

  private static Object[] append(Object[] events, Object event) {
    Object[] all = java.util.Arrays.copyOf(events, events.length + 1);
    all[events.length] = event;
    return all;
  }
}
