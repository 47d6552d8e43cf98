package gov.hotline.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import gov.hotline.api.dispatch.DispatchOrderSummary;
import gov.hotline.api.dispatch.DispatchRequest;
import gov.hotline.api.dispatch.ResultRequest;
import gov.hotline.api.intake.OpenOrderRequest;
import gov.hotline.api.knowledge.ArticleList;
import gov.hotline.api.knowledge.ArticleStatus;
import gov.hotline.api.knowledge.DraftArticleRequest;
import gov.hotline.api.knowledge.RetireArticleRequest;
import gov.hotline.api.supervision.CallbackRequest;
import gov.hotline.api.supervision.ReviewRequest;
import gov.hotline.api.supervision.Timeline;
import gov.hotline.contract.ContractJson;
import gov.hotline.contract.knowledge.ArticleKind;
import gov.hotline.contract.workorder.CallbackChannel;
import gov.hotline.contract.workorder.Channel;
import gov.hotline.contract.workorder.DemandType;
import gov.hotline.contract.workorder.HandlingOutcome;
import gov.hotline.contract.workorder.HandlingUnit;
import gov.hotline.contract.workorder.OrderState;
import gov.hotline.contract.workorder.Satisfaction;
import gov.hotline.contract.workorder.UnitLevel;
import gov.hotline.contract.workorder.Urgency;
import gov.hotline.contract.workorder.Verdict;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The records write exactly the JSON callers sent by hand before they existed (member names and
 * order, absent optionals left out, no validation rule leaking in as a member), and read what the
 * services answer.
 */
class WireFormatTest {
  private static final ObjectMapper JSON = ContractJson.configure(new ObjectMapper());
  private static final UUID ORDER = UUID.fromString("0b6c2f4e-8a51-4c57-9a4b-2d1c1f0e9a11");

  @Test
  void an_order_request_is_written_as_intake_reads_it() throws Exception {
    OpenOrderRequest order =
        new OpenOrderRequest(
            Channel.PHONE,
            DemandType.COMPLAINT,
            new OpenOrderRequest.CategoryRequest("URBAN.NOISE", List.of("城市管理", "噪声扰民")),
            Urgency.NORMAL,
            "夜间施工噪声",
            "工地每晚十一点后仍在施工",
            new OpenOrderRequest.LocationRequest("淮北市相山区人民路1号", "340602", null, null),
            new OpenOrderRequest.CallerRequest("13800000001", "张三", false, false),
            null);

    assertThat(JSON.writeValueAsString(order))
        .isEqualTo(
            "{\"channel\":\"PHONE\",\"demandType\":\"COMPLAINT\","
                + "\"category\":{\"code\":\"URBAN.NOISE\",\"path\":[\"城市管理\",\"噪声扰民\"]},"
                + "\"urgency\":\"NORMAL\",\"title\":\"夜间施工噪声\",\"description\":\"工地每晚十一点后仍在施工\","
                + "\"location\":{\"address\":\"淮北市相山区人民路1号\",\"divisionCode\":\"340602\"},"
                + "\"caller\":{\"phone\":\"13800000001\",\"name\":\"张三\",\"anonymous\":false,"
                + "\"confidential\":false}}");
    assertThat(JSON.readValue(JSON.writeValueAsString(order), OpenOrderRequest.class))
        .isEqualTo(order);
  }

  @Test
  void the_lifecycle_commands_are_written_without_their_validation_rules() throws Exception {
    assertThat(JSON.writeValueAsString(new DispatchRequest("u-1", null, 10, null, null)))
        .isEqualTo("{\"unitId\":\"u-1\",\"workingDays\":10}");
    assertThat(
            JSON.writeValueAsString(
                new ResultRequest(HandlingOutcome.RESOLVED, "已责令停工", "现场检查", null)))
        .isEqualTo("{\"outcome\":\"RESOLVED\",\"reply\":\"已责令停工\",\"measures\":\"现场检查\"}");
    assertThat(JSON.writeValueAsString(new ReviewRequest(Verdict.APPROVED, null)))
        .isEqualTo("{\"verdict\":\"APPROVED\"}");
    assertThat(
            JSON.writeValueAsString(
                new CallbackRequest(true, 1, Satisfaction.SATISFIED, true, CallbackChannel.PHONE)))
        .isEqualTo(
            "{\"reached\":true,\"callAttempts\":1,\"satisfaction\":\"SATISFIED\","
                + "\"resolved\":true,\"via\":\"PHONE\"}");
    assertThat(
            JSON.writeValueAsString(DraftArticleRequest.of(ArticleKind.SERVICE_GUIDE, "指南", "正文")))
        .isEqualTo("{\"kind\":\"SERVICE_GUIDE\",\"title\":\"指南\",\"body\":\"正文\"}");
    assertThat(JSON.writeValueAsString(new RetireArticleRequest("replaced")))
        .isEqualTo("{\"reason\":\"replaced\"}");
  }

