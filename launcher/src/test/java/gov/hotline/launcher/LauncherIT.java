package gov.hotline.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The infrastructure half of {@code ./hotline up}, for real: Mongo and Kafka as child JVMs on free
 * ports in a temporary data directory, a broker killed with SIGKILL and brought back by the
 * supervisor, and an ordered stop that leaves no process behind. (The services are left out: the
 * end-to-end IT with them comes with the lead's test-scope service dependencies.)
 */
class LauncherIT {

  @TempDir Path tmp;

  static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  /** Everything printed goes to the test's own output as well as to a buffer we assert on. */
  private static PrintStream tee(ByteArrayOutputStream buffer) {
    OutputStream both =
        new OutputStream() {
          @Override
          public void write(int b) {
            buffer.write(b);
            System.out.write(b);
          }

          @Override
          public void write(byte[] b, int off, int len) {
            buffer.write(b, off, len);
            System.out.write(b, off, len);
          }
        };
    return new PrintStream(both, true, StandardCharsets.UTF_8);
  }

  @Test
  void infrastructure_starts_a_killed_broker_comes_back_and_stop_leaves_nothing_running()
      throws Exception {
    int mongoPort = freePort();
    int kafkaPort = freePort();
    int controllerPort = freePort();
    StackConfig config =
        StackConfig.fromEnvironment(Map.of("HOTLINE_DATA", tmp.toString()), tmp)
            .withDataDirAndPorts(
                tmp,
                Map.of(Component.MONGO, mongoPort, Component.KAFKA, kafkaPort),
                controllerPort);
    ByteArrayOutputStream console = new ByteArrayOutputStream();
    RestartPolicy quick =
        new RestartPolicy(5, Duration.ofMinutes(1), Duration.ofMillis(200), Duration.ofSeconds(5));
    Stack stack = new Stack(config, tee(console), quick, Clock.systemUTC());
    try {
      stack.checkCanStart(EnumSet.of(Component.MONGO, Component.KAFKA));
      stack.startInfrastructure();
      stack.superviseAll();

      ManagedChild mongo = stack.supervisor().child(Component.MONGO).orElseThrow();
      ManagedChild kafka = stack.supervisor().child(Component.KAFKA).orElseThrow();
      assertThat(mongo.readyLine()).contains("READY mongo 127.0.0.1:" + mongoPort);
      assertThat(kafka.readyLine()).contains("READY kafka 127.0.0.1:" + kafkaPort);
      assertThat(Files.readString(tmp.resolve("logs/kafka.log"))).contains("READY kafka");
      assertThat(Files.readString(tmp.resolve("stack.json"))).contains("\"kafka\"", "\"mongo\"");
      assertThat(TopicCounter.count(config.kafkaBootstrap(), TopicCounter.LIFECYCLE_TOPIC))
          .hasValue(0);

      ProcessHandle firstBroker = kafka.process().toHandle();
      kafka.process().destroyForcibly();

      await("the supervisor restarts the broker")
          .atMost(Duration.ofSeconds(45))
          .pollInterval(Duration.ofMillis(200))
          .until(
              () ->
                  kafka.restarts() == 1
                      && kafka.state() == ManagedChild.State.UP
                      && kafka.pid() != firstBroker.pid());
      assertThat(firstBroker.isAlive()).isFalse();
      assertThat(kafka.readyLine()).contains("READY kafka 127.0.0.1:" + kafkaPort);
      assertThat(console.toString(StandardCharsets.UTF_8))
          .contains("kafka (pid " + firstBroker.pid() + ") exited unexpectedly")
          .contains("kafka is back up (pid " + kafka.pid());
      assertThat(TopicCounter.count(config.kafkaBootstrap(), TopicCounter.LIFECYCLE_TOPIC))
          .hasValue(0);
      assertThat(mongo.state()).isEqualTo(ManagedChild.State.UP);

      List<ProcessHandle> children =
          List.of(mongo.process().toHandle(), kafka.process().toHandle());
      stack.stop();

      assertThat(children).noneMatch(ProcessHandle::isAlive);
      assertThat(mongo.state()).isEqualTo(ManagedChild.State.STOPPED);
      assertThat(kafka.state()).isEqualTo(ManagedChild.State.STOPPED);
      String output = console.toString(StandardCharsets.UTF_8);
      assertThat(output.indexOf("Stopping kafka")).isLessThan(output.indexOf("Stopping mongo"));
      assertThat(output).doesNotContain("did not stop within");
      assertThat(tmp.resolve("stack.json")).doesNotExist();
      assertThat(PortCheck.canBind(kafkaPort)).isTrue();
      assertThat(PortCheck.canBind(mongoPort)).isTrue();
    } finally {
      stack.stop();
    }
  }

  @Test
  void a_wrapped_child_exits_through_its_shutdown_hooks_when_its_parent_is_killed()
      throws Exception {
    Process parent = new ProcessBuilder("sleep", "300").start();
    Path log = tmp.resolve("child.log");
    Process child =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                ChildMain.class.getName(),
                "--parent-pid=" + parent.pid(),
                "--main=" + BlockingMain.class.getName(),
                "--port=1")
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    try {
      await("the child is up")
          .atMost(Duration.ofSeconds(20))
          .until(() -> Files.readString(log).contains("READY blocking --port=1"));
      assertThat(child.isAlive()).isTrue();

      parent.destroyForcibly(); // SIGKILL, as for a launcher killed with kill -9

      await("the child notices").atMost(Duration.ofSeconds(15)).until(() -> !child.isAlive());
      assertThat(child.exitValue()).isZero();
      assertThat(Files.readString(log))
          .contains("is gone; shutting down this child process")
          .contains("SHUTDOWN HOOK RAN");
    } finally {
      parent.destroyForcibly();
      child.destroyForcibly();
    }
  }
}
