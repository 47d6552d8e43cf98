package gov.hotline.api.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import gov.hotline.api.StepDone;
import gov.hotline.api.client.HotlineClient.Actor;
import gov.hotline.api.client.HotlineClient.Endpoints;
import gov.hotline.api.dispatch.DispatchRequest;
import gov.hotline.api.dispatch.ResultRequest;
import gov.hotline.api.intake.OpenOrderRequest;
import gov.hotline.api.intake.OrderOpened;
import gov.hotline.contract.workorder.Channel;
import gov.hotline.contract.workorder.DemandType;
import gov.hotline.contract.workorder.HandlingOutcome;
import gov.hotline.contract.workorder.OrderState;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Against a JDK HTTP server standing in for the services: what goes over the wire, and back. */
class HotlineClientTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final UUID ORDER = UUID.fromString("0b6c2f4e-8a51-4c57-9a4b-2d1c1f0e9a11");
  private static final String OPENED =
      "{\"orderId\":\""
          + ORDER
          + "\",\"orderNumber\":\"20261124000001\",\"state\":\"RECEIVED\","
          + "\"receivedAt\":\"2026-11-24T02:00:00Z\"}";
  private static final RetryPolicy QUICK =
      new RetryPolicy(Duration.ofSeconds(20), Duration.ofMillis(10), Duration.ofMillis(50));

  /** One request as the stand-in received it. */
  record Seen(String method, String path, String query, Map<String, String> headers, String body) {
    String header(String name) {
      return headers.get(name.toLowerCase());
    }
  }

  /** An answer the stand-in gives. */
  record Answer(int status, String body) {}

  /** No answer: the stand-in keeps the request waiting. */
  private static final Answer NEVER = new Answer(0, null);

  private final List<Seen> seen = new CopyOnWriteArrayList<>();
  private final Map<String, Deque<Answer>> script = new ConcurrentHashMap<>();
  private final CountDownLatch release = new CountDownLatch(1);
  private HttpServer server;

  @AfterEach
  void stop() {
    release.countDown();
    if (server != null) {
      server.stop(0);
    }
  }

  /** The stand-in answers {@code path} with these, in turn; the last one for ever after. */
  private void answer(String path, Answer... answers) {
    script.put(path, new ConcurrentLinkedDeque<>(List.of(answers)));
  }

  private URI start(int port) {
    try {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.setExecutor(Executors.newFixedThreadPool(4));
    server.createContext("/", this::handle);
    server.start();
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  private HotlineClient client(URI base, Actor actor) {
    return HotlineClient.builder(Endpoints.all(base)).actor(actor).retry(QUICK).build();
  }

  private void handle(HttpExchange exchange) throws IOException {
    Map<String, String> headers = new ConcurrentHashMap<>();
    exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(), v.get(0)));
    String path = exchange.getRequestURI().getPath();
    seen.add(
        new Seen(
            exchange.getRequestMethod(),
            path,
            exchange.getRequestURI().getRawQuery(),
            headers,
            new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
    Deque<Answer> answers = script.get(path);
    Answer answer =
        answers == null ? new Answer(404, problem(404, "not-found", "")) : next(answers);
    if (answer == NEVER) {
      try {
        release.await(30, TimeUnit.SECONDS); // an answer that never comes
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      exchange.close();
      return;
    }
    byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
    exchange
        .getResponseHeaders()
        .add(
            "Content-Type",
            answer.status() < 300 ? "application/json" : "application/problem+json");
    exchange.sendResponseHeaders(answer.status(), bytes.length == 0 ? -1 : bytes.length);
    exchange.getResponseBody().write(bytes);
    exchange.close();
  }

  private static Answer next(Deque<Answer> answers) {
    return answers.size() > 1 ? answers.pollFirst() : answers.peekFirst();
  }

  private static String problem(int status, String code, String extra) {
    return "{\"type\":\"urn:hotline:problem:"
        + code
        + "\",\"title\":\"Problem "
        + code
        + "\",\"status\":"
        + status
        + ",\"detail\":\"what went wrong\""
        + extra
        + "}";
  }

  private static OpenOrderRequest order(String phone) {
    return new OpenOrderRequest(
        Channel.PHONE,
        DemandType.HELP,
        new OpenOrderRequest.CategoryRequest("WATER.OUTAGE", List.of("供水")),
        null,
        "停水",
        "小区停水",
        new OpenOrderRequest.LocationRequest("人民路1号", "340602", null, null),
        new OpenOrderRequest.CallerRequest(phone, null, false, false),
        null);
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  @Test
  void a_call_carries_the_actor_headers_an_idempotency_key_and_the_request_as_json()
      throws Exception {
    answer("/orders", new Answer(201, OPENED));
    HotlineClient client = client(start(0), Actor.operator("op-7"));

    OrderOpened opened = client.openOrder(order("13800000007"));

    assertThat(opened.orderId()).isEqualTo(ORDER);
    assertThat(opened.state()).isEqualTo(OrderState.RECEIVED);
    Seen request = seen.get(0);
    assertThat(request.method()).isEqualTo("POST");
    assertThat(request.header("X-Actor-Role")).isEqualTo("OPERATOR");
    assertThat(request.header("X-Actor-Id")).isEqualTo("op-7");
    assertThat(request.header("X-Actor-Unit")).isNull();
    assertThat(request.header("Content-Type")).isEqualTo("application/json");
    assertThat(UUID.fromString(request.header(HotlineClient.IDEMPOTENCY_KEY))).isNotNull();
    JsonNode body = JSON.readTree(request.body());
    assertThat(body.at("/caller/phone").asText()).isEqualTo("13800000007");
    assertThat(body.has("urgency")).as("absent optionals are left out").isFalse();
  }

  @Test
  void a_unit_handler_names_its_unit_and_the_answer_is_typed() {
    answer(
        "/orders/" + ORDER + "/result",
        new Answer(200, "{\"orderId\":\"" + ORDER + "\",\"state\":\"HANDLED\"}"));
    HotlineClient client = client(start(0), Actor.unitHandler("h-1", "340602-001-001"));

    StepDone done =
        client.reportResult(ORDER, new ResultRequest(HandlingOutcome.RESOLVED, "r", "m", null));

    assertThat(done).isEqualTo(new StepDone(ORDER, OrderState.HANDLED));
    assertThat(seen.get(0).header("X-Actor-Unit")).isEqualTo("340602-001-001");
    assertThat(seen.get(0).path()).isEqualTo("/orders/" + ORDER + "/result");
  }

  @Test
  void a_problem_becomes_an_exception_with_its_type_title_detail_errors_and_other_members() {
    answer(
        "/orders/" + ORDER + "/dispatch",
        new Answer(409, problem(409, "order-not-dispatchable", ",\"state\":\"DISPATCHED\"")));
    answer(
        "/orders",
        new Answer(
            400,
            problem(
                400,
                "invalid-field",
                ",\"errors\":[{\"field\":\"title\",\"reason\":\"must not be blank\"}]")));
    HotlineClient client = client(start(0), Actor.dispatcher("disp-1"));

    assertThatThrownBy(
            () -> client.dispatch(ORDER, new DispatchRequest("u-1", null, 10, null, null)))
        .isInstanceOfSatisfying(
            ApiException.class,
            e -> {
              assertThat(e.isConflict()).isTrue();
              assertThat(e.type()).isEqualTo("urn:hotline:problem:order-not-dispatchable");
              assertThat(e.problem().code()).contains("order-not-dispatchable");
              assertThat(e.title()).isEqualTo("Problem order-not-dispatchable");
              assertThat(e.detail()).isEqualTo("what went wrong");
              assertThat(e.properties()).containsEntry("state", "DISPATCHED");
              assertThat(e.orderState()).contains(OrderState.DISPATCHED);
              assertThat(e.attempts()).as("a 409 is not retried").isEqualTo(1);
              assertThat(e.getMessage())
                  .isEqualTo(
                      "POST /orders/"
                          + ORDER
                          + "/dispatch → HTTP 409 Problem order-not-dispatchable: what went wrong"
                          + " [urn:hotline:problem:order-not-dispatchable]");
            });
    assertThat(seen.get(0).body()).isEqualTo("{\"unitId\":\"u-1\",\"workingDays\":10}");

    assertThatThrownBy(() -> client.openOrder(order("138")))
        .isInstanceOfSatisfying(
            ApiException.class,
            e -> {
              assertThat(e.status()).isEqualTo(400);
              assertThat(e.errors())
                  .containsExactly(new Problem.FieldError("title", "must not be blank"));
              assertThat(e.orderState()).isEmpty();
            });
    assertThat(seen).hasSize(2);
  }

  @Test
  void a_read_of_something_not_there_yet_is_empty_rather_than_an_error() {
    answer("/orders/" + ORDER + "/timeline", new Answer(403, problem(403, "forbidden", "")));
    HotlineClient client = client(start(0), Actor.auditor("aud-1"));

    assertThat(client.findDispatchOrder(ORDER)).isEmpty();
    assertThat(client.findSupervisionOrder(ORDER)).isEmpty();
    assertThat(client.findArticle(ORDER)).isEmpty();
    assertThatThrownBy(() -> client.findTimeline(ORDER))
        .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(403));
  }

  @Test
  void queries_carry_only_the_parameters_given() {
    answer("/orders", new Answer(200, "[]"));
    answer("/articles", new Answer(200, "{\"articles\":[]}"));
    HotlineClient client = client(start(0), Actor.dispatcher("disp-1"));

    assertThat(client.dispatchOrders(OrderState.RECEIVED, null, 5)).isEmpty();
    assertThat(client.dispatchOrders(null, "340602-001 x", null)).isEmpty();
    assertThat(client.findSupervisionOrderByNumber("20261124000001")).isEmpty();
    assertThat(client.articles(null, null).articles()).isEmpty();

    assertThat(seen)
        .extracting(Seen::query)
        .containsExactly(
            "state=RECEIVED&limit=5", "unitId=340602-001+x", "number=20261124000001", null);
  }

  @Test
  void a_refused_connection_is_retried_until_the_service_is_up() throws Exception {
    int port = freePort();
    answer("/units", new Answer(200, "[{\"id\":\"u-1\",\"name\":\"街道\",\"level\":\"STREET\"}]"));
    List<ApiException> retried = new CopyOnWriteArrayList<>();
    HotlineClient client =
        HotlineClient.builder(Endpoints.all(URI.create("http://127.0.0.1:" + port)))
            .actor(Actor.dispatcher("disp-1"))
            .retry(QUICK)
            .onRetry(
                (failure, pause) -> {
                  retried.add(failure);
                  if (retried.size() == 2) {
                    start(port); // the service comes back while the client waits
                  }
                })
            .build();

    assertThat(client.units()).extracting(u -> u.id()).containsExactly("u-1");

    assertThat(retried).hasSize(2);
    assertThat(retried)
        .allSatisfy(
            e -> {
              assertThat(e.answered()).isFalse();
              assertThat(e.getCause()).isInstanceOf(ConnectException.class);
            });
    assertThat(seen).hasSize(1);
  }

  @Test
  void every_retry_of_one_open_sends_the_same_idempotency_key_and_the_next_open_a_new_one() {
    answer(
        "/orders",
        new Answer(503, ""),
        new Answer(502, "<html>bad gateway</html>"),
        new Answer(500, problem(500, "internal", "")),
        new Answer(201, OPENED));
    HotlineClient client = client(start(0), Actor.operator("op-1"));

    client.openOrder(order("13800000001"));
    client.openOrder(order("13800000002"));
    client.openOrder(order("13800000003"), "my-own-key");

    List<String> keys = new ArrayList<>();
    seen.forEach(s -> keys.add(s.header(HotlineClient.IDEMPOTENCY_KEY)));
    assertThat(keys).hasSize(6);
    assertThat(keys.subList(0, 4)).containsOnly(keys.get(0));
    assertThat(keys.get(4)).isNotEqualTo(keys.get(0));
    assertThat(keys.get(5)).isEqualTo("my-own-key");
    assertThat(seen.subList(0, 4)).extracting(Seen::body).containsOnly(seen.get(0).body());
  }

  @Test
  void an_answer_that_never_comes_is_retried() {
    answer("/orders/" + ORDER, NEVER, new Answer(200, "{\"orderId\":\"" + ORDER + "\"}"));
    AtomicInteger timeouts = new AtomicInteger();
    HotlineClient client =
        HotlineClient.builder(Endpoints.all(start(0)))
            .actor(Actor.supervisor("sup-1"))
            .retry(QUICK)
            .requestTimeout(Duration.ofMillis(500))
            .onRetry(
                (failure, pause) -> {
                  if (failure.getCause() instanceof HttpTimeoutException) {
                    timeouts.incrementAndGet();
                  }
                })
            .build();

    assertThat(client.supervisionOrder(ORDER).orderId()).isEqualTo(ORDER);
    assertThat(timeouts).hasValue(1);
    assertThat(seen).hasSize(2);
  }

  @Test
  void the_client_gives_up_after_the_deadline_with_how_the_last_attempt_ended() throws Exception {
    Duration deadline = Duration.ofMillis(400);
    HotlineClient client =
        HotlineClient.builder(Endpoints.all(URI.create("http://127.0.0.1:" + freePort())))
            .actor(Actor.dispatcher("disp-1"))
            .retry(new RetryPolicy(deadline, Duration.ofMillis(10), Duration.ofMillis(50)))
            .build();

    long start = System.nanoTime();
    assertThatThrownBy(client::units)
        .isInstanceOfSatisfying(
            ApiException.class,
            e -> {
              assertThat(e.answered()).isFalse();
              assertThat(e.status()).isEqualTo(ApiException.NO_ANSWER);
              assertThat(e.attempts()).isGreaterThan(2);
              // refused; or timed out, when the deadline left the last attempt only a moment
              assertThat(e.getCause())
                  .isInstanceOfAny(
                      ConnectException.class, java.net.http.HttpTimeoutException.class);
              assertThat(e.getMessage())
                  .startsWith("GET /units → no answer (")
                  .contains(" attempts in ");
            });
    // no attempt starts after the deadline; the last pause is at most 50 ms short of it
    assertThat(Duration.ofNanos(System.nanoTime() - start))
        .isGreaterThanOrEqualTo(deadline.minusMillis(50));
  }

  @Test
  void without_retries_one_failed_attempt_ends_the_call() {
    answer("/units", new Answer(503, ""));
    HotlineClient client = client(start(0), Actor.dispatcher("disp-1")).withRetry(RetryPolicy.NONE);

    assertThatThrownBy(client::units)
        .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.attempts()).isEqualTo(1));
    assertThat(seen).hasSize(1);
  }

  @Test
  void the_back_off_doubles_up_to_its_cap() {
    RetryPolicy policy =
        new RetryPolicy(Duration.ofSeconds(30), Duration.ofMillis(100), Duration.ofMillis(350));

    assertThat(List.of(1, 2, 3, 4, 40))
        .extracting(policy::backoff)
        .containsExactly(
            Duration.ofMillis(100),
            Duration.ofMillis(200),
            Duration.ofMillis(350),
            Duration.ofMillis(350),
            Duration.ofMillis(350));
    assertThat(List.of(500, 502, 503, 504)).allMatch(RetryPolicy::isRetryable);
    assertThat(List.of(400, 404, 409, 422, 501)).noneMatch(RetryPolicy::isRetryable);
  }
}
