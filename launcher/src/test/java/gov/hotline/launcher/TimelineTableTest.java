package gov.hotline.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class TimelineTableTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private static final String TIMELINE =
      """
      {"orderId":"0b6c","orderNumber":"20261125000001","events":[
        {"eventId":"e1","type":"gov.hotline.workorder.received.v1","step":"RECEIVED",
         "occurredAt":"2026-11-25T10:00:00.000+08:00",
         "actor":{"role":"OPERATOR","userId":"op-1"},"service":"/hotline/intake",
         "data":{"orderId":"0b6c","channel":"PHONE","demandType":"COMPLAINT",
                 "category":{"code":"URBAN.NOISE","path":["城市管理","噪声扰民"]},
                 "urgency":"NORMAL","title":"夜间施工噪声",
                 "caller":{"ref":"hmac","maskedPhone":"138****8000","anonymous":false}}},
        {"eventId":"e2","type":"gov.hotline.workorder.dispatched.v1",
         "occurredAt":"2026-11-25T02:00:00.250Z",
         "actor":{"role":"DISPATCHER","userId":"disp-1"},"service":"/hotline/dispatch",
         "data":{"unit":{"id":"340602-001-001","name":"人民路街道","level":"STREET"},
                 "routing":{"mode":"MANUAL"},"dueBasis":{"workingDays":10,"calendar":"weekdays"}}},
        {"eventId":"e5","type":"gov.hotline.workorder.revisited.v1","step":"REVISITED",
         "occurredAt":"2026-11-25T10:00:12.500+08:00",
         "actor":{"role":"SUPERVISOR","userId":"sup-1","unitId":"12345-center"},
         "service":"/hotline/supervision",
         "data":{"reached":true,"callAttempts":1,"satisfaction":"SATISFIED","resolved":true,
                 "via":"PHONE","outcome":"CLOSED"}}
      ]}
      """;

  @Test
  void one_line_per_event_with_time_actor_service_and_key_facts() throws Exception {
    JsonNode timeline = JSON.readTree(TIMELINE);

    String rendered = new TimelineTable(ZoneId.of("Asia/Shanghai")).render(timeline);
    String[] lines = rendered.split("\n");

    assertThat(lines).hasSize(5);
    assertThat(lines[0]).startsWith("# | STEP").contains("ACTOR", "SERVICE", "KEY FACTS");
    assertThat(lines[2])
        .startsWith("1 | RECEIVED   | 10:00:00.000 | +0 ms")
        .contains("OPERATOR op-1", "/hotline/intake")
        .contains("channel=PHONE, demandType=COMPLAINT, category.code=URBAN.NOISE")
        .doesNotContain("138****8000", "hmac");
    assertThat(lines[3])
        .startsWith("2 | DISPATCHED | 10:00:00.250 | +250 ms")
        .contains("DISPATCHER disp-1", "unit.name=人民路街道, unit.id=340602-001-001");
    assertThat(lines[4])
        .startsWith("3 | REVISITED  | 10:00:12.500 | +12.5 s")
        .contains("SUPERVISOR sup-1 @12345-center")
        .contains("outcome=CLOSED, satisfaction=SATISFIED, resolved=true, reached=true");
    // the KEY FACTS column starts at the same display column on every line
    int column = TextTable.displayWidth(lines[0].substring(0, lines[0].indexOf("KEY FACTS")));
    for (int i = 2; i < lines.length; i++) {
      String before = lines[i].substring(0, lines[i].lastIndexOf(" | ") + 3);
      assertThat(TextTable.displayWidth(before)).isEqualTo(column);
    }
  }

  @Test
  void facts_stay_within_their_width() throws Exception {
    JsonNode data =
        JSON.readTree(
            "{\"outcome\":\"RESOLVED\",\"reply\":\"已责令工地夜间停工并安排专人每晚巡查直至工程结束为止\","
                + "\"measures\":\"现场检查并下达整改通知，同时约谈施工单位负责人\"}");

    String facts = TimelineTable.keyFacts("HANDLED", data);

    assertThat(facts).startsWith("outcome=RESOLVED, reply=已责令工地夜间停工并安排专…");
    assertThat(TextTable.displayWidth(facts)).isLessThanOrEqualTo(TimelineTable.FACTS_WIDTH);
  }

  @Test
  void the_attempt_shows_only_when_the_order_is_redone() throws Exception {
    assertThat(
            TimelineTable.keyFacts(
                "AUDITED",
                JSON.readTree("{\"verdict\":\"APPROVED\",\"reason\":\"整改到位\",\"attempt\":1}")))
        .isEqualTo("verdict=APPROVED, reason=整改到位");
    assertThat(
            TimelineTable.keyFacts(
                "AUDITED",
                JSON.readTree("{\"verdict\":\"REJECTED\",\"reason\":\"未整改\",\"attempt\":2}")))
        .isEqualTo("verdict=REJECTED, reason=未整改, attempt=2");
  }

  @Test
  void a_missing_step_is_taken_from_the_event_type() throws Exception {
    assertThat(TimelineTable.step(JSON.readTree("{\"type\":\"gov.hotline.workorder.audited.v1\"}")))
        .isEqualTo("AUDITED");
  }
}
