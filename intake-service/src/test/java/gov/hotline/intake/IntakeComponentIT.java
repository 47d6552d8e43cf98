package gov.hotline.intake;

import static gov.hotline.testsupport.ContractAssertions.assertPublished;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import gov.hotline.api.client.ApiException;
import gov.hotline.api.client.HotlineClient;
import gov.hotline.api.client.HotlineClient.Actor;
import gov.hotline.api.client.HotlineClient.Endpoints;
import gov.hotline.api.client.RetryPolicy;
import gov.hotline.api.intake.IntakeOrderSummary;
import gov.hotline.api.intake.OpenOrderRequest;
import gov.hotline.api.intake.OrderOpened;
import gov.hotline.contract.ContractJson;
import gov.hotline.contract.EventType;
import gov.hotline.contract.Topics;
import gov.hotline.contract.workorder.Channel;
import gov.hotline.contract.workorder.DemandType;
import gov.hotline.contract.workorder.OrderState;
import gov.hotline.contract.workorder.Resolution;
import gov.hotline.contract.workorder.Urgency;
import gov.hotline.contract.workorder.WorkOrderReceived;
import gov.hotline.testsupport.EmbeddedInfrastructure;
import gov.hotline.testsupport.OnEmbeddedInfrastructure;
import gov.hotline.testsupport.TopicClient;
import io.cloudevents.CloudEvent;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/**
 * Intake alone on a real broker and Mongo server: operators open orders over REST, and what intake
 * publishes is read back from the lifecycle topic as another system reads it.
 */
