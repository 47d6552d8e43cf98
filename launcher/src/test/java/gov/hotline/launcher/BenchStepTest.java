package gov.hotline.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import gov.hotline.contract.EventType;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BenchStepTest {

  @Test
  void the_steps_follow_the_demo_path_each_done_by_its_event() {
    List<String> path = new ArrayList<>();
    for (Optional<BenchStep> s = Optional.of(BenchStep.OPEN); s.isPresent(); s = s.get().next()) {
      path.add(s.get().label + ":" + BenchStep.shortType(s.get().ceType));
    }

    assertThat(path)
        .containsExactly(
            "open:received",
            "dispatch:dispatched",
            "handle:handled",
            "review:audited",
            "callback:revisited");
    assertThat(BenchStep.ofCeType(EventType.WORKORDER_AUDITED.ceType())).contains(BenchStep.REVIEW);
    assertThat(BenchStep.ofCeType("gov.hotline.knowledge.article.drafted.v1")).isEmpty();
    assertThat(BenchStep.shortType("gov.hotline.knowledge.article.drafted.v1"))
        .isEqualTo("gov.hotline.knowledge.article.drafted.v1");
  }

  @Test
  void an_early_command_is_retried_sooner_first_then_at_most_once_a_second() {
    List<Long> pauses = new ArrayList<>();
    long pause = BenchDriver.FIRST_BACKOFF_MS;
    for (int i = 0; i < 14; i++) {
      pauses.add(pause);
      pause = BenchDriver.nextBackoff(pause);
    }

    assertThat(pauses).startsWith(20L, 30L, 45L, 67L, 100L).endsWith(1000L, 1000L);
    assertThat(pauses).isSorted();
  }
}
