package gov.hotline.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import gov.hotline.launcher.HotlineClient.Actor;
import gov.hotline.launcher.HotlineClient.ApiException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Against a JDK HTTP server standing in for the services: what goes over the wire, and back. */
class HotlineClientTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  record Seen(String method, String path, String role, String id, String unit, String body) {}

  private final List<Seen> seen = new CopyOnWriteArrayList<>();
  private HttpServer server;
  private HotlineClient client;

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/",
        exchange -> {
          String body =
              new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
          var headers = exchange.getRequestHeaders();
          seen.add(
              new Seen(
                  exchange.getRequestMethod(),
                  exchange.getRequestURI().getPath(),
                  headers.getFirst("X-Actor-Role"),
                  headers.getFirst("X-Actor-Id"),
                  headers.getFirst("X-Actor-Unit"),
                  body));
          String path = exchange.getRequestURI().getPath();
          if (path.equals("/orders")) {
            reply(
                exchange, 201, "application/json", "{\"orderId\":\"o-1\",\"state\":\"RECEIVED\"}");
          } else if (path.equals("/orders/o-1/dispatch")) {
            reply(
                exchange,
                409,
                "application/problem+json",
                "{\"type\":\"https://hotline.gov/problems/wrong-state\",\"title\":\"Wrong state\","
                    + "\"status\":409,\"detail\":\"order o-1 is not RECEIVED yet\"}");
          } else {
            reply(
                exchange,
                404,
                "application/problem+json",
                "{\"title\":\"Not Found\",\"status\":404}");
          }
        });
    server.start();
    URI base = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    client =
        new HotlineClient(
            new HotlineClient.Endpoints(base, base, base, base), JSON, Duration.ofSeconds(5));
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private static void reply(HttpExchange exchange, int status, String type, String body)
      throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", type);
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
    exchange.close();
  }

  @Test
  void a_call_carries_the_actor_headers_and_a_json_body() throws Exception {
    JsonNode answer = client.receiveOrder(Actor.of("OPERATOR", "op-7"), Demo.complaint(JSON, 7));

    assertThat(answer.path("orderId").asText()).isEqualTo("o-1");
    Seen request = seen.get(0);
    assertThat(request.method()).isEqualTo("POST");
    assertThat(request.role()).isEqualTo("OPERATOR");
    assertThat(request.id()).isEqualTo("op-7");
    assertThat(request.unit()).isNull();
    assertThat(JSON.readTree(request.body()).path("caller").path("phone").asText())
        .isEqualTo("13800000007");
  }

  @Test
  void a_unit_handler_names_its_unit() {
    assertThatThrownBy(
            () ->
                client.reportResult(
                    new Actor("UNIT_HANDLER", "h-1", "340602-001-001"),
                    "o-1",
                    "RESOLVED",
                    "r",
                    "m"))
        .isInstanceOf(ApiException.class);

    assertThat(seen.get(0).unit()).isEqualTo("340602-001-001");
    assertThat(seen.get(0).path()).isEqualTo("/orders/o-1/result");
  }

  @Test
  void a_problem_document_becomes_an_exception_that_says_what_went_wrong() {
    assertThatThrownBy(() -> client.dispatch(Actor.of("DISPATCHER", "disp-1"), "o-1", "u-1", 10))
        .isInstanceOfSatisfying(
            ApiException.class,
            e -> {
              assertThat(e.isConflict()).isTrue();
              assertThat(e.problem().path("detail").asText())
                  .isEqualTo("order o-1 is not RECEIVED yet");
              assertThat(e.getMessage())
                  .isEqualTo(
                      "POST /orders/o-1/dispatch → HTTP 409 Wrong state: order o-1 is not RECEIVED"
                          + " yet [https://hotline.gov/problems/wrong-state]");
            });
    assertThat(seen.get(0).body()).isEqualTo("{\"unitId\":\"u-1\",\"workingDays\":10}");
  }

  @Test
  void a_read_of_an_order_not_seen_yet_is_empty_rather_than_an_error() {
    assertThat(client.dispatchOrder(Actor.of("DISPATCHER", "disp-1"), "unknown")).isEmpty();
    assertThat(client.timeline(Actor.of("AUDITOR", "aud-1"), "unknown")).isEmpty();
  }

  @Test
  void no_answer_is_status_zero() {
    server.stop(0);
    assertThatThrownBy(() -> client.units(Actor.of("DISPATCHER", "disp-1")))
        .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isZero());
  }
}
