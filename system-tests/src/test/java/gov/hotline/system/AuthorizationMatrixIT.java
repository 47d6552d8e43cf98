package gov.hotline.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import gov.hotline.contract.ContractJson;
import gov.hotline.contract.workorder.OrderState;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Who may call what, for every endpoint of the four services as their OpenAPI documents list them:
 * an allowed role gets past authorization (2xx, or 404/409 from the fixture's state), any other
 * role 403, no actor 400 — and a unit handler learns nothing of another unit's order.
 */
class AuthorizationMatrixIT {
  enum Role {
    OPERATOR,
    DISPATCHER,
    UNIT_HANDLER,
    SUPERVISOR,
    AUDITOR,
    EDITOR
  }

  record Endpoint(String service, String method, String path) {
    @Override
    public String toString() {
      return service + " " + method + " " + path;
    }
  }

  private static final Set<Role> READERS =
      EnumSet.of(Role.OPERATOR, Role.DISPATCHER, Role.SUPERVISOR, Role.AUDITOR);

  /** The whole matrix, written down here on purpose: the code's declarations are checked by it. */
  static final Map<Endpoint, Set<Role>> MATRIX = new LinkedHashMap<>();

  static {
    allow("intake", "POST", "/orders", EnumSet.of(Role.OPERATOR));
    allow("intake", "GET", "/orders/{orderId}", READERS);
    allow("dispatch", "GET", "/orders/{orderId}", with(READERS, Role.UNIT_HANDLER));
    allow(
        "dispatch",
        "GET",
        "/orders",
        EnumSet.of(Role.DISPATCHER, Role.UNIT_HANDLER, Role.SUPERVISOR, Role.AUDITOR));
    allow("dispatch", "POST", "/orders/{orderId}/dispatch", EnumSet.of(Role.DISPATCHER));
    allow("dispatch", "POST", "/orders/{orderId}/result", EnumSet.of(Role.UNIT_HANDLER));
    allow("dispatch", "GET", "/units", with(READERS, Role.UNIT_HANDLER));
    allow("supervision", "GET", "/orders/{orderId}", READERS);
    allow("supervision", "GET", "/orders", READERS);
    allow("supervision", "POST", "/orders/{orderId}/review", EnumSet.of(Role.SUPERVISOR));
    allow("supervision", "POST", "/orders/{orderId}/callback", EnumSet.of(Role.SUPERVISOR));
    allow(
        "supervision",
        "GET",
        "/orders/{orderId}/timeline",
        EnumSet.of(Role.SUPERVISOR, Role.AUDITOR));
    allow("knowledge", "POST", "/articles", EnumSet.of(Role.EDITOR));
    allow("knowledge", "POST", "/articles/{articleId}/publish", EnumSet.of(Role.EDITOR));
    allow("knowledge", "POST", "/articles/{articleId}/retire", EnumSet.of(Role.EDITOR));
    allow("knowledge", "GET", "/articles/{articleId}", with(READERS, Role.EDITOR));
    allow("knowledge", "GET", "/articles", with(READERS, Role.EDITOR));
    // ./hotline seed: hold the consumer, seed a range of the synthetic history, settle past it
    for (String service : List.of("intake", "dispatch", "supervision")) {
      for (String step : List.of("hold", "seed", "settle")) {
        allow(service, "POST", "/admin/history/" + step, EnumSet.of(Role.SUPERVISOR));
      }
    }
    for (String service : List.of("intake", "dispatch", "supervision", "knowledge")) {
      allow(service, "GET", "/admin/replays/{replayId}", EnumSet.of(Role.AUDITOR));
      allow(service, "POST", "/admin/processors/{processorName}/replays", EnumSet.of(Role.AUDITOR));
      allow(
          service,
          "GET",
          "/admin/aggregates/{aggregateType}/{aggregateId}/load",
          EnumSet.of(Role.AUDITOR));
    }
    allow("supervision", "POST", "/admin/replays/timeline", EnumSet.of(Role.AUDITOR));
  }

  private static final ObjectMapper JSON = ContractJson.mapper();
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private static final String LEAD_UNIT = Loop.COMMUNITY;
  private static final String OTHER_UNIT = "340603";

  private static HotlineStack stack;
  private static String orderId;
  private static String orderNumber;
  private static String articleId;

  @BeforeAll
  static void fixture() {
    stack = HotlineStack.shared();
    Loop loop = new Loop(stack);
    UUID opened = loop.open(Loop.nextPhone());
    loop.dispatch(opened);
    loop.awaitAtSupervision(opened, OrderState.DISPATCHED);
    orderId = opened.toString();
    orderNumber =
        call("dispatch", "GET", "/orders/" + orderId, Role.DISPATCHER, null)
            .body()
            .path("orderNumber")
            .asText();
    articleId =
        call("knowledge", "POST", "/articles", Role.EDITOR, bodyOf("knowledge", "/articles"))
            .body()
            .path("articleId")
            .asText();
    assertThat(orderNumber).isNotBlank();
    assertThat(articleId).isNotBlank();
  }

  @Test
  void the_matrix_covers_every_endpoint_of_the_openapi_documents_and_agrees_with_them() {
    Map<Endpoint, Set<String>> documented = new LinkedHashMap<>();
    for (String service : List.of("intake", "dispatch", "supervision", "knowledge")) {
      JsonNode paths = get(service, "/v3/api-docs").path("paths");
      for (Iterator<Map.Entry<String, JsonNode>> p = paths.fields(); p.hasNext(); ) {
        Map.Entry<String, JsonNode> path = p.next();
        for (Iterator<Map.Entry<String, JsonNode>> o = path.getValue().fields(); o.hasNext(); ) {
          Map.Entry<String, JsonNode> operation = o.next();
          Set<String> roles = new TreeSet<>();
          operation.getValue().path("x-allowed-roles").forEach(r -> roles.add(r.asText()));
          documented.put(
              new Endpoint(service, operation.getKey().toUpperCase(), path.getKey()), roles);
        }
      }
    }

    assertThat(documented.keySet()).containsExactlyInAnyOrderElementsOf(MATRIX.keySet());
    MATRIX.forEach(
        (endpoint, roles) ->
            assertThat(documented.get(endpoint))
                .as("x-allowed-roles of %s", endpoint)
                .containsExactlyInAnyOrderElementsOf(
                    roles.stream().map(Role::name).collect(Collectors.toSet())));
  }

  @Test
  void each_role_gets_past_authorization_only_where_allowed_and_no_actor_is_a_bad_request() {
    List<String> wrong = new ArrayList<>();
    MATRIX.forEach(
        (endpoint, allowed) -> {
          String path = concrete(endpoint);
          JsonNode body = bodyOf(endpoint.service(), endpoint.path());
          for (Role role : Role.values()) {
            int status = call(endpoint.service(), endpoint.method(), path, role, body).status();
            boolean passed = status / 100 == 2 || status == 404 || status == 409;
            if (allowed.contains(role) ? !passed : status != 403) {
              wrong.add(endpoint + " as " + role + " answered " + status);
            }
          }
          Response anonymous = call(endpoint.service(), endpoint.method(), path, null, body);
          if (anonymous.status() != 400
              || !"X-Actor-Role".equals(anonymous.body().at("/errors/0/field").asText())) {
            wrong.add(endpoint + " without an actor answered " + anonymous.status());
          }
        });

    assertThat(wrong).isEmpty();
  }

  @Test
  void a_unit_handler_learns_nothing_of_another_units_order() {
    String other = Loop.COMMUNITY.equals(OTHER_UNIT) ? "340602" : OTHER_UNIT;
    Response peek = call("dispatch", "GET", "/orders/" + orderId, Role.UNIT_HANDLER, null, other);
    Response report =
        call(
            "dispatch",
            "POST",
            "/orders/" + orderId + "/result",
            Role.UNIT_HANDLER,
            bodyOf("dispatch", "/orders/{orderId}/result"),
            other);
    Response list = call("dispatch", "GET", "/orders?limit=500", Role.UNIT_HANDLER, null, other);
    Response unknown =
        call("dispatch", "GET", "/orders/" + UUID.randomUUID(), Role.UNIT_HANDLER, null, other);

    assertThat(peek.status()).isEqualTo(404);
    assertThat(report.status()).isEqualTo(404);
    assertThat(report.body().path("detail").asText())
        .isEqualTo(unknown.body().path("detail").asText().replaceAll("[0-9a-f-]{36}", orderId));
    assertThat(list.status()).isEqualTo(200);
    list.body().forEach(o -> assertThat(o.path("orderId").asText()).isNotEqualTo(orderId));

    Response lead = call("dispatch", "GET", "/orders/" + orderId, Role.UNIT_HANDLER, null);
    assertThat(lead.status()).isEqualTo(200);
    assertThat(lead.body().at("/unit/id").asText()).isEqualTo(LEAD_UNIT);
  }

  // --- fixture and plumbing ----------------------------------------------------------------------

  private static void allow(String service, String method, String path, Set<Role> roles) {
    MATRIX.put(new Endpoint(service, method, path), roles);
  }

  private static Set<Role> with(Set<Role> roles, Role more) {
    Set<Role> all = EnumSet.copyOf(roles);
    all.add(more);
    return all;
  }

  private static String concrete(Endpoint endpoint) {
    String path =
        endpoint
            .path()
            .replace("{orderId}", orderId)
            .replace("{articleId}", articleId)
            // admin endpoints: unknown names answer 404 past authorization, and change nothing
            .replace("{replayId}", "no-such-replay")
            .replace("{processorName}", "no-such-processor")
            .replace("{aggregateType}", "no-such-aggregate")
            .replace("{aggregateId}", orderId);
    if (endpoint.path().equals("/admin/replays/timeline")) {
      path += "?keep=false"; // a real replay; its collection is dropped once counted
    }
    if (endpoint.service().equals("supervision") && endpoint.path().equals("/orders")) {
      path += "?number=" + orderNumber;
    }
    return path;
  }

  /** A valid body for each command, so only authorization or the order's state can refuse it. */
  static JsonNode bodyOf(String service, String path) {
    Object body =
        switch (service + " " + path) {
          case "intake /orders" -> Loop.complaint(Loop.nextPhone());
          case "dispatch /orders/{orderId}/dispatch" ->
              Map.of("unitId", LEAD_UNIT, "workingDays", 5, "reason", "权限矩阵测试");
          case "dispatch /orders/{orderId}/result" -> Map.of("outcome", "RESOLVED", "reply", "已处理");
          case "supervision /orders/{orderId}/review" -> Map.of("verdict", "APPROVED");
          case "supervision /orders/{orderId}/callback" ->
              Map.of(
                  "reached",
                  true,
                  "callAttempts",
                  1,
                  "satisfaction",
                  "SATISFIED",
                  "resolved",
                  true,
                  "via",
                  "PHONE");
          case "knowledge /articles" ->
              Map.of("kind", "SERVICE_GUIDE", "title", "供暖报修指南", "body", "拨打12345转供热公司。");
          case "knowledge /articles/{articleId}/retire" -> Map.of("reason", "已过期");
          default -> path.equals("/admin/history/seed") ? Map.of("from", 0, "orders", 0) : null;
        };
    return body == null ? null : JSON.valueToTree(body);
  }

  record Response(int status, JsonNode body) {}

  private static Response call(
      String service, String method, String path, Role role, JsonNode body) {
    return call(service, method, path, role, body, LEAD_UNIT);
  }

  private static Response call(
      String service, String method, String path, Role role, JsonNode body, String unit) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(stack.url(service) + path))
            .timeout(Duration.ofSeconds(30))
            .header("Accept", "application/json");
    if (role != null) {
      request.header("X-Actor-Role", role.name()).header("X-Actor-Id", "matrix-" + role);
      if (role == Role.UNIT_HANDLER) {
        request.header("X-Actor-Unit", unit);
      }
    }
    if (body != null) {
      request.header("Content-Type", "application/json");
    }
    request.method(
        method,
        body == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body.toString()));
    try {
      HttpResponse<String> response =
          HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
      String text = response.body();
      return new Response(
          response.statusCode(),
          text == null || text.isBlank() ? JSON.createObjectNode() : JSON.readTree(text));
    } catch (IOException e) {
      throw new IllegalStateException(method + " " + path, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static JsonNode get(String service, String path) {
    return await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> call(service, "GET", path, null, null), r -> r.status() == 200)
        .body();
  }
}
