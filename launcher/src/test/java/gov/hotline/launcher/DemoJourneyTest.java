package gov.hotline.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo against a stand-in for the three services that behaves like the real ones seen from
 * outside: reads answer 404 until the order has "arrived", a command sent too early gets 409, and
 * one order is refused by the unit's result endpoint.
 */
class DemoJourneyTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String FAILING_PHONE = "13800000003";

  @TempDir Path tmp;

  private HttpServer server;
  private final Map<String, FakeOrder> orders = new ConcurrentHashMap<>();
  private final AtomicInteger sequence = new AtomicInteger();
  private final AtomicLong published = new AtomicLong(1_000);

  static final class FakeOrder {
    final String id = UUID.randomUUID().toString();
    final String number;
    final String phone;
    final ArrayNode events = JSON.createArrayNode();
    volatile String state = "RECEIVED";
    final AtomicInteger dispatchReads = new AtomicInteger();
    final AtomicInteger dispatchAttempts = new AtomicInteger();

    FakeOrder(String number, String phone) {
      this.number = number;
      this.phone = phone;
    }
  }

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.setExecutor(Executors.newFixedThreadPool(4));
    server.createContext("/", this::handle);
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  @Test
  void orders_walk_the_whole_loop_and_the_one_refused_is_reported() throws Exception {
    String base = "http://127.0.0.1:" + server.getAddress().getPort();
    StackConfig config =
        StackConfig.fromEnvironment(
            Map.of(
                "HOTLINE_DATA", tmp.toString(),
                "HOTLINE_INTAKE_URL", base,
                "HOTLINE_DISPATCH_URL", base,
                "HOTLINE_SUPERVISION_URL", base),
            tmp);
    ByteArrayOutputStream console = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(console, true, StandardCharsets.UTF_8);
    HotlineClient client =
        new HotlineClient(HotlineClient.Endpoints.of(config), JSON, Duration.ofSeconds(5));

    int exit = new Demo(config, out, client, () -> OptionalLong.of(published.get())).run(12);

    String output = console.toString(StandardCharsets.UTF_8);
    assertThat(exit).isEqualTo(1);
    assertThat(output).contains("dispatching to unit 340602-001-001");
    assertThat(output).contains("Orders closed: 11/12");
    assertThat(output)
        .containsPattern("#3 +\\d{14} step 'handle': POST /orders/.*/result → HTTP 422");
    assertThat(output)
        .contains(
            // 11 closed orders × 5 events, and Received + Dispatched of the refused one
            "Events on hotline.workorder.lifecycle: 1057 in total (57 added during the run); 55 of"
                + " them belong to this run (5 per closed order)");
    assertThat(output).containsPattern("Timeline of order 20261125\\d{6} \\(");
    assertThat(output).containsPattern("1 \\| RECEIVED +\\| .*OPERATOR op-1");
    assertThat(output).containsPattern("5 \\| REVISITED +\\| .*SUPERVISOR sup-1");
    assertThat(output).containsPattern("Time taken: \\d+\\.\\d s, \\d+\\.\\d\\d orders/s closed");
    assertThat(output).contains("Step latencies:", "dispatch sees it", "timeline");
    assertThat(orders.values())
        .filteredOn(o -> !o.phone.equals(FAILING_PHONE))
        .allSatisfy(
            o -> {
              assertThat(o.state).isEqualTo("CLOSED");
              assertThat(o.dispatchAttempts.get()).isEqualTo(2); // the 409 was retried once
            });
  }

  // --- the stand-in ------------------------------------------------------------------------

  private void handle(HttpExchange exchange) throws IOException {
    try {
      String method = exchange.getRequestMethod();
      String[] path = exchange.getRequestURI().getPath().substring(1).split("/");
      String role = exchange.getRequestHeaders().getFirst("X-Actor-Role");
      byte[] raw = exchange.getRequestBody().readAllBytes();
      JsonNode body = raw.length == 0 ? JSON.createObjectNode() : JSON.readTree(raw);

      if (path[0].equals("actuator")) {
        reply(exchange, 200, JSON.createObjectNode().put("status", "UP"));
      } else if (path[0].equals("units")) {
        reply(
            exchange,
            200,
            JSON.readTree(
                "[{\"id\":\"340602\",\"name\":\"相山区\",\"level\":\"DISTRICT\"},"
                    + "{\"id\":\"340602-001-001\",\"name\":\"人民路社区\",\"level\":\"COMMUNITY\"}]"));
      } else if (path.length == 1 && method.equals("POST")) {
        FakeOrder order =
            new FakeOrder(
                String.format("20261125%06d", sequence.incrementAndGet()),
                body.path("caller").path("phone").asText());
        orders.put(order.id, order);
        event(order, "RECEIVED", exchange, "/hotline/intake");
        reply(exchange, 201, view(order));
      } else {
        FakeOrder order = orders.get(path[1]);
        if (order == null) {
          problem(exchange, 404, "Not Found", "no such order");
          return;
        }
        String action = path.length > 2 ? path[2] : "";
        switch (method + " " + action) {
          case "GET " -> {
            if ("DISPATCHER".equals(role) && order.dispatchReads.incrementAndGet() < 3) {
              problem(exchange, 404, "Not Found", "not consumed yet");
            } else {
              reply(exchange, 200, view(order));
            }
          }
          case "POST dispatch" -> {
            if (order.dispatchAttempts.incrementAndGet() == 1) {
              problem(exchange, 409, "Wrong state", "not yet");
            } else {
              transition(exchange, order, "DISPATCHED", "/hotline/dispatch");
            }
          }
          case "POST result" -> {
            if (order.phone.equals(FAILING_PHONE)) {
              problem(exchange, 422, "Result refused", "reply too short");
            } else {
              transition(exchange, order, "HANDLED", "/hotline/dispatch");
            }
          }
          case "POST review" ->
              transition(exchange, order, "AWAITING_CALLBACK", "/hotline/supervision");
          case "POST callback" -> transition(exchange, order, "CLOSED", "/hotline/supervision");
          case "GET timeline" -> {
            ObjectNode timeline = JSON.createObjectNode();
            timeline.put("orderId", order.id).put("orderNumber", order.number);
            timeline.set("events", order.events);
            reply(exchange, 200, timeline);
          }
          default -> problem(exchange, 400, "Bad Request", method + " " + action);
        }
      }
    } catch (RuntimeException e) {
      problem(exchange, 500, "Internal", e.toString());
    }
  }

  private void transition(HttpExchange exchange, FakeOrder order, String state, String service)
      throws IOException {
    order.state = state;
    String step =
        switch (state) {
          case "AWAITING_CALLBACK" -> "AUDITED";
          case "CLOSED" -> "REVISITED";
          default -> state;
        };
    event(order, step, exchange, service);
    reply(exchange, 200, view(order));
  }

  private void event(FakeOrder order, String step, HttpExchange exchange, String service) {
    ObjectNode event = order.events.addObject();
    event.put("eventId", UUID.randomUUID().toString());
    event.put("type", "gov.hotline.workorder." + step.toLowerCase() + ".v1");
    event.put("step", step);
    event.put("occurredAt", Instant.now().toString());
    event
        .putObject("actor")
        .put("role", exchange.getRequestHeaders().getFirst("X-Actor-Role"))
        .put("userId", exchange.getRequestHeaders().getFirst("X-Actor-Id"));
    event.put("service", service);
    event.putObject("data").put("note", step.toLowerCase());
    published.incrementAndGet();
  }

  private static ObjectNode view(FakeOrder order) {
    return JSON.createObjectNode()
        .put("orderId", order.id)
        .put("orderNumber", order.number)
        .put("state", order.state);
  }

  private static void problem(HttpExchange exchange, int status, String title, String detail)
      throws IOException {
    ObjectNode problem =
        JSON.createObjectNode().put("title", title).put("status", status).put("detail", detail);
    send(exchange, status, "application/problem+json", JSON.writeValueAsBytes(problem));
  }

  private static void reply(HttpExchange exchange, int status, JsonNode body) throws IOException {
    send(exchange, status, "application/json", JSON.writeValueAsBytes(body));
  }

  private static void send(HttpExchange exchange, int status, String type, byte[] bytes)
      throws IOException {
    exchange.getResponseHeaders().add("Content-Type", type);
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
    exchange.close();
  }
}
