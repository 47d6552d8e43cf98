package gov.hotline.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class BucketHistogramTest {
  private static final double INF = Double.POSITIVE_INFINITY;

  /** Cumulative counts at 0.01, 0.1, 1 s and +Inf. */
  private static BucketHistogram histogram(double a, double b, double c, double inf, double sum) {
    TreeMap<Double, Double> buckets = new TreeMap<>();
    buckets.put(0.01, a);
    buckets.put(0.1, b);
    buckets.put(1.0, c);
    buckets.put(INF, inf);
    return new BucketHistogram(buckets, sum);
  }

  @Test
  void quantiles_interpolate_linearly_inside_the_bucket_the_rank_falls_in() {
    // 10 observations: none ≤ 10 ms, 8 in (10 ms, 100 ms], 2 in (100 ms, 1 s]
    BucketHistogram h = histogram(0, 8, 10, 10, 0.9);

    assertThat(h.count()).isEqualTo(10);
    assertThat(h.mean()).isCloseTo(0.09, within(1e-9));
    // rank 5 of the 8 in (0.01, 0.1]: 0.01 + 0.09 × 5/8
    assertThat(h.quantile(0.5)).isCloseTo(0.01 + 0.09 * 5 / 8, within(1e-9));
    // rank 9.9 of the 2 in (0.1, 1]: 0.1 + 0.9 × 1.9/2
    assertThat(h.quantile(0.99)).isCloseTo(0.1 + 0.9 * 1.9 / 2, within(1e-9));
    assertThat(h.beyondLastBound(0.99)).isFalse();
  }

  @Test
  void the_first_bucket_starts_at_zero() {
    BucketHistogram h = histogram(4, 4, 4, 4, 0.02);

    assertThat(h.quantile(0.5)).isCloseTo(0.005, within(1e-9));
  }

  @Test
  void a_rank_beyond_the_last_finite_bound_answers_that_bound_and_says_so() {
    BucketHistogram h = histogram(0, 0, 5, 10, 60);

    assertThat(h.quantile(0.99)).isEqualTo(1.0);
    assertThat(h.beyondLastBound(0.99)).isTrue();
    assertThat(h.beyondLastBound(0.4)).isFalse();
  }

  @Test
  void the_difference_of_two_scrapes_is_what_was_observed_between_them() {
    BucketHistogram before = histogram(1, 2, 3, 3, 0.5);
    BucketHistogram after = histogram(1, 12, 13, 13, 1.5);

    BucketHistogram window = after.minus(before);

    assertThat(window.cumulative()).containsEntry(0.01, 0.0).containsEntry(0.1, 10.0);
    assertThat(window.count()).isEqualTo(10);
    assertThat(window.sum()).isCloseTo(1.0, within(1e-9));
    assertThat(window.minus(null)).isEqualTo(window);
  }

  @Test
  void counts_that_went_down_mean_a_restart_and_the_later_scrape_counts_whole() {
    BucketHistogram before = histogram(5, 50, 60, 60, 9);
    BucketHistogram afterRestart = histogram(0, 4, 4, 4, 0.2);

    assertThat(afterRestart.minus(before)).isEqualTo(afterRestart);
  }

  @Test
  void no_observations_give_no_quantile() {
    assertThat(BucketHistogram.empty().quantile(0.5)).isNaN();
    assertThat(histogram(0, 0, 0, 0, 0).quantile(0.99)).isNaN();
    assertThat(histogram(0, 0, 0, 0, 0).mean()).isNaN();
  }

  @Test
  void the_max_is_at_most_the_upper_bound_of_the_highest_bucket_with_an_observation() {
    assertThat(histogram(0, 8, 10, 10, 0.9).maxBound()).isEqualTo(1.0);
    assertThat(histogram(3, 8, 8, 8, 0.3).maxBound()).isEqualTo(0.1);
    assertThat(histogram(0, 0, 5, 10, 60).maxBound()).isInfinite();
    assertThat(histogram(0, 0, 0, 0, 0).maxBound()).isNaN();
    assertThat(Latencies.Summary.of(histogram(3, 8, 8, 8, 0.3)).max()).isEqualTo(100.0);
    assertThat(Latencies.Summary.of(histogram(0, 0, 5, 10, 60)).max()).isNull();
  }
}
