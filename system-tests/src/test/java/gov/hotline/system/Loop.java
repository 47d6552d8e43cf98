package gov.hotline.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/** The steps of the loop as the people at each desk take them, over the public REST APIs. */
final class Loop {
  static final String COMMUNITY = "340602-001-001";
  private static final AtomicInteger CALLERS = new AtomicInteger();
  private final Api api;

  Loop(Api api) {
    this.api = api;
  }

  static Map<String, Object> complaint(String phone) {
    return Map.of(
        "channel", "PHONE",
        "demandType", "COMPLAINT",
        "category", Map.of("code", "URBAN.NOISE", "path", List.of("城市管理", "噪声扰民")),
        "urgency", "NORMAL",
        "title", "夜间施工噪声",
        "description", "工地每晚十一点后仍在施工",
        "location", Map.of("address", "淮北市相山区人民路1号", "divisionCode", "340602"),
        "caller", Map.of("phone", phone, "name", "张三", "anonymous", false, "confidential", false));
  }

  static String nextPhone() {
    return String.format("139%08d", CALLERS.incrementAndGet());
  }

  /** 受理: returns the order id. */
  String open(String phone) {
    Api.Response opened = api.post("intake", "/orders", Api.As.operator(), complaint(phone));
    assertThat(opened.status()).as(opened.body().toString()).isEqualTo(201);
    return opened.at("/orderId").asText();
  }

  void awaitState(String service, String orderId, String state) {
    Api.As as = "dispatch".equals(service) ? Api.As.dispatcher() : Api.As.supervisor();
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(50))
        .untilAsserted(
            () -> {
              Api.Response response = api.get(service, "/orders/" + orderId, as);
              assertThat(response.status()).isEqualTo(200);
              assertThat(response.at("/state").asText()).isEqualTo(state);
            });
  }

  Api.Response dispatch(String orderId) {
    awaitState("dispatch", orderId, "RECEIVED");
    return api.post(
        "dispatch",
        "/orders/" + orderId + "/dispatch",
        Api.As.dispatcher(),
        Map.of("unitId", COMMUNITY, "workingDays", 10));
  }

  Api.Response handle(String orderId) {
    return api.post(
        "dispatch",
        "/orders/" + orderId + "/result",
        Api.As.unit(COMMUNITY),
        Map.of("outcome", "RESOLVED", "reply", "已责令工地夜间停工", "measures", "现场检查并下达整改通知"));
  }

  Api.Response review(String orderId, String verdict, String reason) {
    awaitState("supervision", orderId, "HANDLED");
    return api.post(
        "supervision",
        "/orders/" + orderId + "/review",
        Api.As.supervisor(),
        Map.of("verdict", verdict, "reason", reason));
  }

  Api.Response callback(String orderId, String satisfaction) {
    return api.post(
        "supervision",
        "/orders/" + orderId + "/callback",
        Api.As.supervisor(),
        Map.of(
            "reached",
            true,
            "callAttempts",
            1,
            "satisfaction",
            satisfaction,
            "resolved",
            !"UNSATISFIED".equals(satisfaction),
            "via",
            "PHONE"));
  }

  /** Takes one new complaint all the way to a satisfied callback; returns its order id. */
  String closeOne() {
    String orderId = open(nextPhone());
    assertThat(dispatch(orderId).at("/state").asText()).isEqualTo("DISPATCHED");
    assertThat(handle(orderId).at("/state").asText()).isEqualTo("HANDLED");
    assertThat(review(orderId, "APPROVED", "整改到位").at("/state").asText())
        .isEqualTo("AWAITING_CALLBACK");
    assertThat(callback(orderId, "SATISFIED").at("/state").asText()).isEqualTo("CLOSED");
    return orderId;
  }

  /** The timeline once it holds {@code events} entries. */
  JsonNode timeline(String orderId, int events) {
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(100))
        .untilAsserted(
            () -> {
              Api.Response response =
                  api.get("supervision", "/orders/" + orderId + "/timeline", Api.As.auditor());
              assertThat(response.status()).isEqualTo(200);
              assertThat(response.at("/events").size()).isGreaterThanOrEqualTo(events);
            });
    return api.get("supervision", "/orders/" + orderId + "/timeline", Api.As.auditor()).body();
  }
}
