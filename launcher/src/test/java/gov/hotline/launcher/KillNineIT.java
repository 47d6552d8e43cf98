package gov.hotline.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import gov.hotline.api.client.HotlineClient;
import gov.hotline.api.client.HotlineClient.Actor;
import gov.hotline.api.client.RetryPolicy;
import gov.hotline.api.intake.OpenOrderRequest;
import gov.hotline.contract.workorder.Channel;
import gov.hotline.contract.workorder.DemandType;
import gov.hotline.contract.workorder.OrderState;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The promise of the local stack, for real: every demand intake acknowledged reaches the other
 * services although intake and the Mongo server are killed with SIGKILL right after acknowledging —
 * the four service jars and the infrastructure run as separate processes, as under {@code ./hotline
 * up}.
 */
class KillNineIT {

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

      // rides through intake (or its Mongo) restarting: no answer and 5xx are tried again
      HotlineClient client =
          HotlineClient.builder(config.endpoints())
              .retry(RetryPolicy.within(Duration.ofSeconds(180)))
              .requestTimeout(Duration.ofSeconds(10))
              .connectTimeout(Duration.ofSeconds(2))
              .build();
      HotlineClient operator = client.as(Actor.operator("op-kill"));
      HotlineClient supervisor = client.as(Actor.supervisor("sup-kill"));
      List<UUID> accepted = new ArrayList<>();
      for (int i = 0; i < 24; i++) {
        accepted.add(operator.openOrder(demand(i)).orderId());
        if (i == 8) {
          kill(stack, Component.INTAKE);
        }
        if (i == 16) {
          kill(stack, Component.MONGO);
        }
      }

      HotlineClient reader = supervisor.withRetry(RetryPolicy.NONE);
      for (UUID orderId : accepted) {
        await()
            .atMost(Duration.ofSeconds(180))
            .pollInterval(Duration.ofMillis(500))
            .ignoreExceptions()
            .untilAsserted(
                () -> {
                  assertThat(reader.timeline(orderId).events())
                      .extracting(e -> e.step())
                      .contains("RECEIVED");
                  assertThat(reader.dispatchOrder(orderId).state()).isEqualTo(OrderState.RECEIVED);
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

  private static OpenOrderRequest demand(int i) {
    return new OpenOrderRequest(
        Channel.PHONE,
        DemandType.HELP,
        new OpenOrderRequest.CategoryRequest("WATER.OUTAGE", List.of("供水")),
        null,
        "停水 " + i,
        "小区停水",
        new OpenOrderRequest.LocationRequest("人民路" + i + "号", "340602", null, null),
        new OpenOrderRequest.CallerRequest(String.format("1370000%04d", i), null, false, false),
        null);
  }
}
