package gov.hotline.dispatch.assignment;

import static gov.hotline.testsupport.OrderSteps.COMMUNITY;
import static gov.hotline.testsupport.OrderSteps.OTHER_COMMUNITY;
import static gov.hotline.testsupport.OrderSteps.STREET;
import static org.assertj.core.api.Assertions.assertThat;

import gov.hotline.api.dispatch.DispatchOrderSummary;
import gov.hotline.contract.Actor;
import gov.hotline.contract.ActorRole;
import gov.hotline.contract.workorder.HandlingUnit;
import gov.hotline.contract.workorder.OrderState;
import gov.hotline.contract.workorder.Verdict;
import gov.hotline.contract.workorder.WorkOrderDispatched;
import gov.hotline.contract.workorder.WorkOrderEvent;
import gov.hotline.contract.workorder.WorkOrderHandled;
import gov.hotline.platform.lifecycle.StepObserved;
import gov.hotline.testsupport.EmbeddedMongo;
import gov.hotline.testsupport.OrderSteps;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.axonframework.eventhandling.ReplayStatus;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Dispatch's worklists from the events of its {@code Assignment} aggregates: the steps it observed
 * from intake and supervision and the ones it decided itself, as the tracking processor hands them
 * over; a second delivery or a replay from an empty view changes nothing.
 */
class DispatchOrderViewTest {
  @RegisterExtension static final EmbeddedMongo mongo = new EmbeddedMongo();

  private static final Instant T0 = Instant.parse("2026-12-01T01:00:00Z");
  private static final Actor DISPATCHER = OrderSteps.DISPATCHER;

  private DispatchOrderView view;

  /** Received first, still waiting for dispatch. */
  private OrderSteps waiting;

  /** Received an hour later, led by the community with the street assisting. */
  private OrderSteps led;

  /** Received two hours later, still waiting. */
  private OrderSteps waitingToo;

  /** Received three hours later, led by the other community, handled and rejected: a redo. */
  private OrderSteps redo;

  @BeforeEach
  void orders() {
    view =
        new DispatchOrderView(
            mongo.template("dispatch-" + UUID.randomUUID()), new SimpleMeterRegistry());
    waiting = order(0);
    waiting.received();
    led = order(1);
    led.received();
    led.dispatched(COMMUNITY, STREET);
    waitingToo = order(2);
    waitingToo.received();
    redo = order(3);
    redo.received();
    redo.dispatched(OTHER_COMMUNITY);
    redo.handled();
    redo.audited(Verdict.REJECTED);
  }

  @Test
  void dispatchers_see_a_worklist_per_state_oldest_first() {
    deliver(redo, waitingToo, led, waiting); // newest first: the list must sort

    assertThat(ids(view.list(OrderState.RECEIVED, null, 50, DISPATCHER)))
        .containsExactly(waiting.orderId(), waitingToo.orderId());
    assertThat(ids(view.list(OrderState.DISPATCHED, null, 50, DISPATCHER)))
        .containsExactly(led.orderId(), redo.orderId());
    assertThat(ids(view.list(null, null, 50, DISPATCHER)))
        .containsExactly(waiting.orderId(), led.orderId(), waitingToo.orderId(), redo.orderId());
    assertThat(ids(view.list(null, null, 2, DISPATCHER)))
        .containsExactly(waiting.orderId(), led.orderId());
  }

  @Test
  void a_unit_worklist_holds_the_orders_the_unit_leads_or_assists_on() {
    deliver(waiting, led, waitingToo, redo);

    assertThat(ids(view.list(null, COMMUNITY.id(), 50, DISPATCHER))).containsExactly(led.orderId());
    assertThat(ids(view.list(null, STREET.id(), 50, DISPATCHER))).containsExactly(led.orderId());
    assertThat(ids(view.list(OrderState.DISPATCHED, OTHER_COMMUNITY.id(), 50, DISPATCHER)))
        .containsExactly(redo.orderId());
    assertThat(ids(view.list(OrderState.RECEIVED, OTHER_COMMUNITY.id(), 50, DISPATCHER))).isEmpty();
    // a unit handler's worklist is their own unit's, whatever unit they ask for
    assertThat(ids(view.list(null, OTHER_COMMUNITY.id(), 50, handlerOf(STREET))))
        .containsExactly(led.orderId());
  }

