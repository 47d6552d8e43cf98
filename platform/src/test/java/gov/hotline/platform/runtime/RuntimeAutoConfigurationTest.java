package gov.hotline.platform.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class RuntimeAutoConfigurationTest {
  private final ApplicationContextRunner runner =
      new ApplicationContextRunner()
          .withConfiguration(AutoConfigurations.of(RuntimeAutoConfiguration.class))
          .withPropertyValues("hotline.service=dispatch");

  @Test
  void a_service_gets_its_settings_with_defaults_and_a_utc_clock() {
    runner.run(
        context -> {
          HotlineProperties properties = context.getBean(HotlineProperties.class);
          assertThat(properties.source()).isEqualTo("/hotline/dispatch");
          assertThat(properties.zone()).isEqualTo(ZoneId.of("Asia/Shanghai"));
          assertThat(properties.consumer().concurrency()).isEqualTo(1);
          assertThat(properties.relay().ackTimeout()).isEqualTo(Duration.ofSeconds(30));
          assertThat(properties.topics().partitions()).isEqualTo(6);
          assertThat(context.getBean(Clock.class).getZone()).isEqualTo(ZoneOffset.UTC);
          assertThat(context.getBean(Clock.class).instant().getNano() % 1_000_000).isZero();
          assertThat(context).doesNotHaveBean(ParentProcessWatcher.class);
        });
  }

  @Test
  void a_clock_of_the_service_wins() {
    Clock fixed = Clock.fixed(Instant.parse("2026-11-24T02:00:00Z"), ZoneOffset.UTC);
    runner
        .withBean(Clock.class, () -> fixed)
        .run(context -> assertThat(context.getBean(Clock.class)).isSameAs(fixed));
  }

  @Test
  void a_service_without_a_name_does_not_start() {
    new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(RuntimeAutoConfiguration.class))
        .run(
            context ->
                assertThat(context)
                    .hasFailed()
                    .getFailure()
                    .rootCause()
                    .hasMessageContaining("hotline.service must name the service"));
  }

  @Test
  void a_service_started_by_the_launcher_watches_it() {
    // this JVM's own parent is alive, so the watcher runs and does nothing
    long parent = ProcessHandle.current().parent().orElseThrow().pid();
    runner
        .withPropertyValues("HOTLINE_PARENT_PID=" + parent)
        .run(
            context ->
                assertThat(context.getBean(ParentProcessWatcher.class).isRunning()).isTrue());
  }
}