@OnEmbeddedInfrastructure
@SpringBootTest(
    classes = IntakeApplication.class,
    properties = {
      "spring.config.name=intake-service",
      "hotline.caller.key=" + IntakeComponentIT.CALLER_KEY
    },
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class IntakeComponentIT {
  /** Base64 of "intake-component-test-key-0123": the vault's HMAC key. */
  static final String CALLER_KEY = "aW50YWtlLWNvbXBvbmVudC10ZXN0LWtleS0wMTIz";

  private static final String PHONE = "13800138000";
  private static final Actor OPERATOR = Actor.operator("op-1");

  @LocalServerPort int port;
  @Autowired TestRestTemplate http;
  private final TopicClient topics = EmbeddedInfrastructure.topics();

  @Test
  void an_operator_opens_an_order_and_the_topic_tells_it_once_with_the_phone_masked()
      throws IOException {
    ResponseEntity<OrderOpened> answer = open(complaint(PHONE, "夜间施工噪声"), key());

    assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.CREATED);
    OrderOpened opened = answer.getBody();
    assertThat(opened.state()).isEqualTo(OrderState.RECEIVED);
    assertThat(answer.getHeaders().getLocation())
        .isEqualTo(URI.create("/orders/" + opened.orderId()));
    assertThat(answer.getHeaders().getFirst("Idempotent-Replayed")).isEqualTo("false");

    List<CloudEvent> events = topics.awaitEvents(Topics.WORKORDER_LIFECYCLE, id(opened), 1);
    assertThat(events).hasSize(1);
    WorkOrderReceived received =
        assertPublished(events.get(0), WorkOrderReceived.class, "/hotline/intake");
    assertThat(received.orderId()).isEqualTo(opened.orderId());
    assertThat(received.orderNumber()).isEqualTo(opened.orderNumber());
    assertThat(received.occurredAt()).isEqualTo(opened.receivedAt());
    assertThat(received.resolution()).isEqualTo(Resolution.WORK_ORDER);
    assertThat(received.caller().maskedPhone()).isEqualTo("138****8000");
    assertThat(received.caller().ref()).matches("[0-9a-f]{64}");

    // nothing else about the caller is on the topic: no member beyond the reference and the mask
    byte[] data = events.get(0).getData().toBytes();
    JsonNode caller = ContractJson.mapper().readTree(data).path("caller");
    assertThat(caller.properties())
        .extracting(Map.Entry::getKey)
        .containsExactlyInAnyOrder("ref", "maskedPhone", "anonymous", "confidential");
    String text = new String(data, StandardCharsets.UTF_8);
    assertThat(text).doesNotContain(PHONE).doesNotContain("张三");
  }

  @Test
  void an_operator_finds_the_order_they_opened() {
    OrderOpened opened = operator().openOrder(complaint(PHONE, "楼道堆放杂物"));

    IntakeOrderSummary order =
        await()
            .atMost(TopicClient.PATIENCE)
            .until(() -> operator().findIntakeOrder(opened.orderId()), Optional::isPresent)
            .orElseThrow();

    assertThat(order)
        .isEqualTo(
            new IntakeOrderSummary(
                opened.orderId(),
                opened.orderNumber(),
                Channel.PHONE,
                DemandType.COMPLAINT,
                "楼道堆放杂物",
                Resolution.WORK_ORDER,
                // the view keeps a Mongo date, which holds milliseconds only
                opened.receivedAt().truncatedTo(ChronoUnit.MILLIS)));
  }

  @Test
  void an_operator_who_sends_the_same_order_again_with_its_key_gets_the_same_order_once() {
    OpenOrderRequest complaint = complaint(PHONE, "夜间施工噪声");
    String key = key();

    ResponseEntity<OrderOpened> first = open(complaint, key);
    ResponseEntity<OrderOpened> again = open(complaint, key);

    assertThat(again.getStatusCode()).isEqualTo(HttpStatus.CREATED);
    assertThat(again.getHeaders().getFirst("Idempotent-Replayed")).isEqualTo("true");
    OrderOpened original = first.getBody();
    assertThat(again.getBody().orderId()).isEqualTo(original.orderId());
    assertThat(again.getBody().orderNumber()).isEqualTo(original.orderNumber());
    assertThat(again.getBody().state()).isEqualTo(OrderState.RECEIVED);
    // the key's claim keeps a Mongo date, which holds milliseconds only
    assertThat(again.getBody().receivedAt())
        .isEqualTo(original.receivedAt().truncatedTo(ChronoUnit.MILLIS));
    String orderId = id(original);
    assertThat(topics.awaitEvents(Topics.WORKORDER_LIFECYCLE, orderId, 1)).hasSize(1);

    // The relay publishes in the order events were stored: once an order opened after the
    // repeat is on the topic, a second Received of the first order would be there too.
    OrderOpened later = operator().openOrder(complaint("13900139000", "占道经营"));
    topics.awaitEvents(Topics.WORKORDER_LIFECYCLE, id(later), 1);
    assertThat(topics.events(Topics.WORKORDER_LIFECYCLE, orderId))
        .extracting(CloudEvent::getType)
        .containsExactly(EventType.WORKORDER_RECEIVED.ceType());
  }

  @Test
  void the_same_key_with_another_demand_is_refused_as_reused() {
    String key = key();
    OrderOpened first = operator().openOrder(complaint(PHONE, "夜间施工噪声"), key);

    assertThatThrownBy(() -> operator().openOrder(complaint(PHONE, "噪声已停止，另有投诉"), key))
        .isInstanceOfSatisfying(
            ApiException.class,
            e -> {
              assertThat(e.status()).isEqualTo(409);
              assertThat(e.type()).isEqualTo("urn:hotline:problem:idempotency-key-reused");
              assertThat(e.detail()).contains(first.orderNumber());
            });
  }

  @Test
  void a_key_longer_than_200_characters_is_refused_naming_the_header() {
    assertThatThrownBy(() -> operator().openOrder(complaint(PHONE, "夜间施工噪声"), "k".repeat(300)))
        .isInstanceOfSatisfying(
            ApiException.class,
            e -> {
              assertThat(e.status()).isEqualTo(400);
              assertThat(e.type()).isEqualTo("urn:hotline:problem:invalid-field");
              assertThat(e.errors())
                  .extracting(f -> f.field())
                  .containsExactly(HotlineClient.IDEMPOTENCY_KEY);
            });
  }

  private HotlineClient operator() {
    return HotlineClient.builder(Endpoints.all(URI.create("http://127.0.0.1:" + port)))
        .retry(RetryPolicy.NONE)
        .actor(OPERATOR)
        .build();
  }

  /**
   * {@code POST /orders} where the status and the {@code Idempotent-Replayed} header matter, which
   * the client does not show; the body is the api record all the same.
   */
  private ResponseEntity<OrderOpened> open(OpenOrderRequest request, String idempotencyKey) {
    HttpHeaders headers = new HttpHeaders();
    headers.set("X-Actor-Role", OPERATOR.role().name());
    headers.set("X-Actor-Id", OPERATOR.id());
    headers.set(HotlineClient.IDEMPOTENCY_KEY, idempotencyKey);
    return http.exchange(
        "/orders", HttpMethod.POST, new HttpEntity<>(request, headers), OrderOpened.class);
  }

  private static OpenOrderRequest complaint(String phone, String title) {
    return new OpenOrderRequest(
        Channel.PHONE,
        DemandType.COMPLAINT,
        new OpenOrderRequest.CategoryRequest("URBAN.NOISE", List.of("城市管理", "噪声扰民")),
        Urgency.NORMAL,
        title,
        "工地每晚十一点后仍在施工",
        new OpenOrderRequest.LocationRequest("淮北市相山区人民路1号", "340602", 33.95, 116.79),
        new OpenOrderRequest.CallerRequest(phone, "张三", false, false),
        null);
  }

  private static String key() {
    return UUID.randomUUID().toString();
  }

  private static String id(OrderOpened opened) {
    return opened.orderId().toString();
  }
}
