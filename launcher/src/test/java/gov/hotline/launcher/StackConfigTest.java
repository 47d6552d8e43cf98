package gov.hotline.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StackConfigTest {

  @TempDir Path tmp;

  @Test
  void defaults_follow_the_decided_ports_and_put_data_under_the_repository() {
    Path home = tmp.resolve("repo");
    StackConfig config = StackConfig.fromEnvironment(Map.of("HOTLINE_HOME", home.toString()), tmp);

    assertThat(config.home()).contains(home);
    assertThat(config.dataDir()).contains(home.resolve("data"));
    assertThat(config.port(Component.INTAKE)).isEqualTo(8081);
    assertThat(config.port(Component.DISPATCH)).isEqualTo(8082);
    assertThat(config.port(Component.SUPERVISION)).isEqualTo(8083);
    assertThat(config.port(Component.KNOWLEDGE)).isEqualTo(8084);
    assertThat(config.port(Component.KAFKA)).isEqualTo(9092);
    assertThat(config.kafkaControllerPort()).isEqualTo(9093);
    assertThat(config.port(Component.MONGO)).isEqualTo(27017);
    assertThat(config.kafkaBootstrap()).isEqualTo("127.0.0.1:9092");
    assertThat(config.mongoUri()).isEqualTo("mongodb://127.0.0.1:27017");
    assertThat(config.baseUrl(Component.INTAKE)).isEqualTo(URI.create("http://127.0.0.1:8081"));
    assertThat(config.logFile(Component.KAFKA)).isEqualTo(home.resolve("data/logs/kafka.log"));
    assertThat(config.callerKeyFile()).isEqualTo(home.resolve("data/keys/caller-hmac.key"));
    assertThat(config.callerKey()).isEmpty();
  }

  @Test
  void every_port_and_the_data_directory_can_be_moved() {
    StackConfig config =
        StackConfig.fromEnvironment(
            Map.of(
                "HOTLINE_HOME", tmp.toString(),
                "HOTLINE_DATA", "elsewhere",
                "HOTLINE_KAFKA_PORT", "19092",
                "HOTLINE_KAFKA_CONTROLLER_PORT", "19093",
                "HOTLINE_MONGO_PORT", "37017",
                "HOTLINE_DISPATCH_PORT", "18082",
                "HOTLINE_SUPERVISION_URL", "http://10.0.0.5:9000/",
                "HOTLINE_CALLER_KEY", " a2V5 "),
            tmp);

    assertThat(config.dataDir()).contains(tmp.resolve("elsewhere"));
    assertThat(config.port(Component.KAFKA)).isEqualTo(19092);
    assertThat(config.kafkaControllerPort()).isEqualTo(19093);
    assertThat(config.kafkaBootstrap()).isEqualTo("127.0.0.1:19092");
    assertThat(config.mongoUri()).isEqualTo("mongodb://127.0.0.1:37017");
    assertThat(config.baseUrl(Component.DISPATCH)).isEqualTo(URI.create("http://127.0.0.1:18082"));
    assertThat(config.baseUrl(Component.SUPERVISION)).isEqualTo(URI.create("http://10.0.0.5:9000"));
    assertThat(config.address(Component.KAFKA)).isEqualTo("127.0.0.1:19092");
    assertThat(config.callerKey()).contains("a2V5");
  }

  @Test
  void the_jvm_mode_and_extra_service_options_come_from_the_environment() {
    StackConfig defaults = StackConfig.fromEnvironment(Map.of("HOTLINE_HOME", tmp.toString()), tmp);
    StackConfig six =
        StackConfig.fromEnvironment(
            Map.of(
                "HOTLINE_HOME",
                tmp.toString(),
                "HOTLINE_JVM",
                "Six",
                "HOTLINE_SERVICE_JVM_OPTS",
                "-XX:TieredStopAtLevel=1 -Xss512k"),
            tmp);

    assertThat(defaults.jvmMode()).isEqualTo(JvmMode.DEFAULT);
    assertThat(defaults.serviceJvmOptions()).isEmpty();
    assertThat(six.jvmMode()).isEqualTo(JvmMode.SIX);
    assertThat(six.serviceJvmOptions()).containsExactly("-XX:TieredStopAtLevel=1", "-Xss512k");
    assertThat(six.withJvmMode(JvmMode.ONE).jvmMode()).isEqualTo(JvmMode.ONE);
    assertThatThrownBy(() -> StackConfig.fromEnvironment(Map.of("HOTLINE_JVM", "four"), tmp))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("HOTLINE_JVM must be one or six, not 'four'");
  }

  @Test
  void a_bad_port_names_its_variable() {
    assertThatThrownBy(() -> StackConfig.fromEnvironment(Map.of("HOTLINE_INTAKE_PORT", "80a"), tmp))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("HOTLINE_INTAKE_PORT must be a port number between 1 and 65535, not '80a'");
    assertThatThrownBy(
            () -> StackConfig.fromEnvironment(Map.of("HOTLINE_KAFKA_PORT", "70000"), tmp))
        .hasMessageStartingWith("HOTLINE_KAFKA_PORT must be a port number");
    assertThatThrownBy(
            () -> StackConfig.fromEnvironment(Map.of("HOTLINE_INTAKE_URL", "localhost"), tmp))
        .hasMessage(
            "HOTLINE_INTAKE_URL must be a base URL such as http://127.0.0.1:8081, not 'localhost'");
  }

  @Test
  void without_hotline_home_the_repository_is_found_above_the_working_directory()
      throws IOException {
    Path repo = tmp.resolve("repo");
    Path deep = Files.createDirectories(repo.resolve("intake-service/src/main"));
    Files.writeString(repo.resolve("hotline"), "#!/bin/sh\n");
    Files.writeString(repo.resolve("pom.xml"), "<project/>");

    StackConfig config = StackConfig.fromEnvironment(Map.of(), deep);

    assertThat(config.home()).contains(repo);
    assertThat(config.dataDir()).contains(repo.resolve("data"));
  }

  @Test
  void without_a_repository_up_says_how_to_name_one() {
    StackConfig config = StackConfig.fromEnvironment(Map.of(), tmp);

    assertThat(config.home()).isEmpty();
    assertThatThrownBy(config::requireDataDir)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("set HOTLINE_HOME or HOTLINE_DATA");
  }
}
