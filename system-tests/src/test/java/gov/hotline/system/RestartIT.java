package gov.hotline.system;

import static org.assertj.core.api.Assertions.assertThat;

import gov.hotline.api.supervision.Timeline;
import gov.hotline.contract.workorder.OrderState;
import gov.hotline.contract.workorder.Satisfaction;
import gov.hotline.contract.workorder.Verdict;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** A service that stops mid-flow picks up where it left off: nothing lost, nothing doubled. */
class RestartIT {
  private final HotlineStack stack = HotlineStack.shared();
  private final Loop loop = new Loop(stack);

  @Test
  void orders_in_flight_while_supervision_and_dispatch_restart_are_neither_lost_nor_duplicated() {
    List<UUID> before = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      UUID orderId = loop.open(Loop.nextPhone());
      loop.dispatch(orderId);
      loop.handle(orderId);
      before.add(orderId);
    }

    stack.stop("supervision");
    List<UUID> during = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      UUID orderId = loop.open(Loop.nextPhone());
      loop.dispatch(orderId);
      loop.handle(orderId);
      during.add(orderId);
    }
    stack.start("supervision");

    stack.stop("dispatch");
    List<UUID> whileDispatchDown = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      whileDispatchDown.add(loop.open(Loop.nextPhone()));
    }
    stack.start("dispatch");
    for (UUID orderId : whileDispatchDown) {
      loop.dispatch(orderId);
      loop.handle(orderId);
    }

    List<UUID> all = new ArrayList<>(before);
    all.addAll(during);
    all.addAll(whileDispatchDown);
    for (UUID orderId : all) {
      loop.review(orderId, Verdict.APPROVED, "整改到位");
      assertThat(loop.callback(orderId, Satisfaction.SATISFIED).state())
          .isEqualTo(OrderState.CLOSED);
    }
    for (UUID orderId : all) {
      Timeline timeline = loop.timeline(orderId, 5);
      assertThat(timeline.events()).as(orderId.toString()).hasSize(5);
      assertThat(Loop.steps(timeline))
          .containsExactly("RECEIVED", "DISPATCHED", "HANDLED", "AUDITED", "REVISITED");
      Set<String> ids =
          new HashSet<>(timeline.events().stream().map(Timeline.Entry::eventId).toList());
      assertThat(ids).hasSize(5);
    }
  }
}
