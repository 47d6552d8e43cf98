package gov.hotline.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

/**
 * The public REST APIs of the four services, as a caller outside sees them: one method per call,
 * actors in the {@code X-Actor-*} headers, RFC 7807 problems turned into {@link ApiException}.
 */
public final class HotlineClient {

  /**
   * Who calls: the {@code X-Actor-Role}, {@code X-Actor-Id} and (for units) {@code X-Actor-Unit}.
   */
  public record Actor(String role, String id, String unit) {
    public static Actor of(String role, String id) {
      return new Actor(role, id, null);
    }
  }

  /** Base URLs of the services, e.g. {@code http://127.0.0.1:8081}. */
  public record Endpoints(URI intake, URI dispatch, URI supervision, URI knowledge) {
    public static Endpoints of(StackConfig config) {
      return new Endpoints(
          config.baseUrl(Component.INTAKE),
          config.baseUrl(Component.DISPATCH),
          config.baseUrl(Component.SUPERVISION),
          config.baseUrl(Component.KNOWLEDGE));
    }
  }

  /**
   * A call that did not succeed: a non-2xx answer (with its problem document, if any) or no answer
   * at all ({@link #status()} 0).
   */
  public static final class ApiException extends RuntimeException {
    private final String method;
    private final URI uri;
    private final int status;
    private final JsonNode problem;

    ApiException(String method, URI uri, int status, JsonNode problem, String message) {
      super(message);
      this.method = method;
      this.uri = uri;
      this.status = status;
      this.problem = problem;
    }

    public int status() {
      return status;
    }

    /** The RFC 7807 body, or an empty object. */
    public JsonNode problem() {
      return problem;
    }

    public String method() {
      return method;
    }

    public URI uri() {
      return uri;
    }

    /** A 409: the order has not reached the state the call needs (yet). */
    public boolean isConflict() {
      return status == 409;
    }
  }

  private static final String JSON_TYPE = "application/json";

  private final Endpoints endpoints;
  private final HttpClient http;
  private final ObjectMapper json;
  private final Duration requestTimeout;

  public HotlineClient(Endpoints endpoints, ObjectMapper json, Duration requestTimeout) {
    this.endpoints = endpoints;
    this.json = json;
    this.requestTimeout = requestTimeout;
    this.http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
  }

  public Endpoints endpoints() {
    return endpoints;
  }

  public ObjectMapper json() {
    return json;
  }

  // --- intake ------------------------------------------------------------------------------

  /** {@code POST /orders} on intake: an operator takes a call; answers 201 with the new order. */
  public JsonNode receiveOrder(Actor operator, ObjectNode order) {
    return send("POST", endpoints.intake().resolve("/orders"), operator, order);
  }

  // --- dispatch ------------------------------------------------------------------------------

  /** Dispatch's view of an order; empty while dispatch has not consumed its Received event. */
  public Optional<JsonNode> dispatchOrder(Actor actor, String orderId) {
    return find(endpoints.dispatch().resolve("/orders/" + path(orderId)), actor);
  }

  /** {@code GET /units} on dispatch: {@code [{"id","name","level"}...]}. */
  public JsonNode units(Actor actor) {
    return send("GET", endpoints.dispatch().resolve("/units"), actor, null);
  }

  /** A dispatcher sends the order to a unit with a deadline in working days. */
  public JsonNode dispatch(Actor dispatcher, String orderId, String unitId, int workingDays) {
    ObjectNode body = json.createObjectNode().put("unitId", unitId).put("workingDays", workingDays);
    return send(
        "POST",
        endpoints.dispatch().resolve("/orders/" + path(orderId) + "/dispatch"),
        dispatcher,
        body);
  }

  /** The unit reports what it did; {@code handler} must carry the unit. */
  public JsonNode reportResult(
      Actor handler, String orderId, String outcome, String reply, String measures) {
    ObjectNode body =
        json.createObjectNode()
            .put("outcome", outcome)
            .put("reply", reply)
            .put("measures", measures);
    return send(
        "POST",
        endpoints.dispatch().resolve("/orders/" + path(orderId) + "/result"),
        handler,
        body);
  }

