package gov.hotline.platform.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import gov.hotline.contract.EventType;
import gov.hotline.contract.workorder.OrderLifecycle;
import gov.hotline.contract.workorder.OrderProgress;
import gov.hotline.contract.workorder.OrderState;
import gov.hotline.contract.workorder.WorkOrderEvent;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class SyntheticHistoryTest {

  @Test
  void every_order_is_a_lawful_lifecycle_that_ends_closed() {
    for (int index : List.of(0, 1, 17_279, 17_280, 199_999, SyntheticHistory.MAX_ORDERS - 1)) {
      OrderProgress progress = null;
      for (SyntheticHistory.Step step : SyntheticHistory.order(index).steps()) {
        progress = OrderLifecycle.evolve(progress, step.event());
      }
      assertThat(progress.state()).as("order %d", index).isEqualTo(OrderState.CLOSED);
    }
  }

  @Test
  void the_same_index_gives_the_same_order_and_ids_never_collide() {
    assertThat(SyntheticHistory.order(42)).isEqualTo(SyntheticHistory.order(42));
    Set<String> ids = new HashSet<>();
    Set<String> numbers = new HashSet<>();
    for (SyntheticHistory.Order order : SyntheticHistory.orders(17_000, 1_000)) {
      assertThat(ids.add(order.orderId().toString())).isTrue();
      assertThat(numbers.add(order.orderNumber())).isTrue();
      for (int s = 0; s < SyntheticHistory.STEPS; s++) {
        assertThat(ids.add(order.steps().get(s).eventId())).isTrue();
        for (int salt = 1; salt <= 3; salt++) {
          assertThat(ids.add(SyntheticHistory.observedId(order.index(), s, salt))).isTrue();
        }
      }
    }
  }

  @Test
  void history_ids_are_recognised_and_random_ones_are_not() {
    SyntheticHistory.Order order = SyntheticHistory.order(7);
    assertThat(SyntheticHistory.isHistory(order.orderId())).isTrue();
    assertThat(SyntheticHistory.isHistory(order.steps().get(3).eventId())).isTrue();
    assertThat(SyntheticHistory.isHistory(UUID.fromString(order.steps().get(3).eventId())))
        .as("a step's id is not an order id")
        .isFalse();
    assertThat(SyntheticHistory.isHistory(UUID.randomUUID())).isFalse();
    assertThat(SyntheticHistory.isHistory(UUID.randomUUID().toString())).isFalse();
    assertThat(SyntheticHistory.isHistory("not-an-id")).isFalse();
  }

  @Test
  void the_history_lies_in_the_past_one_order_every_five_seconds_numbered_per_day() {
    SyntheticHistory.Order first = SyntheticHistory.order(0);
    assertThat(first.orderNumber()).isEqualTo("20250101000001");
    assertThat(SyntheticHistory.order(17_280).orderNumber()).isEqualTo("20250102000001");
    assertThat(SyntheticHistory.order(17_279).orderNumber()).isEqualTo("20250101017280");
    assertThat(SyntheticHistory.newestBefore(SyntheticHistory.MAX_ORDERS))
        .isBefore(java.time.Instant.parse("2026-01-01T00:00:00Z"));
    List<WorkOrderEvent> steps = first.steps().stream().map(SyntheticHistory.Step::event).toList();
    assertThat(steps.stream().map(e -> EventType.ofPayload(e.getClass()).orElseThrow()))
        .containsExactly(
            EventType.WORKORDER_RECEIVED,
            EventType.WORKORDER_DISPATCHED,
            EventType.WORKORDER_HANDLED,
            EventType.WORKORDER_AUDITED,
            EventType.WORKORDER_REVISITED);
    assertThatThrownBy(() -> SyntheticHistory.orders(SyntheticHistory.MAX_ORDERS, 1))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