  @Test
  void a_unit_handler_reads_only_orders_their_unit_leads_or_assists_on() {
    deliver(waiting, led, waitingToo, redo);

    assertThat(view.find(led.orderId(), handlerOf(COMMUNITY))).isPresent();
    assertThat(view.find(led.orderId(), handlerOf(STREET))).isPresent();
    assertThat(view.find(led.orderId(), handlerOf(OTHER_COMMUNITY))).isEmpty();
    assertThat(view.find(waiting.orderId(), handlerOf(COMMUNITY))).isEmpty();
    assertThat(view.find(waiting.orderId(), DISPATCHER)).isPresent();
    assertThat(view.find(led.orderId(), OrderSteps.SUPERVISOR)).isPresent();
    assertThat(view.find(UUID.randomUUID(), DISPATCHER)).isEmpty();
  }

  @Test
  void an_order_reads_as_the_lifecycle_fold_leaves_it() {
    deliver(led, redo);

    assertThat(view.find(led.orderId(), DISPATCHER))
        .contains(
            new DispatchOrderSummary(
                led.orderId(),
                led.orderNumber(),
                OrderState.DISPATCHED,
                1,
                "URBAN.NOISE",
                "340602",
                COMMUNITY,
                led.progress().dueAt(),
                T0.plus(Duration.ofHours(1))));
    DispatchOrderSummary rejected = view.find(redo.orderId(), DISPATCHER).orElseThrow();
    assertThat(rejected.state()).isEqualTo(OrderState.DISPATCHED);
    assertThat(rejected.attempt()).isEqualTo(2);
    assertThat(rejected.unit()).isEqualTo(OTHER_COMMUNITY);
  }

  @Test
  void a_second_delivery_and_a_replay_give_the_same_view() {
    deliver(waiting, led, waitingToo, redo);
    List<DispatchOrderSummary> once = view.list(null, null, 50, DISPATCHER);

    deliver(waiting, led, waitingToo, redo); // every event again, as after a lost token
    assertThat(view.list(null, null, 50, DISPATCHER)).isEqualTo(once);

    view.reset();
    assertThat(view.list(null, null, 50, DISPATCHER)).isEmpty();
    deliver(waiting, led, waitingToo, redo); // a replay from the first event
    assertThat(view.list(null, null, 50, DISPATCHER)).isEqualTo(once);
    assertThat(once).hasSize(4);
  }

  /**
   * Each order's events with its aggregate's sequence numbers: dispatch's own decisions as
   * themselves, the other services' steps as the aggregate observed them.
   */
  private void deliver(OrderSteps... orders) {
    for (OrderSteps order : orders) {
      List<WorkOrderEvent> events = order.events();
      for (int sequence = 0; sequence < events.size(); sequence++) {
        WorkOrderEvent step = events.get(sequence);
        if (step instanceof WorkOrderDispatched || step instanceof WorkOrderHandled) {
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

  private static OrderSteps order(int hoursAfterT0) {
    return OrderSteps.of(
        UUID.randomUUID(),
        String.format("20261201%06d", hoursAfterT0 + 1),
        T0.plus(Duration.ofHours(hoursAfterT0)));
  }

  private static Actor handlerOf(HandlingUnit unit) {
    return new Actor(ActorRole.UNIT_HANDLER, "h-" + unit.id(), unit.id(), null);
  }

  private static List<UUID> ids(List<DispatchOrderSummary> worklist) {
    return worklist.stream().map(DispatchOrderSummary::orderId).toList();
  }
}
