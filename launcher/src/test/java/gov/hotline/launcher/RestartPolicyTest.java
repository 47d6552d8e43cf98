package gov.hotline.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RestartPolicyTest {

  private final RestartPolicy policy = RestartPolicy.DEFAULT;
  private final Instant t0 = Instant.parse("2026-11-25T10:00:00Z");

  @Test
  void backoff_doubles_with_each_crash_and_gives_up_at_the_fifth_within_a_minute() {
    RestartPolicy.CrashHistory history = new RestartPolicy.CrashHistory();

    assertThat(policy.onCrash(history, t0)).contains(Duration.ofSeconds(1));
    assertThat(policy.onCrash(history, t0.plusSeconds(5))).contains(Duration.ofSeconds(2));
    assertThat(policy.onCrash(history, t0.plusSeconds(10))).contains(Duration.ofSeconds(4));
    assertThat(policy.onCrash(history, t0.plusSeconds(20))).contains(Duration.ofSeconds(8));
    assertThat(policy.onCrash(history, t0.plusSeconds(40))).isEmpty();
  }

  @Test
  void crashes_older_than_the_window_are_forgotten() {
    RestartPolicy.CrashHistory history = new RestartPolicy.CrashHistory();
    for (int i = 0; i < 4; i++) {
      policy.onCrash(history, t0.plusSeconds(i));
    }

    assertThat(policy.onCrash(history, t0.plusSeconds(120))).contains(Duration.ofSeconds(1));
  }

  @Test
  void backoff_never_exceeds_its_maximum() {
    RestartPolicy patient =
        new RestartPolicy(100, Duration.ofHours(1), Duration.ofSeconds(1), Duration.ofSeconds(30));
    RestartPolicy.CrashHistory history = new RestartPolicy.CrashHistory();
    Duration last = Duration.ZERO;
    for (int i = 0; i < 20; i++) {
      last = patient.onCrash(history, t0.plusSeconds(i)).orElseThrow();
    }
    assertThat(last).isEqualTo(Duration.ofSeconds(30));
  }
}
