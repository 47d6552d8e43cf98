package gov.hotline.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import gov.hotline.api.intake.OpenOrderRequest;
import gov.hotline.api.supervision.Timeline;
import gov.hotline.contract.workorder.Channel;
import gov.hotline.contract.workorder.DemandType;
import gov.hotline.contract.workorder.HandlingUnit;
import gov.hotline.contract.workorder.OrderState;
import gov.hotline.contract.workorder.UnitLevel;
import gov.hotline.contract.workorder.Urgency;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class DemoTest {

  @Test
  void each_demo_complaint_is_a_full_intake_request_with_its_own_caller_and_demand_mark() {
    OpenOrderRequest first = Demo.complaint(1, "r1");
    OpenOrderRequest second = Demo.complaint(2, "r1");

    assertThat(first.channel()).isEqualTo(Channel.PHONE);
    assertThat(first.demandType()).isEqualTo(DemandType.COMPLAINT);
    assertThat(first.category().code()).isEqualTo("URBAN.NOISE");
    assertThat(first.category().path()).containsExactly("城市管理", "噪声扰民");
    assertThat(first.urgency()).isEqualTo(Urgency.NORMAL);
    assertThat(first.title()).isEqualTo("夜间施工噪声");
    assertThat(first.location().divisionCode()).isEqualTo("340602");
    assertThat(first.caller().phone()).isEqualTo("13800000001");
    assertThat(first.caller().anonymous()).isFalse();
    assertThat(second.caller().phone()).isEqualTo("13800000002");
    assertThat(second.title()).isNotEqualTo(first.title());
    assertThat(second.description()).contains("演示工单 #2，批次 r1");
  }

  @Test
  void orders_go_to_a_street_or_community_unit_when_dispatch_knows_one() {
    List<HandlingUnit> units =
        List.of(
            new HandlingUnit("340602", "相山区", UnitLevel.DISTRICT),
            new HandlingUnit("340602-001-001", "人民路社区", UnitLevel.COMMUNITY),
            new HandlingUnit("340602-001", "人民路街道", UnitLevel.STREET));

    assertThat(Demo.pickUnit(units)).contains("340602-001");
    assertThat(Demo.pickUnit(List.of(new HandlingUnit("a", "市住建局", UnitLevel.CITY_DEPARTMENT))))
        .contains("a");
    assertThat(Demo.pickUnit(List.of())).isEmpty();
  }

  @Test
  void an_order_counts_as_closed_when_its_timeline_ends_with_the_callback() {
    List<String> four = List.of("RECEIVED", "DISPATCHED", "HANDLED", "AUDITED");

    assertThat(Demo.isCompleteTimeline(timeline(four, null))).isFalse();
    assertThat(Demo.isCompleteTimeline(timeline(four, entry("REVISITED", null)))).isTrue();
    assertThat(
            Demo.isCompleteTimeline(
                timeline(four, entry(null, "gov.hotline.workorder.revisited.v1"))))
        .isTrue();
    assertThat(Demo.isCompleteTimeline(timeline(four, entry("DISPATCHED", null)))).isFalse();
  }

  @Test
  void a_step_is_done_once_the_order_is_where_it_leads_or_further_along() {
    assertThat(Demo.reached(OrderState.DISPATCHED, OrderState.DISPATCHED)).isTrue();
    assertThat(Demo.reached(OrderState.CLOSED, OrderState.DISPATCHED)).isTrue();
    assertThat(Demo.reached(OrderState.AWAITING_CALLBACK, OrderState.HANDLED)).isTrue();
    assertThat(Demo.reached(OrderState.RECEIVED, OrderState.DISPATCHED)).isFalse();
    assertThat(Demo.reached(OrderState.HANDLED, OrderState.CLOSED)).isFalse();
    assertThat(Demo.reached(OrderState.REOPENED, OrderState.DISPATCHED))
        .as("a reopened order is off the demo's path")
        .isFalse();
  }

  @Test
  void step_latencies_show_median_p95_and_max_over_the_orders_that_got_there() {
    List<Demo.Outcome> outcomes =
        List.of(
            outcome(1, Map.of("receive", 10L, "dispatch", 100L)),
            outcome(2, Map.of("receive", 20L)),
            outcome(3, Map.of("receive", 30L)));

    String table = Demo.latencies(outcomes);

    assertThat(table)
        .isEqualTo(
            """
            Step latencies:
            STEP     | ORDERS | MEDIAN | P95    | MAX
            ---------+--------+--------+--------+-------
            receive  | 3      | 20 ms  | 30 ms  | 30 ms
            dispatch | 1      | 100 ms | 100 ms | 100 ms
            """);
    assertThat(Demo.percentileIndex(100, 95)).isEqualTo(94);
    assertThat(Demo.percentileIndex(1, 50)).isZero();
  }

  private static Timeline timeline(List<String> steps, Timeline.Entry last) {
    List<Timeline.Entry> events = new ArrayList<>();
    steps.forEach(s -> events.add(entry(s, null)));
    if (last != null) {
      events.add(last);
    }
    return new Timeline(UUID.randomUUID(), "20261125000001", events);
  }

  private static Timeline.Entry entry(String step, String type) {
    return new Timeline.Entry("e", type, step, null, 1, Map.of(), "s", Map.of(), null);
  }

  private static Demo.Outcome outcome(int k, Map<String, Long> millis) {
    Map<String, Duration> times = new java.util.LinkedHashMap<>();
    millis.forEach((step, ms) -> times.put(step, Duration.ofMillis(ms)));
    return new Demo.Outcome(k, "id-" + k, "n-" + k, true, null, null, times, null);
  }
}