  @Test
  void a_step_without_unit_or_deadline_leaves_them_out() throws Exception {
    assertThat(JSON.writeValueAsString(new StepDone(ORDER, OrderState.CLOSED)))
        .isEqualTo("{\"orderId\":\"" + ORDER + "\",\"state\":\"CLOSED\"}");
    StepDone dispatched =
        new StepDone(
            ORDER,
            OrderState.DISPATCHED,
            new HandlingUnit("340602-001", "人民路街道", UnitLevel.STREET),
            Instant.parse("2026-12-08T15:59:59Z"));
    assertThat(JSON.writeValueAsString(dispatched))
        .isEqualTo(
            "{\"orderId\":\""
                + ORDER
                + "\",\"state\":\"DISPATCHED\","
                + "\"unit\":{\"id\":\"340602-001\",\"name\":\"人民路街道\",\"level\":\"STREET\"},"
                + "\"dueAt\":\"2026-12-08T15:59:59Z\"}");
  }

  @Test
  void answers_are_read_as_the_services_write_them_and_unknown_members_are_ignored()
      throws Exception {
    DispatchOrderSummary order =
        JSON.readValue(
            "{\"orderId\":\""
                + ORDER
                + "\",\"orderNumber\":\"20261124000001\",\"state\":\"RECEIVED\",\"attempt\":1,"
                + "\"categoryCode\":\"URBAN.NOISE\",\"divisionCode\":\"340602\","
                + "\"receivedAt\":\"2026-11-24T02:00:00Z\",\"addedLater\":true}",
            DispatchOrderSummary.class);
    assertThat(order.state()).isEqualTo(OrderState.RECEIVED);
    assertThat(order.unit()).isNull();

    Timeline timeline =
        JSON.readValue(
            "{\"orderId\":\""
                + ORDER
                + "\",\"orderNumber\":\"20261124000001\",\"events\":[{\"eventId\":\"e1\","
                + "\"type\":\"gov.hotline.workorder.received.v1\",\"step\":\"RECEIVED\","
                + "\"occurredAt\":\"2026-11-24T02:00:00Z\",\"attempt\":1,"
                + "\"actor\":{\"role\":\"OPERATOR\",\"userId\":\"op-1\"},"
                + "\"service\":\"/hotline/intake\",\"data\":{\"category\":{\"code\":\"URBAN.NOISE\"}},"
                + "\"recordedAt\":\"2026-11-24T02:00:00.100Z\"}]}",
            Timeline.class);
    assertThat(timeline.events())
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.step()).isEqualTo("RECEIVED");
              assertThat(e.actor()).containsEntry("role", "OPERATOR");
              assertThat(e.data()).containsKey("category");
            });

    ArticleList list =
        JSON.readValue(
            "{\"articles\":[{\"articleId\":\""
                + ORDER
                + "\",\"kind\":\"LAW\",\"title\":\"t\",\"tags\":[],\"categoryCodes\":[],"
                + "\"status\":\"PUBLISHED\",\"updatedAt\":\"2026-11-24T02:00:00Z\"}]}",
            ArticleList.class);
    assertThat(list.articles())
        .singleElement()
        .satisfies(
            a -> {
              assertThat(a.status()).isEqualTo(ArticleStatus.PUBLISHED);
              assertThat(a.kind()).isEqualTo(ArticleKind.LAW);
            });
  }
}
