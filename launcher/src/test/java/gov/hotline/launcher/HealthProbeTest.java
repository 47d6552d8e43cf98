package gov.hotline.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HealthProbeTest {

  @Test
  void a_down_service_says_which_component_is_down_and_why() {
    // what a service answered while mongo-java-server did not know the `hello` command
    String body =
        """
        {"status":"DOWN","groups":["liveness","readiness"],"components":{
          "diskSpace":{"status":"UP","details":{"total":270553174016}},
          "livenessState":{"status":"UP"},
          "mongo":{"status":"DOWN","details":{"error":"Command failed with error 59 (CommandNotFound): 'no such command: 'hello''"}},
          "ping":{"status":"UP"}}}
        """;

    HealthProbe.Health health = HealthProbe.interpret(503, body);

    assertThat(health.up()).isFalse();
    assertThat(health.answered()).isTrue();
    assertThat(health.describe())
        .isEqualTo(
            "DOWN (mongo DOWN: Command failed with error 59 (CommandNotFound): 'no such command:"
                + " 'hello'')");
  }

  @Test
  void up_is_up_and_a_non_actuator_answer_is_reported_by_its_status_code() {
    assertThat(HealthProbe.interpret(200, "{\"status\":\"UP\"}").up()).isTrue();
    assertThat(HealthProbe.interpret(404, "<html>not here</html>").describe())
        .isEqualTo("HTTP 404");
  }

  @Test
  void nobody_listening_is_no_answer() throws Exception {
    int port = LauncherIT.freePort();

    HealthProbe.Health health =
        new HealthProbe().check(java.net.URI.create("http://127.0.0.1:" + port));

    assertThat(health.answered()).isFalse();
    assertThat(health.describe()).isEqualTo("no answer");
    assertThat(HealthProbe.listening(port)).isFalse();
  }
}
