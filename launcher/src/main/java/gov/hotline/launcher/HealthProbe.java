package gov.hotline.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Asks a service's Actuator whether it is up, or a plain TCP port whether anyone listens. */
public final class HealthProbe {

  static final String NO_ANSWER = "no answer";
  private static final Duration TIMEOUT = Duration.ofSeconds(2);
  private static final int PROBLEM_WIDTH = 160;
  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * What a health endpoint said: its status ({@code UP}, {@code DOWN}…, {@code HTTP <code>}, or
   * {@code no answer}) and, when not up, which components are not up and why.
   */
  public record Health(String status, List<String> problems) {
    public boolean up() {
      return "UP".equals(status);
    }

    public boolean answered() {
      return !NO_ANSWER.equals(status);
    }

    /** E.g. {@code DOWN (mongo DOWN: no such command: 'hello')}. */
    public String describe() {
      return problems.isEmpty() ? status : status + " (" + String.join("; ", problems) + ")";
    }
  }

  private final HttpClient http;

  public HealthProbe() {
    this.http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(TIMEOUT)
            .build();
  }

  public Health check(URI baseUrl) {
    HttpRequest request =
        HttpRequest.newBuilder(baseUrl.resolve("/actuator/health"))
            .timeout(TIMEOUT)
            .header("Accept", "application/json")
            .GET()
            .build();
    try {
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      return interpret(response.statusCode(), response.body());
    } catch (IOException e) {
      return new Health(NO_ANSWER, List.of());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Health(NO_ANSWER, List.of());
    }
  }

  /** Reads an Actuator answer (503 with a body is an answer too: DOWN, and why). */
  static Health interpret(int httpStatus, String body) {
    JsonNode health = parse(body);
    JsonNode status = health.path("status");
    if (!status.isTextual()) {
      return new Health("HTTP " + httpStatus, List.of());
    }
    List<String> problems = new ArrayList<>();
    for (Map.Entry<String, JsonNode> component : health.path("components").properties()) {
      String componentStatus = component.getValue().path("status").asText("UP");
      if (!"UP".equals(componentStatus)) {
        String error = component.getValue().path("details").path("error").asText("");
        problems.add(
            component.getKey()
                + " "
                + componentStatus
                + (error.isBlank() ? "" : ": " + TextTable.truncate(error, PROBLEM_WIDTH)));
      }
    }
    return new Health(status.asText(), List.copyOf(problems));
  }

  /**
   * {@code UP}, {@code DOWN}, another Actuator status, {@code HTTP <code>} or {@code no answer}.
   */
  /**
   * Those of {@code components} whose health is not UP, each as "name at URL (status)": the
   * services a client such as {@code demo} or {@code bench} needs before it can start.
   */
  public List<String> notUp(StackConfig config, List<Component> components) {
    List<String> down = new ArrayList<>();
    for (Component c : components) {
      String status = status(config.baseUrl(c));
      if (!"UP".equals(status)) {
        down.add(c.displayName() + " at " + config.baseUrl(c) + " (" + status + ")");
      }
    }
    return down;
  }

  public String status(URI baseUrl) {
    return check(baseUrl).status();
  }

  public boolean isUp(URI baseUrl) {
    return check(baseUrl).up();
  }

  /** Whether something accepts connections on 127.0.0.1:{@code port}. */
  public static boolean listening(int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), (int) TIMEOUT.toMillis());
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static JsonNode parse(String body) {
    try {
      return JSON.readTree(body == null || body.isBlank() ? "{}" : body);
    } catch (IOException e) {
      return JSON.createObjectNode();
    }
  }
}
