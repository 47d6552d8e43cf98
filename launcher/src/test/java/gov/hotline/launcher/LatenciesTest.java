package gov.hotline.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LatenciesTest {

  @Test
  void percentiles_are_exact_nearest_rank_in_milliseconds() {
    Latencies latencies = new Latencies();
    for (int ms = 100; ms >= 1; ms--) {
      latencies.record(ms * 1_000_000L);
    }

    Latencies.Summary summary = latencies.summary();

    assertThat(summary.count()).isEqualTo(100);
    assertThat(summary.p50()).isEqualTo(50.0);
    assertThat(summary.p95()).isEqualTo(95.0);
    assertThat(summary.p99()).isEqualTo(99.0);
    assertThat(summary.max()).isEqualTo(100.0);
    assertThat(summary.mean()).isEqualTo(50.5);
  }

  @Test
  void nothing_recorded_is_a_summary_of_nothing_and_negative_durations_count_as_zero() {
    assertThat(new Latencies().summary()).isEqualTo(Latencies.Summary.NONE);

    Latencies latencies = new Latencies();
    latencies.record(-5);
    assertThat(latencies.summary().max()).isZero();
  }
}
