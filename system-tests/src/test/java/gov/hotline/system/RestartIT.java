package gov.hotline.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A service that stops mid-flow picks up where it left off: nothing lost, nothing doubled. */
class RestartIT {
  private final HotlineStack stack = HotlineStack.shared();
  private final Api api = new Api(stack);
  private final Loop loop = new Loop(api);

  @Test
  void orders_in_flight_while_supervision_and_dispatch_restart_are_neither_lost_nor_duplicated() {
    List<String> before = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      String orderId = loop.open(Loop.nextPhone());
      loop.dispatch(orderId);
      loop.handle(orderId);
      before.add(orderId);
    }

    stack.stop("supervision");
    List<String> during = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      String orderId = loop.open(Loop.nextPhone());
      loop.dispatch(orderId);
      loop.handle(orderId);
      during.add(orderId);
    }
    stack.start("supervision");

    stack.stop("dispatch");
    List<String> whileDispatchDown = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      whileDispatchDown.add(loop.open(Loop.nextPhone()));
    }
    stack.start("dispatch");
    for (String orderId : whileDispatchDown) {
      loop.dispatch(orderId);
      loop.handle(orderId);
    }

    List<String> all = new ArrayList<>(before);
    all.addAll(during);
    all.addAll(whileDispatchDown);
    for (String orderId : all) {
      loop.review(orderId, "APPROVED", "整改到位");
      assertThat(loop.callback(orderId, "SATISFIED").at("/state").asText()).isEqualTo("CLOSED");
    }
    for (String orderId : all) {
      JsonNode events = loop.timeline(orderId, 5).get("events");
      assertThat(events).as(orderId).hasSize(5);
      assertThat(WorkOrderLoopIT.field(events, "step"))
          .containsExactly("RECEIVED", "DISPATCHED", "HANDLED", "AUDITED", "REVISITED");
      Set<String> ids = new HashSet<>(WorkOrderLoopIT.field(events, "eventId"));
      assertThat(ids).hasSize(5);
    }
  }
}
