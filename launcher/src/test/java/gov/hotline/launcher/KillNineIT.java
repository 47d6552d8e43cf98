package gov.hotline.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import gov.hotline.api.client.HotlineClient;
import gov.hotline.api.client.HotlineClient.Actor;
import gov.hotline.api.intake.OpenOrderRequest;
import gov.hotline.contract.ContractJson;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The promise of the local stack, for real: with the four service jars, the Kafka broker and the
 * Mongo server as separate processes (as under {@code ./hotline up}), each of the six is killed
 * with SIGKILL in turn while the demo drives whole lifecycles and an operator keeps opening orders.
 * Every acknowledged request produced exactly one order — one {@code Received} event id, however
 * often the at-least-once relay sent it — every view shows it once, and the demo closes every one
 * of its orders without opening one twice.
 */
class KillNineIT {
  private static final int DEMO_ORDERS = 40;
  private static final int OPENS_PER_KILL = 4;
  private static final List<Component> KILL_ORDER =
      List.of(
          Component.INTAKE,
          Component.DISPATCH,
          Component.SUPERVISION,
          Component.KNOWLEDGE,
          Component.KAFKA,
          Component.MONGO);

  @TempDir Path tmp;

  @Test
  void every_acknowledged_order_exists_once_and_the_demo_closes_all_while_each_process_is_killed()
      throws Exception {
    Path home = Path.of("").toAbsolutePath().getParent();
    Map<Component, Integer> ports = new EnumMap<>(Component.class);
    for (Component component : Component.values()) {
      ports.put(component, LauncherIT.freePort());
    }
    StackConfig config =
        StackConfig.fromEnvironment(Map.of("HOTLINE_HOME", home.toString()), home)
            .withDataDirAndPorts(tmp, ports, LauncherIT.freePort());
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
      stack.startServices(stack.serviceJars());
      stack.superviseAll();
      LifecycleTopic topic = LifecycleTopic.on(config.kafkaBootstrap());
      Map<Integer, Long> mark = topic.mark().orElseThrow();

      // rides through every restart: no answer and 5xx are tried again, opens with one key each
      HotlineClient client = KillDrill.patientClient(config);
      HotlineClient operator = client.as(Actor.operator("op-kill"));
      String run = UUID.randomUUID().toString().substring(0, 8);
      List<UUID> acknowledged = new CopyOnWriteArrayList<>();
      CompletableFuture<Integer> demo =
          KillDrill.demoInBackground(config, demoOut, topic, DEMO_ORDERS);

      await("the demo under way")
          .atMost(Duration.ofMinutes(3))
          .until(() -> topic.since(mark).map(List::size).orElse(0) >= 10 || demo.isDone());
      int nextDemand = 0;
      for (Component victim : KILL_ORDER) {
        // an operator keeps taking calls while the process dies and comes back
        int first = nextDemand;
        nextDemand += OPENS_PER_KILL;
        int last = nextDemand;
        CompletableFuture<Void> opens =
            CompletableFuture.runAsync(
                () -> {
                  for (int i = first; i < last; i++) {
                    acknowledged.add(operator.openOrder(demand(run, i)).orderId());
                  }
                });
        ManagedChild child = stack.supervisor().child(victim).orElseThrow();
        int restarts = child.restarts();
        child.process().destroyForcibly(); // SIGKILL
        await(victim + " back after SIGKILL")
            .atMost(Duration.ofMinutes(3))
            .until(() -> child.restarts() > restarts && child.state() == ManagedChild.State.UP);
        opens.get(5, TimeUnit.MINUTES);
      }

      assertThat(demo.get(10, TimeUnit.MINUTES))
          .as("demo exit code; its report:%n%s", demoOut.toString(StandardCharsets.UTF_8))
          .isZero();
      assertThat(demoOut.toString(StandardCharsets.UTF_8))
          .contains("Orders closed: " + DEMO_ORDERS + "/" + DEMO_ORDERS);

      HotlineClient reader = client.as(Actor.supervisor("sup-kill"));
      KillDrill.awaitReceivedInEveryView(reader, acknowledged);

      // the topic: each demand of the operator became one order, with one Received event id
      Map<Integer, Set<String>> ordersByDemand = new TreeMap<>();
      Map<String, Set<String>> receivedIdsByOrder = new LinkedHashMap<>();
      for (LifecycleTopic.TopicRecord record : topic.since(mark).orElseThrow()) {
        if (record.ceType() == null || !record.ceType().contains(".received.")) {
          continue;
        }
        String title = ContractJson.mapper().readTree(record.value()).path("title").asText();
        if (title.startsWith(titlePrefix(run))) {
          int demand = Integer.parseInt(title.substring(titlePrefix(run).length()));
          ordersByDemand.computeIfAbsent(demand, d -> new HashSet<>()).add(record.key());
          receivedIdsByOrder.computeIfAbsent(record.key(), k -> new HashSet<>()).add(record.ceId());
        }
      }
      assertThat(acknowledged).doesNotHaveDuplicates();
      assertThat(acknowledged).hasSize(KILL_ORDER.size() * OPENS_PER_KILL);
      assertThat(ordersByDemand).hasSize(acknowledged.size());
      assertThat(ordersByDemand.values()).allSatisfy(orders -> assertThat(orders).hasSize(1));
      assertThat(receivedIdsByOrder.keySet())
          .containsExactlyInAnyOrderElementsOf(acknowledged.stream().map(UUID::toString).toList());
      assertThat(receivedIdsByOrder.values()).allSatisfy(ids -> assertThat(ids).hasSize(1));
      for (Component victim : KILL_ORDER) {
        assertThat(stack.supervisor().child(victim).orElseThrow().restarts())
            .as("restarts of %s", victim)
            .isGreaterThanOrEqualTo(1);
      }
    } finally {
      stack.stop();
      System.out.println(console.toString(StandardCharsets.UTF_8));
      System.out.println(demoOut.toString(StandardCharsets.UTF_8));
    }
  }

  private static String titlePrefix(String run) {
    return "停水 " + run + " #";
  }

  private static OpenOrderRequest demand(String run, int i) {
    return KillDrill.demand(titlePrefix(run), "1370000", i);
  }
}
