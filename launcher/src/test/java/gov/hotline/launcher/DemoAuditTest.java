package gov.hotline.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DemoAuditTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String RECEIVED = "gov.hotline.workorder.received.v1";
  private static final String DISPATCHED = "gov.hotline.workorder.dispatched.v1";

  private final List<LifecycleTopic.TopicRecord> topic = new ArrayList<>();

  private void add(String order, String ceId, String type, String description) {
    String payload = description == null ? "{}" : "{\"description\":\"" + description + "\"}";
    topic.add(
        new LifecycleTopic.TopicRecord(
            0, topic.size(), order, ceId, type, payload.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void copies_of_an_event_count_once_and_a_second_order_for_one_demand_is_a_duplicate() {
    add("o-1", "e-1", RECEIVED, "噪声（" + DemoAudit.demandMark(1, "run1") + "）");
    add("o-1", "e-2", DISPATCHED, null);
    add("o-1", "e-2", DISPATCHED, null); // sent again by a relay after a restart
    add("o-2", "e-3", RECEIVED, "噪声（" + DemoAudit.demandMark(2, "run1") + "）");
    add("o-3", "e-4", RECEIVED, "噪声（" + DemoAudit.demandMark(2, "run1") + "）");
    add("o-9", "e-5", RECEIVED, "噪声（" + DemoAudit.demandMark(1, "other") + "）");
    add("o-9", "e-6", DISPATCHED, null);

    DemoAudit audit = DemoAudit.of(topic, "run1", JSON);

    assertThat(audit.records()).isEqualTo(5);
    assertThat(audit.events()).isEqualTo(4);
    assertThat(audit.copies()).isEqualTo(1);
    assertThat(audit.duplicates()).containsOnlyKeys(2);
    assertThat(audit.duplicates().get(2)).containsExactly("o-2", "o-3");
    assertThat(audit.ordersByDemand().get(1)).isEqualTo(Set.of("o-1"));
    assertThat(audit.missing(List.of(1, 2, 3))).containsExactly(3);
  }

  @Test
  void records_that_are_not_demo_orders_are_left_alone() {
    add("o-1", "e-1", RECEIVED, "not a demo order");
    add(null, "e-2", RECEIVED, "噪声（" + DemoAudit.demandMark(1, "run1") + "）");
    topic.add(new LifecycleTopic.TopicRecord(0, 9, "o-4", "e-9", RECEIVED, "{not json".getBytes()));

    DemoAudit audit = DemoAudit.of(topic, "run1", JSON);

    assertThat(audit.records()).isZero();
    assertThat(audit.ordersByDemand()).isEmpty();
  }
}
