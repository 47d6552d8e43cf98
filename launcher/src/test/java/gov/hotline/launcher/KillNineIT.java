package gov.hotline.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The promise of the local stack, for real: every demand intake acknowledged reaches the other
 * services although intake and the Mongo server are killed with SIGKILL right after acknowledging —
 * the four service jars and the infrastructure run as separate processes, as under {@code ./hotline
 * up}.
 */
class KillNineIT {
  private static final Pattern ORDER_ID = Pattern.compile("\"orderId\":\"([0-9a-f-]{36})\"");
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  @TempDir Path tmp;

  @Test
  void no_acknowledged_order_is_lost_when_intake_and_mongo_are_killed() throws Exception {
    Path home = Path.of("").toAbsolutePath().getParent();
    Map<Component, Integer> ports = new EnumMap<>(Component.class);
    for (Component component : Component.values()) {
      ports.put(component, LauncherIT.freePort());
    }
    StackConfig config =
        StackConfig.fromEnvironment(Map.of("HOTLINE_HOME", home.toString()), home)
            .withDataDirAndPorts(tmp, ports, LauncherIT.freePort());
    RestartPolicy quick =
        new RestartPolicy(5, Duration.ofMinutes(1), Duration.ofMillis(200), Duration.ofSeconds(5));
    ByteArrayOutputStream console = new ByteArrayOutputStream();
    Stack stack =
        new Stack(
            config,
            new PrintStream(console, true, StandardCharsets.UTF_8),
            quick,
            Clock.systemUTC());
    try {
      stack.startInfrastructure();
      stack.startServices(stack.serviceJars());
      stack.superviseAll();

      List<String> accepted = new ArrayList<>();
      for (int i = 0; i < 24; i++) {
        accepted.add(openUntilAccepted(config, i));
        if (i == 8) {
          kill(stack, Component.INTAKE);
        }
        if (i == 16) {
          kill(stack, Component.MONGO);
        }
      }

      for (String orderId : accepted) {
        await()
            .atMost(Duration.ofSeconds(180))
            .pollInterval(Duration.ofMillis(500))
            .ignoreExceptions()
            .untilAsserted(
                () -> {
                  assertThat(get(config, Component.SUPERVISION, "/orders/" + orderId + "/timeline"))
                      .contains("\"step\":\"RECEIVED\"");
                  assertThat(get(config, Component.DISPATCH, "/orders/" + orderId))
                      .contains("\"state\":\"RECEIVED\"");
                });
      }
      assertThat(accepted).hasSize(24).doesNotHaveDuplicates();
      assertThat(stack.supervisor().child(Component.INTAKE).orElseThrow().restarts())
          .isGreaterThanOrEqualTo(1);
      assertThat(stack.supervisor().child(Component.MONGO).orElseThrow().restarts())
          .isGreaterThanOrEqualTo(1);
    } finally {
      stack.stop();
      System.out.println(console.toString(StandardCharsets.UTF_8));
    }
  }

  private static void kill(Stack stack, Component component) {
    ManagedChild child = stack.supervisor().child(component).orElseThrow();
    child.process().destroyForcibly(); // SIGKILL
  }

  /** Opens an order, retrying while intake (or its Mongo) is down; returns the accepted id. */
  private static String openUntilAccepted(StackConfig config, int i) throws InterruptedException {
    String body =
        """
        {"channel":"PHONE","demandType":"HELP","category":{"code":"WATER.OUTAGE","path":["供水"]},
         "title":"停水 %d","description":"小区停水","location":{"address":"人民路%d号","divisionCode":"340602"},
         "caller":{"phone":"1370000%04d","anonymous":false,"confidential":false}}
        """
            .formatted(i, i, i);
    long deadline = System.nanoTime() + Duration.ofSeconds(180).toNanos();
    while (System.nanoTime() < deadline) {
      try {
        HttpResponse<String> response =
            HTTP.send(
                HttpRequest.newBuilder(config.baseUrl(Component.INTAKE).resolve("/orders"))
                    .timeout(Duration.ofSeconds(10))
                    .header("Content-Type", "application/json")
                    .header("X-Actor-Role", "OPERATOR")
                    .header("X-Actor-Id", "op-kill")
                    .POST(HttpRequest.BodyPublishers.ofString(body))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() == 201) {
          Matcher id = ORDER_ID.matcher(response.body());
          assertThat(id.find()).as(response.body()).isTrue();
          return id.group(1);
        }
      } catch (java.io.IOException notUp) {
        // intake is restarting: try again
      }
      Thread.sleep(250);
    }
    throw new AssertionError("intake did not accept order " + i + " within 180 s");
  }

  private static String get(StackConfig config, Component service, String path) throws Exception {
    HttpResponse<String> response =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(config.baseUrl(service) + path))
                .timeout(Duration.ofSeconds(10))
                .header("X-Actor-Role", "SUPERVISOR")
                .header("X-Actor-Id", "sup-kill")
                .build(),
            HttpResponse.BodyHandlers.ofString());
    return response.body();
  }
}
