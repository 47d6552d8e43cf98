package gov.hotline.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DemoTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void each_demo_complaint_is_a_full_intake_request_with_its_own_caller() {
    ObjectNode first = Demo.complaint(JSON, 1);
    ObjectNode second = Demo.complaint(JSON, 2);

    assertThat(first.path("channel").asText()).isEqualTo("PHONE");
    assertThat(first.path("demandType").asText()).isEqualTo("COMPLAINT");
    assertThat(first.path("category").path("code").asText()).isEqualTo("URBAN.NOISE");
    assertThat(first.path("category").path("path").toString()).isEqualTo("[\"城市管理\",\"噪声扰民\"]");
    assertThat(first.path("urgency").asText()).isEqualTo("NORMAL");
    assertThat(first.path("title").asText()).isEqualTo("夜间施工噪声");
    assertThat(first.path("location").path("divisionCode").asText()).isEqualTo("340602");
    assertThat(first.path("caller").path("phone").asText()).isEqualTo("13800000001");
    assertThat(first.path("caller").path("anonymous").asBoolean(true)).isFalse();
    assertThat(second.path("caller").path("phone").asText()).isEqualTo("13800000002");
    assertThat(second.path("title").asText()).isNotEqualTo(first.path("title").asText());
    assertThat(second.path("description").asText()).contains("#2");
  }

  @Test
  void orders_go_to_a_street_or_community_unit_when_dispatch_knows_one() throws Exception {
    JsonNode units =
        JSON.readTree(
            """
            [{"id":"340602","name":"相山区","level":"DISTRICT"},
             {"id":"340602-001-001","name":"人民路社区","level":"COMMUNITY"},
             {"id":"340602-001","name":"人民路街道","level":"STREET"}]
            """);

    assertThat(Demo.pickUnit(units)).contains("340602-001");
    assertThat(Demo.pickUnit(JSON.readTree("[{\"id\":\"a\",\"level\":\"CITY\"}]"))).contains("a");
    assertThat(Demo.pickUnit(JSON.readTree("[]"))).isEmpty();
  }

  @Test
  void an_order_counts_as_closed_when_its_timeline_ends_with_the_callback() throws Exception {
    String four =
        "{\"step\":\"RECEIVED\"},{\"step\":\"DISPATCHED\"},{\"step\":\"HANDLED\"},{\"step\":\"AUDITED\"}";

    assertThat(Demo.isCompleteTimeline(JSON.readTree("{\"events\":[" + four + "]}"))).isFalse();
    assertThat(
            Demo.isCompleteTimeline(
                JSON.readTree("{\"events\":[" + four + ",{\"step\":\"REVISITED\"}]}")))
        .isTrue();
    assertThat(
            Demo.isCompleteTimeline(
                JSON.readTree(
                    "{\"events\":["
                        + four
                        + ",{\"type\":\"gov.hotline.workorder.revisited.v1\"}]}")))
        .isTrue();
    assertThat(
            Demo.isCompleteTimeline(
                JSON.readTree("{\"events\":[" + four + ",{\"step\":\"DISPATCHED\"}]}")))
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

  private static Demo.Outcome outcome(int k, Map<String, Long> millis) {
    Map<String, Duration> times = new java.util.LinkedHashMap<>();
    millis.forEach((step, ms) -> times.put(step, Duration.ofMillis(ms)));
    return new Demo.Outcome(k, "id-" + k, "n-" + k, true, null, null, times, null);
  }
}
