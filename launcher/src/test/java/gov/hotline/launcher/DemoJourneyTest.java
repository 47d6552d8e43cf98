package gov.hotline.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo against a stand-in for the three services that behaves like the real ones seen from
 * outside — reads answer 404 until the order has "arrived", a command sent too early gets 409 — and
 * like them while something crashes: an answer is lost after the step was taken, intake answers 503
 * once, the relay sends an event twice. One order is refused by the unit's result endpoint.
 */
class DemoJourneyTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String REFUSED_PHONE = "13800000003";

  /** Intake answers 503 to this caller's first request, as while it restarts. */
  private static final String UNAVAILABLE_PHONE = "13800000002";

  /** Intake opens this caller's order, but the answer is lost. */
  private static final String LOST_OPEN_PHONE = "13800000005";

  /** Dispatch takes this order's dispatch, the answer is lost; the retry gets 409 naming it. */
  private static final String LOST_DISPATCH_PHONE = "13800000007";

  /** Supervision records this callback, the answer is lost; its 409 does not name the state. */
  private static final String LOST_CALLBACK_PHONE = "13800000008";

  @TempDir Path tmp;

  private StandIn services;
  private volatile boolean honourIdempotencyKeys = true;
  private final Map<String, FakeOrder> orders = new ConcurrentHashMap<>();
  private final Map<String, FakeOrder> byIdempotencyKey = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> requestsByPhone = new ConcurrentHashMap<>();
  private final AtomicInteger sequence = new AtomicInteger();
  private final List<LifecycleTopic.TopicRecord> topic = new CopyOnWriteArrayList<>();

  static final class FakeOrder {
    final String id = UUID.randomUUID().toString();
    final String number;
    final String phone;
    final ArrayNode events = JSON.createArrayNode();
    volatile String state = "RECEIVED";
    final AtomicInteger dispatchReads = new AtomicInteger();
    final AtomicInteger dispatchAttempts = new AtomicInteger();
    final AtomicInteger callbackAttempts = new AtomicInteger();

    FakeOrder(String number, String phone) {
      this.number = number;
      this.phone = phone;
    }
  }

  @BeforeEach
  void start() throws IOException {
    services = StandIn.serving(this::handle);
  }

  @AfterEach
  void stop() {
    services.close();
  }

  private Demo demo(PrintStream out, LifecycleTopic lifecycle) {
    String base = services.base().toString();
    StackConfig config =
        StackConfig.fromEnvironment(
            Map.of(
                "HOTLINE_DATA", tmp.toString(),
                "HOTLINE_INTAKE_URL", base,
                "HOTLINE_DISPATCH_URL", base,
                "HOTLINE_SUPERVISION_URL", base),
            tmp);
    return new Demo(
        config,
        out,
        lifecycle,
        new Demo.Patience(Duration.ofSeconds(20), Duration.ofSeconds(5), Duration.ofSeconds(1)));
  }

  /** The stand-in's topic: every record after the mark. */
  private LifecycleTopic fakeTopic() {
    return new LifecycleTopic() {
      @Override
      public Optional<Map<Integer, Long>> mark() {
        return Optional.of(Map.of(0, (long) topic.size()));
      }

      @Override
      public Optional<List<TopicRecord>> since(Map<Integer, Long> mark) {
        return Optional.of(List.copyOf(topic.subList(mark.get(0).intValue(), topic.size())));
      }
    };
  }

  @Test
  void orders_walk_the_whole_loop_through_lost_answers_and_the_one_refused_is_reported()
      throws Exception {
    ByteArrayOutputStream console = new ByteArrayOutputStream();
    topic.add(new LifecycleTopic.TopicRecord(0, 0, "older", "e-0", "x.received.v1", new byte[0]));

    int exit = demo(new PrintStream(console, true, StandardCharsets.UTF_8), fakeTopic()).run(12);

    String output = console.toString(StandardCharsets.UTF_8);
    System.out.println(output); // the report, in target/surefire-reports
    assertThat(exit).isEqualTo(1);
    assertThat(output).contains("dispatching to unit 340602-001-001");
    assertThat(output).contains("Orders closed: 11/12");
    assertThat(output)
        .containsPattern("#3 +\\d{14} step 'handle': POST /orders/.*/result → HTTP 422");
    assertThat(output)
        .contains("Retries: 3 requests got no answer and 1 got a 5xx; each was sent again")
        .contains("Done already: 2 steps answered 409 had been taken by an earlier try");
    assertThat(output)
        .contains(
            // 11 closed orders × 5 events, and Received + Dispatched of the refused one
            "Events on hotline.workorder.lifecycle for this run's orders: 57 distinct (55 expected:"
                + " 5 per closed order); 1 more record(s) repeat an event id");
    assertThat(output).contains("Duplicate orders: none (12 demands opened, 12 orders received");
    assertThat(output).containsPattern("Timeline of order 20261125\\d{6} \\(");
    assertThat(output).containsPattern("1 \\| RECEIVED +\\| .*OPERATOR op-1");
    assertThat(output).containsPattern("5 \\| REVISITED +\\| .*SUPERVISOR sup-1");
    assertThat(output).containsPattern("Time taken: \\d+\\.\\d s, \\d+\\.\\d\\d orders/s closed");
    assertThat(output).contains("Step latencies:", "dispatch sees it", "timeline");
    assertThat(orders).hasSize(12);
    assertThat(orders.values())
        .filteredOn(o -> !o.phone.equals(REFUSED_PHONE))
        .allSatisfy(o -> assertThat(o.state).isEqualTo("CLOSED"));
    assertThat(orders.values())
        .filteredOn(o -> !o.phone.equals(LOST_DISPATCH_PHONE))
        .allSatisfy(o -> assertThat(o.dispatchAttempts).hasValue(2)); // a 409 "not yet" first
    assertThat(order(LOST_DISPATCH_PHONE).dispatchAttempts).hasValue(3);
    assertThat(order(LOST_CALLBACK_PHONE).callbackAttempts).hasValue(2);
  }

  @Test
  void a_demand_opened_twice_is_reported_and_fails_the_demo() throws Exception {
    honourIdempotencyKeys = false; // as intake did before it kept the keys
    ByteArrayOutputStream console = new ByteArrayOutputStream();

    int exit = demo(new PrintStream(console, true, StandardCharsets.UTF_8), fakeTopic()).run(5);

    String output = console.toString(StandardCharsets.UTF_8);
    assertThat(output).contains("Orders closed: 4/5"); // #3 is refused by the unit's endpoint
    assertThat(output).contains("Duplicate orders: 1 demand became more than one order:");
    assertThat(output).containsPattern("#5 +[0-9a-f-]{36}, [0-9a-f-]{36}");
    assertThat(exit).isEqualTo(1);
  }

  @Test
  void without_kafka_the_demo_cannot_vouch_for_its_orders() throws Exception {
    ByteArrayOutputStream console = new ByteArrayOutputStream();
    LifecycleTopic away =
        new LifecycleTopic() {
          @Override
          public Optional<Map<Integer, Long>> mark() {
            return Optional.empty();
          }

          @Override
          public Optional<List<TopicRecord>> since(Map<Integer, Long> mark) {
            return Optional.empty();
          }
        };

    int exit = demo(new PrintStream(console, true, StandardCharsets.UTF_8), away).run(1);

    String output = console.toString(StandardCharsets.UTF_8);
    assertThat(output).contains("Orders closed: 1/1", "duplicate orders not checked");
    assertThat(exit).isEqualTo(1);
  }

  private FakeOrder order(String phone) {
    return orders.values().stream().filter(o -> o.phone.equals(phone)).findFirst().orElseThrow();
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
        open(exchange, body);
      } else {
        FakeOrder order = orders.get(path[1]);
        if (order == null) {
          problem(exchange, 404, "Not Found", "no such order", null);
          return;
        }
        String action = path.length > 2 ? path[2] : "";
        switch (method + " " + action) {
          case "GET " -> {
            if ("DISPATCHER".equals(role) && order.dispatchReads.incrementAndGet() < 3) {
              problem(exchange, 404, "Not Found", "not consumed yet", null);
            } else {
              reply(exchange, 200, view(order));
            }
          }
          case "POST dispatch" -> {
            int attempt = order.dispatchAttempts.incrementAndGet();
            if (attempt == 1) {
              problem(exchange, 409, "Wrong state", "not yet", null);
            } else if (!order.state.equals("RECEIVED")) {
              problem(exchange, 409, "Wrong state", "already dispatched", order.state);
            } else if (order.phone.equals(LOST_DISPATCH_PHONE)) {
              transitionAndLoseTheAnswer(exchange, order, "DISPATCHED", "/hotline/dispatch");
            } else {
              transition(exchange, order, "DISPATCHED", "/hotline/dispatch");
            }
          }
          case "POST result" -> {
            if (order.phone.equals(REFUSED_PHONE)) {
              problem(exchange, 422, "Result refused", "reply too short", null);
            } else {
              transition(exchange, order, "HANDLED", "/hotline/dispatch");
            }
          }
          case "POST review" ->
              transition(exchange, order, "AWAITING_CALLBACK", "/hotline/supervision");
          case "POST callback" -> {
            order.callbackAttempts.incrementAndGet();
            if (!order.state.equals("AWAITING_CALLBACK")) {
              problem(exchange, 409, "Wrong state", "not awaiting a callback", null);
            } else if (order.phone.equals(LOST_CALLBACK_PHONE)) {
              transitionAndLoseTheAnswer(exchange, order, "CLOSED", "/hotline/supervision");
            } else {
              transition(exchange, order, "CLOSED", "/hotline/supervision");
            }
          }
          case "GET timeline" -> {
            ObjectNode timeline = JSON.createObjectNode();
            timeline.put("orderId", order.id).put("orderNumber", order.number);
            timeline.set("events", order.events);
            reply(exchange, 200, timeline);
          }
          default -> problem(exchange, 400, "Bad Request", method + " " + action, null);
        }
      }
    } catch (RuntimeException e) {
      problem(exchange, 500, "Internal", e.toString(), null);
    }
  }

  /** Intake: one order per Idempotency-Key (when it honours them), as the real one promises. */
  private void open(HttpExchange exchange, JsonNode body) throws IOException {
    String phone = body.path("caller").path("phone").asText();
    int request =
        requestsByPhone.computeIfAbsent(phone, p -> new AtomicInteger()).incrementAndGet();
    if (phone.equals(UNAVAILABLE_PHONE) && request == 1) {
      send(exchange, 503, "text/plain", "starting".getBytes(StandardCharsets.UTF_8));
      return;
    }
    String key = exchange.getRequestHeaders().getFirst("Idempotency-Key");
    FakeOrder order = honourIdempotencyKeys && key != null ? byIdempotencyKey.get(key) : null;
    if (order == null) {
      order = new FakeOrder(String.format("20261125%06d", sequence.incrementAndGet()), phone);
      orders.put(order.id, order);
      if (key != null) {
        byIdempotencyKey.put(key, order);
      }
      event(order, "RECEIVED", exchange, "/hotline/intake", body.path("description").asText());
      if (phone.equals(LOST_OPEN_PHONE) && request == 1) {
        exchange.close(); // the order exists, but its answer never arrives
        return;
      }
    }
    reply(exchange, 201, view(order));
  }

  private void transition(HttpExchange exchange, FakeOrder order, String state, String service)
      throws IOException {
    move(exchange, order, state, service);
    reply(exchange, 200, view(order));
  }

  private void transitionAndLoseTheAnswer(
      HttpExchange exchange, FakeOrder order, String state, String service) {
    move(exchange, order, state, service);
    exchange.close();
  }

  private void move(HttpExchange exchange, FakeOrder order, String state, String service) {
    order.state = state;
    String step =
        switch (state) {
          case "AWAITING_CALLBACK" -> "AUDITED";
          case "CLOSED" -> "REVISITED";
          default -> state;
        };
    event(order, step, exchange, service, null);
  }

  private void event(
      FakeOrder order, String step, HttpExchange exchange, String service, String description) {
    String eventId = UUID.randomUUID().toString();
    String type = "gov.hotline.workorder." + step.toLowerCase() + ".v1";
    ObjectNode event = order.events.addObject();
    event.put("eventId", eventId);
    event.put("type", type);
    event.put("step", step);
    event.put("occurredAt", Instant.now().toString());
    event
        .putObject("actor")
        .put("role", exchange.getRequestHeaders().getFirst("X-Actor-Role"))
        .put("userId", exchange.getRequestHeaders().getFirst("X-Actor-Id"));
    event.put("service", service);
    ObjectNode data = event.putObject("data").put("orderId", order.id);
    if (description != null) {
      data.put("description", description);
    }
    byte[] payload = data.toString().getBytes(StandardCharsets.UTF_8);
    topic.add(new LifecycleTopic.TopicRecord(0, topic.size(), order.id, eventId, type, payload));
    if (order.phone.equals(LOST_OPEN_PHONE) && step.equals("HANDLED")) {
      // a relay that restarted before saving its position sends the event again
      topic.add(new LifecycleTopic.TopicRecord(0, topic.size(), order.id, eventId, type, payload));
    }
  }

  private static ObjectNode view(FakeOrder order) {
    return JSON.createObjectNode()
        .put("orderId", order.id)
        .put("orderNumber", order.number)
        .put("state", order.state);
  }

  private static void problem(
      HttpExchange exchange, int status, String title, String detail, String state)
      throws IOException {
    ObjectNode problem =
        JSON.createObjectNode().put("title", title).put("status", status).put("detail", detail);
    if (state != null) {
      problem.put("state", state);
    }
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
