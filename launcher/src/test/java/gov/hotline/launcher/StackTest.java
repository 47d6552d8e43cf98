package gov.hotline.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.EnumSet;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StackTest {

  @TempDir Path tmp;

  private StackConfig config(Map<String, String> env) {
    Map<String, String> all = new java.util.HashMap<>(env);
    all.put("HOTLINE_HOME", tmp.toString());
    return StackConfig.fromEnvironment(all, tmp);
  }

  private final ByteArrayOutputStream console = new ByteArrayOutputStream();
  private final PrintStream out = new PrintStream(console, true, StandardCharsets.UTF_8);

  @Test
  void a_service_gets_its_port_the_broker_mongo_and_the_launchers_pid() {
    Stack stack = new Stack(config(Map.of("HOTLINE_KAFKA_PORT", "19092")), out);

    ChildSpec intake = stack.service(Component.INTAKE, Path.of("/x/intake.jar"), "a2V5");
    ChildSpec dispatch = stack.service(Component.DISPATCH, Path.of("/x/dispatch.jar"), "a2V5");

    assertThat(intake.environment())
        .containsEntry("SERVER_PORT", "8081")
        .containsEntry("HOTLINE_KAFKA_BOOTSTRAP", "127.0.0.1:19092")
        .containsEntry("HOTLINE_MONGO_URI", "mongodb://127.0.0.1:27017")
        .containsEntry("HOTLINE_CALLER_KEY", "a2V5")
        .containsEntry("HOTLINE_PARENT_PID", String.valueOf(ProcessHandle.current().pid()));
    assertThat(dispatch.environment())
        .containsEntry("SERVER_PORT", "8082")
        .doesNotContainKey("HOTLINE_CALLER_KEY");
    assertThat(intake.command())
        .containsSubsequence(
            "-Daxoniq.update-checker.disabled=true",
            "-Xmx512m",
            "-XX:+UseSerialGC",
            "-jar",
            "/x/intake.jar");
    assertThat(intake.logFile()).isEqualTo(tmp.resolve("data/logs/intake.log"));
  }

  @Test
  void one_jvm_hosts_the_four_services_each_on_its_own_port_and_is_ready_when_all_four_are_up() {
    Stack stack =
        new Stack(
            config(
                Map.of(
                    "HOTLINE_DISPATCH_PORT", "18082",
                    "HOTLINE_SERVICE_JVM_OPTS", " -XX:TieredStopAtLevel=1  -Xshare:auto ")),
            out);

    ChildSpec host = stack.servicesHost("/x/host.jar:/x/lib/*", "a2V5");

    assertThat(host.name()).isEqualTo("services");
    assertThat(host.serves())
        .containsExactlyInAnyOrder(
            Component.INTAKE, Component.DISPATCH, Component.SUPERVISION, Component.KNOWLEDGE);
    assertThat(host.environment())
        .containsEntry("HOTLINE_INTAKE_PORT", "8081")
        .containsEntry("HOTLINE_DISPATCH_PORT", "18082")
        .containsEntry("HOTLINE_SUPERVISION_PORT", "8083")
        .containsEntry("HOTLINE_KNOWLEDGE_PORT", "8084")
        .containsEntry("HOTLINE_CALLER_KEY", "a2V5")
        .containsEntry("HOTLINE_PARENT_PID", String.valueOf(ProcessHandle.current().pid()))
        .doesNotContainKey("SERVER_PORT"); // it would put all four on one port
    assertThat(host.command())
        .containsSubsequence(
            "-Xmx1g",
            "-XX:+UseG1GC",
            "-XX:TieredStopAtLevel=1",
            "-Xshare:auto",
            "-cp",
            "/x/host.jar:/x/lib/*",
            "gov.hotline.host.ServicesHost");
    assertThat(host.readiness())
        .isEqualTo(
            new ChildSpec.AllHealthy(
                java.util.List.of(
                    java.net.URI.create("http://127.0.0.1:8081"),
                    java.net.URI.create("http://127.0.0.1:18082"),
                    java.net.URI.create("http://127.0.0.1:8083"),
                    java.net.URI.create("http://127.0.0.1:8084"))));
    assertThat(host.logFile()).isEqualTo(tmp.resolve("data/logs/services.log"));
  }

  @Test
  void the_host_writes_a_class_data_archive_on_its_first_run_and_maps_it_until_a_jar_changes()
      throws Exception {
    Path lib = Files.createDirectories(tmp.resolve("host/lib"));
    Path jar = Files.writeString(tmp.resolve("host/host.jar"), "jar");
    Files.writeString(lib.resolve("a.jar"), "a");
    String classpath = jar + java.io.File.pathSeparator + lib.resolve("*");
    Path archive = tmp.resolve("data/cds/services-host.jsa");
    Stack stack = new Stack(config(Map.of()), out);

    assertThat(stack.cdsOptions(classpath))
        .contains("-XX:ArchiveClassesAtExit=" + archive + ".new", "-Xlog:cds=off");

    Files.writeString(archive, "archive");
    Files.setLastModifiedTime(
        archive, java.nio.file.attribute.FileTime.fromMillis(Stack.newestJar(classpath) + 1000));
    assertThat(stack.cdsOptions(classpath)).contains("-XX:SharedArchiveFile=" + archive);

    Files.setLastModifiedTime(
        lib.resolve("a.jar"),
        java.nio.file.attribute.FileTime.fromMillis(
            Files.getLastModifiedTime(archive).toMillis() + 1000));
    assertThat(stack.cdsOptions(classpath))
        .contains("-XX:ArchiveClassesAtExit=" + archive + ".new");
    assertThat(archive).doesNotExist(); // stale, so not mapped by anyone

    assertThat(new Stack(config(Map.of("HOTLINE_CDS", "off")), out).cdsOptions(classpath))
        .isEmpty();
  }

  @Test
  void one_jvm_without_the_host_jar_says_how_to_build_it() {
    Stack stack = new Stack(config(Map.of()), out);

    assertThatThrownBy(stack::servicesHostClasspath)
        .isInstanceOf(StartupException.class)
        .hasMessageContaining("services-host/target/services-host-*.jar")
        .hasMessageContaining("--jvm six");
  }

  @Test
  void a_port_in_use_is_named_with_the_variable_that_moves_it() throws Exception {
    try (ServerSocket taken = new ServerSocket()) {
      taken.bind(new InetSocketAddress("127.0.0.1", 0));
      int port = taken.getLocalPort();
      Stack stack =
          new Stack(
              config(
                  Map.of(
                      "HOTLINE_KAFKA_PORT", String.valueOf(port),
                      "HOTLINE_KAFKA_CONTROLLER_PORT", String.valueOf(LauncherIT.freePort()))),
              out);

      assertThatThrownBy(() -> stack.checkCanStart(EnumSet.of(Component.KAFKA)))
          .isInstanceOfSatisfying(
              StartupException.class,
              e -> {
                assertThat(e.exitCode()).isEqualTo(2);
                assertThat(e.getMessage())
                    .startsWith(
                        "Port already in use: "
                            + port
                            + " (kafka, set HOTLINE_KAFKA_PORT to move it)");
              });
    }
  }

  @Test
  void two_components_on_one_port_are_refused_before_anything_starts() {
    Stack stack =
        new Stack(
            config(Map.of("HOTLINE_KAFKA_PORT", "19999", "HOTLINE_MONGO_PORT", "19999")), out);

    assertThatThrownBy(() -> stack.checkCanStart(EnumSet.of(Component.MONGO, Component.KAFKA)))
        .hasMessageContaining("Two components share a port")
        .hasMessageContaining("19999 (mongo, set HOTLINE_MONGO_PORT to move it)")
        .hasMessageContaining("19999 (kafka, set HOTLINE_KAFKA_PORT to move it)");
  }

  @Test
  void missing_service_jars_are_listed_with_how_to_build_them() throws Exception {
    Files.createDirectories(tmp.resolve("intake-service/target"));
    Files.writeString(
        tmp.resolve("intake-service/target/intake-service-0.1.0-SNAPSHOT-exec.jar"), "");
    Stack stack = new Stack(config(Map.of()), out);

    assertThatThrownBy(stack::serviceJars)
        .hasMessageContaining("dispatch-service/target/dispatch-service-*-exec.jar")
        .hasMessageContaining("knowledge-service")
        .hasMessageNotContaining("intake-service/")
        .hasMessageContaining("./mvnw -DskipTests install");
  }

  @Test
  void the_caller_key_is_generated_once_private_and_reused() throws Exception {
    Path file = tmp.resolve("data/keys/caller-hmac.key");

    String key = CallerKey.ensure(file);

    assertThat(Base64.getDecoder().decode(key)).hasSize(32);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
    assertThat(CallerKey.ensure(file)).isEqualTo(key);
  }

  @Test
  void a_damaged_caller_key_is_not_silently_replaced() throws Exception {
    Path file = tmp.resolve("caller-hmac.key");
    Files.writeString(file, "not base64!");

    assertThatThrownBy(() -> CallerKey.ensure(file))
        .hasMessageContaining("does not hold a base64 key");
    assertThat(Files.readString(file)).isEqualTo("not base64!");
  }

  @Test
  void status_table_shows_what_runs_where() {
    StatusReport.Line kafka =
        new StatusReport.Line(Component.KAFKA, "4711", "127.0.0.1:9092", "UP", "/d/logs/kafka.log");
    StatusReport.Line intake =
        new StatusReport.Line(
            Component.INTAKE, "-", "http://127.0.0.1:8081", "no answer", "/d/logs/intake.log");

    assertThat(StatusReport.render(java.util.List.of(kafka, intake)))
        .isEqualTo(
            """
            NAME   | PID  | ADDRESS               | HEALTH    | LOG
            -------+------+-----------------------+-----------+-------------------
            kafka  | 4711 | 127.0.0.1:9092        | UP        | /d/logs/kafka.log
            intake | -    | http://127.0.0.1:8081 | no answer | /d/logs/intake.log
            """);
  }
}
