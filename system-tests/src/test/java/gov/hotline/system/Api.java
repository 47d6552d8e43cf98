package gov.hotline.system;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Calls the services' public REST APIs as an actor would. */
final class Api {
  static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private final HotlineStack stack;

  Api(HotlineStack stack) {
    this.stack = stack;
  }

  record Response(int status, JsonNode body) {
    JsonNode at(String pointer) {
      return body.at(pointer);
    }
  }

  /** Who calls: role, user id and, for unit roles, the unit. */
  record As(String role, String userId, String unitId) {
    static As operator() {
      return new As("OPERATOR", "op-1", null);
    }

    static As dispatcher() {
      return new As("DISPATCHER", "disp-1", null);
    }

    static As unit(String unitId) {
      return new As("UNIT_HANDLER", "handler-1", unitId);
    }

    static As supervisor() {
      return new As("SUPERVISOR", "sup-1", null);
    }

    static As auditor() {
      return new As("AUDITOR", "aud-1", null);
    }
  }

  Response get(String service, String path, As as) {
    return send(service, path, as, null);
  }

  Response post(String service, String path, As as, Object body) {
    return send(service, path, as, body);
  }

  private Response send(String service, String path, As as, Object body) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(stack.url(service) + path))
            .timeout(Duration.ofSeconds(30))
            .header("Accept", "application/json");
    if (as != null) {
      List<String> headers = new ArrayList<>(List.of("X-Actor-Role", as.role()));
      if (as.userId() != null) {
        headers.addAll(List.of("X-Actor-Id", as.userId()));
      }
      if (as.unitId() != null) {
        headers.addAll(List.of("X-Actor-Unit", as.unitId()));
      }
      request.headers(headers.toArray(String[]::new));
    }
    try {
      if (body == null) {
        request.GET();
      } else {
        request
            .header("Content-Type", "application/json")
            .POST(
                HttpRequest.BodyPublishers.ofString(
                    body instanceof String s ? s : JSON.writeValueAsString(body)));
      }
      HttpResponse<String> response =
          HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
      JsonNode json =
          response.body() == null || response.body().isBlank()
              ? JSON.createObjectNode()
              : JSON.readTree(response.body());
      return new Response(response.statusCode(), json);
    } catch (IOException e) {
      throw new IllegalStateException("cannot call " + service + path, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