  // --- supervision ---------------------------------------------------------------------------

  /** Supervision's view of an order; empty while it has not seen the order yet. */
  public Optional<JsonNode> supervisionOrder(Actor actor, String orderId) {
    return find(endpoints.supervision().resolve("/orders/" + path(orderId)), actor);
  }

  /** A supervisor approves or rejects the unit's result. */
  public JsonNode review(Actor supervisor, String orderId, String verdict, String reason) {
    ObjectNode body = json.createObjectNode().put("verdict", verdict).put("reason", reason);
    return send(
        "POST",
        endpoints.supervision().resolve("/orders/" + path(orderId) + "/review"),
        supervisor,
        body);
  }

  /** The caller is called back (回访) and says whether it is solved and how satisfied they are. */
  public JsonNode callback(
      Actor agent,
      String orderId,
      boolean reached,
      int callAttempts,
      String satisfaction,
      boolean resolved,
      String via) {
    ObjectNode body =
        json.createObjectNode()
            .put("reached", reached)
            .put("callAttempts", callAttempts)
            .put("satisfaction", satisfaction)
            .put("resolved", resolved)
            .put("via", via);
    return send(
        "POST",
        endpoints.supervision().resolve("/orders/" + path(orderId) + "/callback"),
        agent,
        body);
  }

  /** The order's audit trail: {@code {"orderId","orderNumber","events":[...]}}. */
  public Optional<JsonNode> timeline(Actor auditor, String orderId) {
    return find(endpoints.supervision().resolve("/orders/" + path(orderId) + "/timeline"), auditor);
  }

  // --- plumbing ------------------------------------------------------------------------------

  private Optional<JsonNode> find(URI uri, Actor actor) {
    try {
      return Optional.of(send("GET", uri, actor, null));
    } catch (ApiException e) {
      if (e.status() == 404) {
        return Optional.empty();
      }
      throw e;
    }
  }

  private JsonNode send(String method, URI uri, Actor actor, JsonNode body) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(uri)
            .timeout(requestTimeout)
            .header("Accept", JSON_TYPE + ", application/problem+json")
            .header("X-Actor-Role", actor.role())
            .header("X-Actor-Id", actor.id());
    if (actor.unit() != null) {
      request.header("X-Actor-Unit", actor.unit());
    }
    if (body == null) {
      request.method(method, HttpRequest.BodyPublishers.noBody());
    } else {
      request.header("Content-Type", JSON_TYPE);
      request.method(method, HttpRequest.BodyPublishers.ofByteArray(bytes(body)));
    }
    HttpResponse<byte[]> response;
    try {
      response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      throw new ApiException(
          method, uri, 0, json.createObjectNode(), method + " " + uri + ": no answer (" + e + ")");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ApiException(method, uri, 0, json.createObjectNode(), "interrupted");
    }
    JsonNode parsed = parse(response.body());
    int status = response.statusCode();
    if (status >= 200 && status < 300) {
      return parsed;
    }
    throw new ApiException(method, uri, status, parsed, describe(method, uri, status, parsed));
  }

  static String describe(String method, URI uri, int status, JsonNode problem) {
    StringBuilder text = new StringBuilder(method + " " + uri.getPath() + " → HTTP " + status);
    for (String field : new String[] {"title", "detail"}) {
      if (problem.path(field).isTextual() && !problem.path(field).asText().isBlank()) {
        text.append(field.equals("title") ? " " : ": ").append(problem.path(field).asText());
      }
    }
    if (problem.path("type").isTextual() && !"about:blank".equals(problem.path("type").asText())) {
      text.append(" [").append(problem.path("type").asText()).append(']');
    }
    return text.toString();
  }

  private byte[] bytes(JsonNode body) {
    try {
      return json.writeValueAsBytes(body);
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot write JSON", e);
    }
  }

  private JsonNode parse(byte[] body) {
    if (body == null || body.length == 0) {
      return json.createObjectNode();
    }
    try {
      return json.readTree(body);
    } catch (IOException e) {
      return json.createObjectNode()
          .put("detail", new String(body, StandardCharsets.UTF_8).strip());
    }
  }

  private static String path(String segment) {
    return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
