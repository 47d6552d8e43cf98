package gov.hotline.api.client;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import gov.hotline.api.StepDone;
import gov.hotline.api.admin.AggregateLoad;
import gov.hotline.api.admin.Replay;
import gov.hotline.api.dispatch.DispatchOrderSummary;
import gov.hotline.api.dispatch.DispatchRequest;
import gov.hotline.api.dispatch.ResultRequest;
import gov.hotline.api.intake.IntakeOrderSummary;
import gov.hotline.api.intake.OpenOrderRequest;
import gov.hotline.api.intake.OrderOpened;
import gov.hotline.api.knowledge.ArticleDetails;
import gov.hotline.api.knowledge.ArticleList;
import gov.hotline.api.knowledge.ArticleState;
import gov.hotline.api.knowledge.ArticleStatus;
import gov.hotline.api.knowledge.DraftArticleRequest;
import gov.hotline.api.knowledge.RetireArticleRequest;
import gov.hotline.api.supervision.CallbackRequest;
import gov.hotline.api.supervision.ReviewRequest;
import gov.hotline.api.supervision.SupervisionOrderSummary;
import gov.hotline.api.supervision.Timeline;
import gov.hotline.contract.ActorRole;
import gov.hotline.contract.ContractJson;
import gov.hotline.contract.workorder.HandlingUnit;
import gov.hotline.contract.workorder.OrderState;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.StringJoiner;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * The public REST APIs of the four services as a caller outside sees them: one typed method per
 * endpoint, the actor in the {@code X-Actor-*} headers, RFC 7807 problems turned into {@link
 * ApiException}, and retries by a {@link RetryPolicy} through a service that is restarting.
 *
 * <p>Retried calls are safe because the services make them so: {@code POST /orders} carries an
 * {@value #IDEMPOTENCY_KEY} that stays the same on every retry of one call (intake answers the
 * original order again), and the other commands either do nothing twice or answer 409 naming the
 * order's current state. A caller whose command was retried therefore treats a 409 that shows the
 * step already done as done (see {@link ApiException#orderState()}).
 *
 * <p>Immutable and thread-safe; {@link #as(Actor)} and the other {@code with…} methods return a
 * copy sharing the same connection pool.
 */
public final class HotlineClient {

  /** The header that makes a retried {@code POST /orders} answer the original order. */
  public static final String IDEMPOTENCY_KEY = "Idempotency-Key";

  private static final String JSON_TYPE = "application/json";
  private static final String ACCEPT = JSON_TYPE + ", application/problem+json";

  /**
   * Who calls: the {@code X-Actor-Role}, {@code X-Actor-Id} and (for unit roles) {@code
   * X-Actor-Unit} headers. Until authentication arrives the services believe them.
   */
  public record Actor(ActorRole role, String id, String unit) {
    public Actor {
      Objects.requireNonNull(role, "role");
    }

    public static Actor of(ActorRole role, String id) {
      return new Actor(role, id, null);
    }

    public static Actor operator(String id) {
      return of(ActorRole.OPERATOR, id);
    }

    public static Actor dispatcher(String id) {
      return of(ActorRole.DISPATCHER, id);
    }

    public static Actor unitHandler(String id, String unitId) {
      return new Actor(ActorRole.UNIT_HANDLER, id, unitId);
    }

    public static Actor supervisor(String id) {
      return of(ActorRole.SUPERVISOR, id);
    }

    public static Actor auditor(String id) {
      return of(ActorRole.AUDITOR, id);
    }

    public static Actor editor(String id) {
      return of(ActorRole.EDITOR, id);
    }
  }

  /** Base URLs of the four services, e.g. {@code http://127.0.0.1:8081}. */
  public record Endpoints(URI intake, URI dispatch, URI supervision, URI knowledge) {
    public Endpoints {
      Objects.requireNonNull(intake, "intake");
      Objects.requireNonNull(dispatch, "dispatch");
      Objects.requireNonNull(supervision, "supervision");
      Objects.requireNonNull(knowledge, "knowledge");
    }

    /** Every service behind one base URL (a gateway, or a test's stand-in). */
    public static Endpoints all(URI base) {
      return new Endpoints(base, base, base, base);
    }

    /** The local stack's default ports: 8081 to 8084 on 127.0.0.1. */
    public static Endpoints localDefaults() {
      return new Endpoints(
          URI.create("http://127.0.0.1:8081"),
          URI.create("http://127.0.0.1:8082"),
          URI.create("http://127.0.0.1:8083"),
          URI.create("http://127.0.0.1:8084"));
    }
  }

  /** Settings; everything but the endpoints has a default. */
  public static final class Builder {
    private Endpoints endpoints;
    private Actor actor;
    private RetryPolicy retry = RetryPolicy.defaults();
    private Duration requestTimeout = Duration.ofSeconds(30);
    private Duration connectTimeout = Duration.ofSeconds(5);
    private ObjectMapper json;
    private HttpClient http;
    private RetryListener onRetry = RetryListener.NONE;

    private Builder(Endpoints endpoints) {
      this.endpoints = Objects.requireNonNull(endpoints, "endpoints");
    }

    /** Who calls; none means no {@code X-Actor-*} headers, which the services refuse. */
    public Builder actor(Actor actor) {
      this.actor = actor;
      return this;
    }

    public Builder retry(RetryPolicy retry) {
      this.retry = Objects.requireNonNull(retry, "retry");
      return this;
    }

    /** How long one attempt waits for its answer (default 30 s). */
    public Builder requestTimeout(Duration requestTimeout) {
      this.requestTimeout = Objects.requireNonNull(requestTimeout, "requestTimeout");
      return this;
    }

    /** How long one attempt waits to connect (default 5 s); ignored with {@link #httpClient}. */
    public Builder connectTimeout(Duration connectTimeout) {
      this.connectTimeout = Objects.requireNonNull(connectTimeout, "connectTimeout");
      return this;
    }

    /**
     * The mapper for bodies; by default the contract's ({@link ContractJson}): ISO-8601 instants,
     * absent optional fields left out, unknown fields ignored. It must leave nulls out, as the
     * services do, or requests gain {@code "field": null} members.
     */
    public Builder objectMapper(ObjectMapper json) {
      this.json = Objects.requireNonNull(json, "json");
      return this;
    }

    /** Told before each retry (e.g. to count them). */
    public Builder onRetry(RetryListener onRetry) {
      this.onRetry = Objects.requireNonNull(onRetry, "onRetry");
      return this;
    }

    /** A connection pool to share with other clients. */
    public Builder httpClient(HttpClient http) {
      this.http = Objects.requireNonNull(http, "http");
      return this;
    }

    public HotlineClient build() {
      ObjectMapper mapper = json != null ? json : ContractJson.configure(new ObjectMapper());
      HttpClient client =
          http != null
              ? http
              : HttpClient.newBuilder()
                  .version(HttpClient.Version.HTTP_1_1)
                  .connectTimeout(connectTimeout)
                  .build();
      return new HotlineClient(endpoints, actor, retry, requestTimeout, mapper, client, onRetry);
    }
  }

  private final Endpoints endpoints;
  private final Actor actor;
  private final RetryPolicy retry;
  private final Duration requestTimeout;
  private final ObjectMapper json;
  private final HttpClient http;
  private final RetryListener onRetry;

  private HotlineClient(
      Endpoints endpoints,
      Actor actor,
      RetryPolicy retry,
      Duration requestTimeout,
      ObjectMapper json,
      HttpClient http,
      RetryListener onRetry) {
    this.endpoints = endpoints;
    this.actor = actor;
    this.retry = retry;
    this.requestTimeout = requestTimeout;
    this.json = json;
    this.http = http;
    this.onRetry = onRetry;
  }

  public static Builder builder(Endpoints endpoints) {
    return new Builder(endpoints);
  }

  /** The same client acting as {@code actor}; null sends no actor (the services refuse that). */
  public HotlineClient as(Actor actor) {
    return copy(endpoints, actor, retry);
  }

  public HotlineClient withRetry(RetryPolicy retry) {
    return copy(endpoints, actor, Objects.requireNonNull(retry, "retry"));
  }

  /** The same client talking to services that moved (e.g. restarted on other ports). */
  public HotlineClient withEndpoints(Endpoints endpoints) {
    return copy(Objects.requireNonNull(endpoints, "endpoints"), actor, retry);
  }

  private HotlineClient copy(Endpoints endpoints, Actor actor, RetryPolicy retry) {
    return new HotlineClient(endpoints, actor, retry, requestTimeout, json, http, onRetry);
  }

  public Endpoints endpoints() {
    return endpoints;
  }

  public Actor actor() {
    return actor;
  }

  public RetryPolicy retry() {
    return retry;
  }

  public ObjectMapper json() {
    return json;
  }

  // --- intake ------------------------------------------------------------------------------

  /**
   * {@code POST /orders} (受理): an operator records a demand. Every retry of this call sends the
   * same fresh {@value #IDEMPOTENCY_KEY}, so it opens one order however often it is sent.
   */
  public OrderOpened openOrder(OpenOrderRequest order) {
    return openOrder(order, UUID.randomUUID().toString());
  }

  /**
   * {@code POST /orders} with the caller's own {@value #IDEMPOTENCY_KEY}: a caller that retries the
   * whole call itself (after this client gave up) passes the same key again.
   */
  public OrderOpened openOrder(OpenOrderRequest order, String idempotencyKey) {
    Objects.requireNonNull(idempotencyKey, "idempotencyKey");
    return call(
        post(endpoints.intake(), "/orders", order).header(IDEMPOTENCY_KEY, idempotencyKey),
        type(OrderOpened.class));
  }

  /** {@code GET /orders/{orderId}} on intake. */
  public IntakeOrderSummary intakeOrder(UUID orderId) {
    return call(get(endpoints.intake(), "/orders/" + orderId), type(IntakeOrderSummary.class));
  }

  public Optional<IntakeOrderSummary> findIntakeOrder(UUID orderId) {
    return find(this::intakeOrder, orderId);
  }

  // --- dispatch ------------------------------------------------------------------------------

  /** {@code GET /units}: the units an order can be dispatched to. */
  public List<HandlingUnit> units() {
    return call(get(endpoints.dispatch(), "/units"), listOf(HandlingUnit.class));
  }

  /** {@code GET /orders/{orderId}} on dispatch; 404 until dispatch has consumed the order. */
  public DispatchOrderSummary dispatchOrder(UUID orderId) {
    return call(get(endpoints.dispatch(), "/orders/" + orderId), type(DispatchOrderSummary.class));
  }

  public Optional<DispatchOrderSummary> findDispatchOrder(UUID orderId) {
    return find(this::dispatchOrder, orderId);
  }

  /**
   * {@code GET /orders?state=&unitId=&limit=} on dispatch: a worklist, oldest first. Each argument
   * may be null (the service's default); a unit handler always sees its own unit's.
   */
  public List<DispatchOrderSummary> dispatchOrders(OrderState state, String unitId, Integer limit) {
    Map<String, Object> query = new LinkedHashMap<>();
    query.put("state", state);
    query.put("unitId", unitId);
    query.put("limit", limit);
    return call(
        get(endpoints.dispatch(), "/orders" + query(query)), listOf(DispatchOrderSummary.class));
  }

  /** {@code POST /orders/{orderId}/dispatch} (派单): to a unit, with a deadline. */
  public StepDone dispatch(UUID orderId, DispatchRequest request) {
    return call(
        post(endpoints.dispatch(), "/orders/" + orderId + "/dispatch", request),
        type(StepDone.class));
  }

  /** {@code POST /orders/{orderId}/result} (办理): the assigned unit reports what it did. */
  public StepDone reportResult(UUID orderId, ResultRequest request) {
    return call(
        post(endpoints.dispatch(), "/orders/" + orderId + "/result", request),
        type(StepDone.class));
  }

  // --- supervision ---------------------------------------------------------------------------

  /** {@code GET /orders/{orderId}} on supervision; 404 until supervision has seen the order. */
  public SupervisionOrderSummary supervisionOrder(UUID orderId) {
    return call(
        get(endpoints.supervision(), "/orders/" + orderId), type(SupervisionOrderSummary.class));
  }

  public Optional<SupervisionOrderSummary> findSupervisionOrder(UUID orderId) {
    return find(this::supervisionOrder, orderId);
  }

  /** {@code GET /orders?number=…} on supervision: the order with that human number, if any. */
  public List<SupervisionOrderSummary> supervisionOrdersByNumber(String orderNumber) {
    return call(
        get(endpoints.supervision(), "/orders" + query(Map.of("number", orderNumber))),
        listOf(SupervisionOrderSummary.class));
  }

  public Optional<SupervisionOrderSummary> findSupervisionOrderByNumber(String orderNumber) {
    return supervisionOrdersByNumber(orderNumber).stream().findFirst();
  }

  /** {@code POST /orders/{orderId}/review} (审核): approve or reject the unit's result. */
  public StepDone review(UUID orderId, ReviewRequest request) {
    return call(
        post(endpoints.supervision(), "/orders/" + orderId + "/review", request),
        type(StepDone.class));
  }

  /** {@code POST /orders/{orderId}/callback} (回访): what the caller said when called back. */
  public StepDone callback(UUID orderId, CallbackRequest request) {
    return call(
        post(endpoints.supervision(), "/orders/" + orderId + "/callback", request),
        type(StepDone.class));
  }

  /** {@code GET /orders/{orderId}/timeline}: the order's audit trail. */
  public Timeline timeline(UUID orderId) {
    return call(
        get(endpoints.supervision(), "/orders/" + orderId + "/timeline"), type(Timeline.class));
  }

  public Optional<Timeline> findTimeline(UUID orderId) {
    return find(this::timeline, orderId);
  }

  // --- admin: replays and aggregate loads (auditors) -------------------------------------------

  /**
   * {@code POST /admin/replays/timeline?keep=} on supervision: rebuilds the audit trail from the
   * lifecycle topic into a fresh collection; answers at once, the replay runs on ({@link #replay}).
   * Without {@code keep} the fresh collection is dropped once compared with the live one.
   */
  public Replay replayTimeline(boolean keep) {
    return call(
        post(
            endpoints.supervision(), "/admin/replays/timeline" + query(Map.of("keep", keep)), null),
        type(Replay.class));
  }

  /**
   * {@code POST /admin/processors/{processorName}/replays} on {@code service} ({@code intake},
   * {@code dispatch}, {@code supervision} or {@code knowledge}): resets the Axon processor's token
   * so its view is rebuilt from the service's event store; answers at once.
   */
  public Replay replayProcessor(String service, String processorName) {
    return replayProcessor(service, processorName, null);
  }

  /**
   * {@code POST /admin/processors/{processorName}/replays?mode=} on {@code service}: {@code fold}
   * (an order view folded per order outside its processor) or {@code processor} (every event
   * through the processor's handlers).
   */
  public Replay replayProcessor(String service, String processorName, String mode) {
    return call(
        post(
            base(service),
            "/admin/processors/"
                + processorName
                + "/replays"
                + (mode == null ? "" : query(Map.of("mode", mode))),
            null),
        type(Replay.class));
  }

  /** {@code GET /admin/replays/{replayId}} on {@code service}: how far the replay is. */
  public Replay replay(String service, String replayId) {
    return call(get(base(service), "/admin/replays/" + replayId), type(Replay.class));
  }

  /**
   * {@code GET /admin/aggregates/{aggregateType}/{aggregateId}/load?repeat=} on {@code service}:
   * loads the aggregate from the event store {@code repeat} times without and with its snapshot.
   */
  public AggregateLoad aggregateLoad(
      String service, String aggregateType, UUID aggregateId, int repeat) {
    return call(
        get(
            base(service),
            "/admin/aggregates/"
                + aggregateType
                + "/"
                + aggregateId
                + "/load"
                + query(Map.of("repeat", repeat))),
        type(AggregateLoad.class));
  }

  private URI base(String service) {
    return switch (service) {
      case "intake" -> endpoints.intake();
      case "dispatch" -> endpoints.dispatch();
      case "supervision" -> endpoints.supervision();
      case "knowledge" -> endpoints.knowledge();
      default -> throw new IllegalArgumentException("no service named " + service);
    };
  }

  // --- knowledge -----------------------------------------------------------------------------

  /**
   * {@code POST /articles}: an editor drafts an article. Not idempotent: a retry after a lost
   * answer drafts a second one.
   */
  public ArticleState draftArticle(DraftArticleRequest request) {
    return call(post(endpoints.knowledge(), "/articles", request), type(ArticleState.class));
  }

  /** {@code POST /articles/{articleId}/publish}. */
  public ArticleState publishArticle(UUID articleId) {
    return call(
        post(endpoints.knowledge(), "/articles/" + articleId + "/publish", null),
        type(ArticleState.class));
  }

  /** {@code POST /articles/{articleId}/retire}. */
  public ArticleState retireArticle(UUID articleId, RetireArticleRequest request) {
    return call(
        post(endpoints.knowledge(), "/articles/" + articleId + "/retire", request),
        type(ArticleState.class));
  }

  /** {@code GET /articles/{articleId}}; drafts only for editors and auditors. */
  public ArticleDetails article(UUID articleId) {
    return call(get(endpoints.knowledge(), "/articles/" + articleId), type(ArticleDetails.class));
  }

  public Optional<ArticleDetails> findArticle(UUID articleId) {
    return find(this::article, articleId);
  }

  /** {@code GET /articles?status=&limit=}: newest change first; null means the default. */
  public ArticleList articles(ArticleStatus status, Integer limit) {
    Map<String, Object> query = new LinkedHashMap<>();
    query.put("status", status);
    query.put("limit", limit);
    return call(get(endpoints.knowledge(), "/articles" + query(query)), type(ArticleList.class));
  }

  // --- plumbing ------------------------------------------------------------------------------

  /** One request as it is sent on every attempt. */
  private record Call(String method, URI uri, byte[] body, Map<String, String> headers) {
    Call header(String name, String value) {
      Map<String, String> more = new LinkedHashMap<>(headers);
      more.put(name, value);
      return new Call(method, uri, body, more);
    }
  }

  private Call get(URI base, String path) {
    return new Call("GET", uri(base, path), null, Map.of());
  }

  private Call post(URI base, String path, Object body) {
    return new Call("POST", uri(base, path), body == null ? null : write(body), Map.of());
  }

  private <T> Optional<T> find(Function<UUID, T> read, UUID id) {
    try {
      return Optional.of(read.apply(id));
    } catch (ApiException e) {
      if (e.isNotFound()) {
        return Optional.empty();
      }
      throw e;
    }
  }

  private <T> T call(Call call, JavaType type) {
    HttpResponse<byte[]> answer = exchange(call);
    try {
      return json.readValue(answer.body(), type);
    } catch (IOException e) {
      throw new ApiException(
          call.method(),
          call.uri(),
          Problem.empty(answer.statusCode()),
          1,
          describe(call)
              + " → HTTP "
              + answer.statusCode()
              + " with an answer that is not a "
              + type.toCanonical()
              + ": "
              + e,
          e);
    }
  }

  /** Sends {@code call} until it succeeds, fails for good, or the retry deadline has passed. */
  private HttpResponse<byte[]> exchange(Call call) {
    long start = System.nanoTime();
    long deadline = start + retry.deadline().toNanos();
    int attempts = 0;
    ApiException failure = null;
    while (true) {
      Duration timeout = requestTimeout;
      if (failure != null) {
        long left = deadline - System.nanoTime(); // the pause may have overslept the deadline
        if (left <= 0) {
          throw failure;
        }
        timeout = left < timeout.toNanos() ? Duration.ofNanos(left) : timeout;
      }
      attempts++;
      Problem problem;
      IOException cause = null;
      try {
        HttpResponse<byte[]> response =
            http.send(request(call, timeout), HttpResponse.BodyHandlers.ofByteArray());
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
          return response;
        }
        problem = parseProblem(status, response.body());
        if (!RetryPolicy.isRetryable(status)) {
          throw failure(call, problem, attempts, start, null);
        }
      } catch (IOException e) { // refused, reset, timed out: the answer never came
        problem = Problem.empty(ApiException.NO_ANSWER);
        cause = e;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new ApiException(
            call.method(),
            call.uri(),
            Problem.empty(ApiException.NO_ANSWER),
            attempts,
            describe(call) + " → interrupted",
            e);
      }
      failure = failure(call, problem, attempts, start, cause);
      long pause = jittered(retry.backoff(attempts));
      if (System.nanoTime() + pause >= deadline) {
        throw failure;
      }
      onRetry.retrying(failure, Duration.ofNanos(pause));
      try {
        TimeUnit.NANOSECONDS.sleep(pause);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw failure;
      }
    }
  }

  /** Between half and all of {@code backoff}, at random. */
  private static long jittered(Duration backoff) {
    long nanos = backoff.toNanos();
    return nanos / 2 + ThreadLocalRandom.current().nextLong(nanos / 2 + 1);
  }

  private HttpRequest request(Call call, Duration timeout) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(call.uri()).timeout(timeout).header("Accept", ACCEPT);
    if (actor != null) {
      request.header("X-Actor-Role", actor.role().name());
      if (actor.id() != null) {
        request.header("X-Actor-Id", actor.id());
      }
      if (actor.unit() != null) {
        request.header("X-Actor-Unit", actor.unit());
      }
    }
    call.headers().forEach(request::header);
    if (call.body() == null) {
      request.method(call.method(), HttpRequest.BodyPublishers.noBody());
    } else {
      request.header("Content-Type", JSON_TYPE);
      request.method(call.method(), HttpRequest.BodyPublishers.ofByteArray(call.body()));
    }
    return request.build();
  }

  private static ApiException failure(
      Call call, Problem problem, int attempts, long start, IOException cause) {
    StringBuilder text = new StringBuilder(describe(call)).append(" → ");
    if (problem.status() == ApiException.NO_ANSWER) {
      text.append("no answer (").append(cause).append(')');
    } else {
      text.append("HTTP ").append(problem.status());
      if (problem.title() != null && !problem.title().isBlank()) {
        text.append(' ').append(problem.title());
      }
      if (problem.detail() != null && !problem.detail().isBlank()) {
        text.append(": ").append(problem.detail());
      }
      if (problem.type() != null && !"about:blank".equals(problem.type())) {
        text.append(" [").append(problem.type()).append(']');
      }
    }
    if (attempts > 1) {
      double seconds = (System.nanoTime() - start) / 1e9;
      text.append(String.format(Locale.ROOT, " (%d attempts in %.1f s)", attempts, seconds));
    }
    return new ApiException(call.method(), call.uri(), problem, attempts, text.toString(), cause);
  }

  private static String describe(Call call) {
    String query = call.uri().getRawQuery();
    return call.method() + " " + call.uri().getRawPath() + (query == null ? "" : "?" + query);
  }

  /** The problem in {@code body}; a body that is not JSON becomes its {@code detail}. */
  private Problem parseProblem(int status, byte[] body) {
    if (body == null || body.length == 0) {
      return Problem.empty(status);
    }
    JsonNode node;
    try {
      node = json.readTree(body);
    } catch (IOException notJson) {
      String text = new String(body, StandardCharsets.UTF_8).strip();
      return new Problem(null, null, status, text, null, List.of(), Map.of());
    }
    if (node == null || !node.isObject()) {
      return Problem.empty(status);
    }
    List<Problem.FieldError> errors = new ArrayList<>();
    for (JsonNode error : node.path("errors")) {
      errors.add(new Problem.FieldError(text(error, "field"), text(error, "reason")));
    }
    Map<String, Object> properties = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> member : node.properties()) {
      if (!List.of("type", "title", "status", "detail", "instance", "errors")
          .contains(member.getKey())) {
        properties.put(member.getKey(), json.convertValue(member.getValue(), Object.class));
      }
    }
    return new Problem(
        text(node, "type"),
        text(node, "title"),
        status,
        text(node, "detail"),
        text(node, "instance"),
        errors,
        properties);
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value == null || value.isNull() ? null : value.asText();
  }

  private byte[] write(Object body) {
    try {
      return json.writeValueAsBytes(body);
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot write " + body.getClass().getName(), e);
    }
  }

  private JavaType type(Class<?> type) {
    return json.getTypeFactory().constructType(type);
  }

  private JavaType listOf(Class<?> element) {
    return json.getTypeFactory().constructCollectionType(List.class, element);
  }

  private static URI uri(URI base, String path) {
    String root = base.toString();
    return URI.create((root.endsWith("/") ? root.substring(0, root.length() - 1) : root) + path);
  }

  /** {@code ?a=1&b=x}, leaving out null values; empty when nothing is left. */
  private static String query(Map<String, Object> parameters) {
    StringJoiner query = new StringJoiner("&", "?", "");
    query.setEmptyValue("");
    parameters.forEach(
        (name, value) -> {
          if (value != null) {
            String text = value instanceof Enum<?> e ? e.name() : value.toString();
            query.add(name + "=" + URLEncoder.encode(text, StandardCharsets.UTF_8));
          }
        });
    return query.toString();
  }
}
