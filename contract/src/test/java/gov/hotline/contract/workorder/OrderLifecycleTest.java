package gov.hotline.contract.workorder;

import static gov.hotline.contract.workorder.OrderLifecycle.evolve;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class OrderLifecycleTest {

  @Test
  void
      a_complaint_redone_after_review_and_reopened_after_callback_closes_only_after_the_callback() {
    List<OrderState> states = new ArrayList<>();
    List<Integer> attempts = new ArrayList<>();
    OrderProgress p = evolve(null, Steps.received(Resolution.WORK_ORDER));
    List<java.util.function.Function<OrderProgress, WorkOrderEvent>> journey =
        List.of(
            q -> Steps.dispatched(q, Steps.COMMUNITY, null),
            Steps::handled,
            q -> Steps.audited(q, Verdict.REJECTED),
            Steps::handled,
            q -> Steps.audited(q, Verdict.APPROVED),
            q -> Steps.revisited(q, RevisitOutcome.REOPENED),
            q -> Steps.dispatched(q, Steps.STREET, null),
            Steps::handled,
            q -> Steps.audited(q, Verdict.APPROVED),
            q -> Steps.revisited(q, RevisitOutcome.CLOSED));
    for (var step : journey) {
      p = evolve(p, step.apply(p));
      states.add(p.state());
      attempts.add(p.attempt());
    }

    assertThat(states)
        .containsExactly(
            OrderState.DISPATCHED,
            OrderState.HANDLED,
            OrderState.DISPATCHED,
            OrderState.HANDLED,
            OrderState.AWAITING_CALLBACK,
            OrderState.REOPENED,
            OrderState.DISPATCHED,
            OrderState.HANDLED,
            OrderState.AWAITING_CALLBACK,
            OrderState.CLOSED);
    assertThat(attempts).containsExactly(1, 1, 2, 2, 2, 3, 3, 3, 3, 3);
    assertThat(p.leadUnit()).isEqualTo(Steps.STREET);
    assertThat(p.events()).isEqualTo(11);
    assertThat(p.closedAt()).isEqualTo(p.lastChangedAt());
    assertThat(p.lastRevisit()).isEqualTo(RevisitOutcome.CLOSED);
    assertThat(p.lastVerdict()).isEqualTo(Verdict.APPROVED);
    assertThat(p.category().code()).isEqualTo("URBAN.NOISE");
    assertThat(p.divisionCode()).isEqualTo("340602");
  }

  @Test
  void a_direct_answer_closes_the_order_at_intake() {
    OrderProgress p = evolve(null, Steps.received(Resolution.DIRECT_ANSWER));

    assertThat(p.state()).isEqualTo(OrderState.CLOSED);
    assertThat(p.closedAt()).isEqualTo(Steps.T0);
    assertThatThrownBy(() -> evolve(p, Steps.dispatched(p, Steps.COMMUNITY, null)))
        .isInstanceOfSatisfying(
            IllegalTransition.class,
            e -> {
              assertThat(e.reason()).isEqualTo("order-not-dispatchable");
              assertThat(e.state()).isEqualTo(OrderState.CLOSED);
            });
  }

  @Test
  void the_dispatch_records_lead_and_assisting_units_and_the_deadline() {
    OrderProgress received = evolve(null, Steps.received(Resolution.WORK_ORDER));
    WorkOrderDispatched dispatched = Steps.dispatched(received, Steps.COMMUNITY, null);
    OrderProgress p = evolve(received, dispatched);

    assertThat(p.leadUnit()).isEqualTo(Steps.COMMUNITY);
    assertThat(p.assistingUnits()).containsExactly(Steps.STREET);
    assertThat(p.dueAt()).isEqualTo(dispatched.dueAt());
    assertThat(p.involves(Steps.STREET.id())).isTrue();
    assertThat(p.involves(Steps.COMMUNITY.id())).isTrue();
    assertThat(p.involves("340603")).isFalse();
  }

  @Test
  void only_the_lead_unit_reports_the_result() {
    OrderProgress r = evolve(null, Steps.received(Resolution.WORK_ORDER));
    OrderProgress p = evolve(r, Steps.dispatched(r, Steps.COMMUNITY, null));

    assertThatThrownBy(() -> evolve(p, Steps.handled(p, Steps.STREET)))
        .isInstanceOfSatisfying(
            IllegalTransition.class, e -> assertThat(e.reason()).isEqualTo("not-the-lead-unit"));
  }

  @Test
  void an_event_of_an_earlier_pass_or_another_order_is_refused() {
    OrderProgress r = evolve(null, Steps.received(Resolution.WORK_ORDER));
    OrderProgress d = evolve(r, Steps.dispatched(r, Steps.COMMUNITY, null));
    OrderProgress h = evolve(d, Steps.handled(d));
    WorkOrderHandled firstPass = Steps.handled(d);
    OrderProgress redo = evolve(h, Steps.audited(h, Verdict.REJECTED));

    assertThatThrownBy(() -> evolve(redo, firstPass))
        .isInstanceOfSatisfying(
            IllegalTransition.class, e -> assertThat(e.reason()).isEqualTo("attempt-mismatch"));

    OrderProgress other =
        new OrderProgress(
            UUID.randomUUID(),
            "x",
            OrderState.DISPATCHED,
            2,
            null,
            null,
            null,
            null,
            null,
            Steps.COMMUNITY,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            2);
    assertThatThrownBy(() -> evolve(other, Steps.handled(redo)))
        .isInstanceOfSatisfying(
            IllegalTransition.class, e -> assertThat(e.reason()).isEqualTo("other-order"));
  }

  @Test
  void nothing_happens_to_an_order_before_it_was_received_and_it_is_received_once() {
    assertThatThrownBy(() -> evolve(null, Steps.handled(null)))
        .isInstanceOfSatisfying(
            IllegalTransition.class,
            e -> {
              assertThat(e.reason()).isEqualTo("order-not-received");
              assertThat(e.state()).isNull();
            });
    OrderProgress r = evolve(null, Steps.received(Resolution.WORK_ORDER));
    assertThatThrownBy(() -> evolve(r, Steps.received(Resolution.WORK_ORDER)))
        .isInstanceOfSatisfying(
            IllegalTransition.class,
            e -> assertThat(e.reason()).isEqualTo("order-already-received"));
  }

  @Test
  void replaying_the_same_history_gives_the_same_progress() {
    OrderProgress r = evolve(null, Steps.received(Resolution.WORK_ORDER));
    WorkOrderDispatched d = Steps.dispatched(r, Steps.COMMUNITY, null);
    OrderProgress p = evolve(r, d);
    WorkOrderHandled h = Steps.handled(p);
    List<WorkOrderEvent> history = List.of(Steps.received(Resolution.WORK_ORDER), d, h);

    assertThat(OrderLifecycle.replay(history)).isEqualTo(OrderLifecycle.replay(history));
    assertThat(OrderLifecycle.replay(history)).isEqualTo(evolve(p, h));
    assertThat(OrderLifecycle.replay(List.of())).isNull();
  }
}
