package gov.hotline.supervision.oversight;

import static gov.hotline.testsupport.OrderSteps.COMMUNITY;
import static org.assertj.core.api.Assertions.assertThat;

import gov.hotline.api.supervision.SupervisionOrderSummary;
import gov.hotline.contract.workorder.OrderState;
import gov.hotline.contract.workorder.RevisitOutcome;
import gov.hotline.contract.workorder.Verdict;
import gov.hotline.contract.workorder.WorkOrderAudited;
import gov.hotline.contract.workorder.WorkOrderEvent;
import gov.hotline.contract.workorder.WorkOrderRevisited;
import gov.hotline.platform.lifecycle.StepObserved;
import gov.hotline.testsupport.EmbeddedMongo;
import gov.hotline.testsupport.OrderSteps;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.axonframework.eventhandling.ReplayStatus;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Supervision's view of each order from the events of its {@code Oversight} aggregates: the steps
 * it observed from intake and dispatch and its own reviews and callbacks; a second delivery or a
 * replay from an empty view changes nothing.
 */
class SupervisionOrderViewTest {
  @RegisterExtension static final EmbeddedMongo mongo = new EmbeddedMongo();

  private static final Instant T0 = Instant.parse("2026-12-01T01:00:00Z");

  private SupervisionOrderView view;

  /** Approved and called back: closed. */
  private OrderSteps closed;

  /** Handled, and waiting for a supervisor's review. */
  private OrderSteps handled;

  @BeforeEach
  void orders() {
    view =
        new SupervisionOrderView(
            mongo.template("supervision-" + UUID.randomUUID()), new SimpleMeterRegistry());
    closed = OrderSteps.of(UUID.randomUUID(), "20261201000001", T0);
    closed.received();
    closed.dispatched(COMMUNITY);
    closed.handled();
    closed.audited(Verdict.APPROVED);
    closed.revisited(RevisitOutcome.CLOSED);
    handled = OrderSteps.of(UUID.randomUUID(), "20261201000002", T0.plusSeconds(60));
    handled.received();
    handled.dispatched(COMMUNITY);
    handled.handled();
  }

  @Test
  void a_supervisor_finds_an_order_by_its_id_and_by_its_number() {
    deliver(closed, handled);

    SupervisionOrderSummary waiting =
        new SupervisionOrderSummary(
            handled.orderId(),
            "20261201000002",
            OrderState.HANDLED,
            1,
            COMMUNITY.id(),
            handled.progress().dueAt());
    assertThat(view.find(handled.orderId())).contains(waiting);
    assertThat(view.findByNumber("20261201000002")).contains(waiting);
    assertThat(view.findByNumber("20261201000001").map(SupervisionOrderSummary::state))
        .contains(OrderState.CLOSED);
    assertThat(view.find(UUID.randomUUID())).isEmpty();
    assertThat(view.findByNumber("20261201999999")).isEmpty();
  }

  @Test
  void a_rejection_puts_the_order_in_its_next_pass() {
    handled.audited(Verdict.REJECTED);
    deliver(handled);

    SupervisionOrderSummary redo = view.find(handled.orderId()).orElseThrow();
    assertThat(redo.state()).isEqualTo(OrderState.DISPATCHED);
    assertThat(redo.attempt()).isEqualTo(2);
  }

  @Test
  void a_second_delivery_and_a_replay_give_the_same_view() {
    deliver(closed, handled);
    List<Optional<SupervisionOrderSummary>> once = readAll();

    deliver(closed, handled); // every event again, as after a lost token
    assertThat(readAll()).isEqualTo(once);

    view.reset();
    assertThat(view.find(closed.orderId())).isEmpty();
    deliver(closed, handled); // a replay from the first event
    assertThat(readAll()).isEqualTo(once);
    assertThat(once).allSatisfy(found -> assertThat(found).isPresent());
  }

  private List<Optional<SupervisionOrderSummary>> readAll() {
    return List.of(
        view.find(closed.orderId()),
        view.findByNumber(closed.orderNumber()),
        view.find(handled.orderId()),
        view.findByNumber(handled.orderNumber()));
  }

  /**
   * Each order's events with its aggregate's sequence numbers: supervision's own reviews and
   * callbacks as themselves, the other services' steps as the aggregate observed them.
   */
  private void deliver(OrderSteps... orders) {
    for (OrderSteps order : orders) {
      List<WorkOrderEvent> events = order.events();
      for (int sequence = 0; sequence < events.size(); sequence++) {
        WorkOrderEvent step = events.get(sequence);
        if (step instanceof WorkOrderAudited || step instanceof WorkOrderRevisited) {
          view.on(step, sequence, ReplayStatus.REGULAR);
        } else {
          view.on(
              new StepObserved(step.orderId(), "ce-" + sequence, step),
              sequence,
              ReplayStatus.REGULAR);
        }
      }
    }
  }
}
