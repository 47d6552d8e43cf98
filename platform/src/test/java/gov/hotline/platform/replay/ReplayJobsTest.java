package gov.hotline.platform.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import gov.hotline.api.admin.Replay;
import gov.hotline.api.admin.ReplayState;
import gov.hotline.platform.domain.RuleViolation;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

class ReplayJobsTest {
  private final ReplayJobs jobs = new ReplayJobs(Clock.systemUTC());

  @Test
  void a_replay_reports_its_progress_and_figures_and_only_one_runs_at_a_time() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    Replay started =
        jobs.start(
            "processor",
            "some-view",
            progress -> {
              progress.expect(3);
              progress.add(2);
              release.await();
              progress.add(1);
              progress.figure("storedEventsAtEnd", 3);
            });

    assertThat(started.state()).isEqualTo(ReplayState.RUNNING);
    assertThatThrownBy(() -> jobs.start("timeline", "t", progress -> {}))
        .isInstanceOfSatisfying(
            RuleViolation.class, e -> assertThat(e.code()).isEqualTo("replay-running"));
    await()
        .atMost(Duration.ofSeconds(5))
        .until(() -> jobs.find(started.replayId()).orElseThrow().events() == 2);
    release.countDown();

    Replay done =
        await()
            .atMost(Duration.ofSeconds(5))
            .until(() -> jobs.find(started.replayId()).orElseThrow(), Replay::done);
    assertThat(done.state()).isEqualTo(ReplayState.DONE);
    assertThat(done.events()).isEqualTo(3);
    assertThat(done.expectedEvents()).isEqualTo(3);
    assertThat(done.figures()).containsEntry("storedEventsAtEnd", 3L);
    assertThat(done.target()).isEqualTo("some-view");
    assertThat(jobs.find("nope")).isEmpty();
  }

  @Test
  void a_failed_replay_says_why_and_the_next_may_start() {
    Replay failed =
        jobs.start(
            "timeline",
            "t",
            progress -> {
              throw new IllegalStateException("broker gone");
            });
    Replay status =
        await()
            .atMost(Duration.ofSeconds(5))
            .until(() -> jobs.find(failed.replayId()).orElseThrow(), Replay::done);

    assertThat(status.state()).isEqualTo(ReplayState.FAILED);
    assertThat(status.error()).contains("broker gone");
    // a replay with nothing to do may be done before its first status is read
    assertThat(jobs.start("timeline", "t2", progress -> {}).replayId()).isNotBlank();
  }

  @Test
  void aggregate_states_compare_as_json_regardless_of_the_order_of_a_sets_elements() {
    byte[] one =
        "{\"id\":\"a\",\"observed\":[\"x\",\"y\"],\"p\":{\"n\":1}}"
            .getBytes(StandardCharsets.UTF_8);
    byte[] same =
        "{\"observed\":[\"y\",\"x\"],\"p\":{\"n\":1},\"id\":\"a\"}"
            .getBytes(StandardCharsets.UTF_8);
    byte[] other =
        "{\"id\":\"a\",\"observed\":[\"x\"],\"p\":{\"n\":1}}".getBytes(StandardCharsets.UTF_8);

    assertThat(AggregateLoads.sameState(one, same, "a")).isTrue();
    assertThat(AggregateLoads.sameState(one, other, "a")).isFalse();
  }
}
