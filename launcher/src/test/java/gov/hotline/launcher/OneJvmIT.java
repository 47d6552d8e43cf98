package gov.hotline.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import gov.hotline.api.client.HotlineClient;
import gov.hotline.api.client.HotlineClient.Actor;
import gov.hotline.api.intake.OpenOrderRequest;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./hotline up --jvm one}, for real: the four services as separate Spring contexts in one
 * child JVM (from {@code services-host/target}), Kafka and Mongo as their own. The demo drives
 * whole lifecycles through the loop while the host is killed with SIGKILL and an operator keeps
 * opening orders: the supervisor brings the four back as one, the demo closes every order, and
 * every acknowledged order is in each service's view exactly once.
 */
class OneJvmIT {
  private static final int DEMO_ORDERS = 12;
  private static final int OPENS = 4;

  @TempDir Path tmp;

  @Test
  void the_loop_runs_in_one_jvm_and_a_killed_host_comes_back_with_nothing_lost() throws Exception {
    Path home = Path.of("").toAbsolutePath().getParent();
    Map<Component, Integer> ports = new EnumMap<>(Component.class);
    for (Component component : Component.values()) {
      ports.put(component, LauncherIT.freePort());
    }
    StackConfig config =
        StackConfig.fromEnvironment(Map.of("HOTLINE_HOME", home.toString()), home)
            .withDataDirAndPorts(tmp, ports, LauncherIT.freePort())
            .withJvmMode(JvmMode.ONE);
    RestartPolicy quick =
        new RestartPolicy(5, Duration.ofMinutes(2), Duration.ofMillis(200), Duration.ofSeconds(5));
    ByteArrayOutputStream console = new ByteArrayOutputStream();
    ByteArrayOutputStream demoOut = new ByteArrayOutputStream();
    Stack stack =
        new Stack(
            config,
            new PrintStream(console, true, StandardCharsets.UTF_8),
            quick,
            Clock.systemUTC());
    try {
      stack.startInfrastructure();
      stack.startServicesHost(stack.servicesHostClasspath(), false);
      stack.superviseAll();
      ManagedChild host = stack.supervisor().child(Component.INTAKE).orElseThrow();
      assertThat(host.name()).isEqualTo("services");
      assertThat(stack.supervisor().children()).hasSize(3); // mongo, kafka, the host
      assertThat(stack.table())
          .contains("intake", "dispatch", "supervision", "knowledge", "services.log");
      StackState state = StackState.read(config.stateFile()).orElseThrow();
      for (Component service : Component.services()) {
        assertThat(state.serving(service).map(StackState.Entry::pid)).contains(host.pid());
      }

      LifecycleTopic topic = LifecycleTopic.on(config.kafkaBootstrap());
      Map<Integer, Long> mark = topic.mark().orElseThrow();
      HotlineClient client = KillDrill.patientClient(config);
      CompletableFuture<Integer> demo =
          KillDrill.demoInBackground(config, demoOut, topic, DEMO_ORDERS);
      await("the demo under way")
          .atMost(Duration.ofMinutes(3))
          .until(() -> topic.since(mark).map(List::size).orElse(0) >= 5 || demo.isDone());

      // an operator keeps taking calls while the host (all four services) dies and comes back
      HotlineClient operator = client.as(Actor.operator("op-onejvm"));
      String run = UUID.randomUUID().toString().substring(0, 8);
      List<UUID> acknowledged = new CopyOnWriteArrayList<>();
      CompletableFuture<Void> opens =
          CompletableFuture.runAsync(
              () -> {
                for (int i = 0; i < OPENS; i++) {
                  acknowledged.add(operator.openOrder(demand(run, i)).orderId());
                }
              });
      long killed = host.pid();
      host.process().destroyForcibly(); // SIGKILL
      await("the host back after SIGKILL")
          .atMost(Duration.ofMinutes(3))
          .until(() -> host.restarts() == 1 && host.state() == ManagedChild.State.UP);
      assertThat(host.pid()).isNotEqualTo(killed);
      opens.get(5, TimeUnit.MINUTES);

      assertThat(demo.get(10, TimeUnit.MINUTES))
          .as("demo exit code; its report:%n%s", demoOut.toString(StandardCharsets.UTF_8))
          .isZero();
      assertThat(demoOut.toString(StandardCharsets.UTF_8))
          .contains("Orders closed: " + DEMO_ORDERS + "/" + DEMO_ORDERS);

      HotlineClient reader = client.as(Actor.supervisor("sup-onejvm"));
      assertThat(acknowledged).hasSize(OPENS).doesNotHaveDuplicates();
      KillDrill.awaitReceivedInEveryView(reader, acknowledged);
      // each acknowledged demand is one order on the topic, with one Received event id
      Map<String, List<String>> receivedIds = new java.util.HashMap<>();
      for (LifecycleTopic.TopicRecord record : topic.since(mark).orElseThrow()) {
        if (record.ceType() != null && record.ceType().contains(".received.")) {
          receivedIds
              .computeIfAbsent(record.key(), k -> new java.util.ArrayList<>())
              .add(record.ceId());
        }
      }
      for (UUID orderId : acknowledged) {
        assertThat(receivedIds.get(orderId.toString()))
            .as("Received events of %s", orderId)
            .hasSize(1);
      }
    } finally {
      stack.stop();
      System.out.println(console.toString(StandardCharsets.UTF_8));
      System.out.println(demoOut.toString(StandardCharsets.UTF_8));
    }
    assertThat(console.toString(StandardCharsets.UTF_8))
        .contains("Stopping services (pid", "services stopped", "All stopped.");
  }

  private static OpenOrderRequest demand(String run, int i) {
    return KillDrill.demand("停水 " + run + " #", "1370001", i);
  }
}
