package gov.hotline.launcher;

import java.util.Arrays;

/** Durations the bench measured itself, kept whole so percentiles are exact (nearest rank). */
final class Latencies {

  /** Count, mean, p50, p95, p99 and max in milliseconds; max is null where unknown. */
  record Summary(long count, double mean, double p50, double p95, double p99, Double max) {
    static final Summary NONE =
        new Summary(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, null);

    /**
     * From a histogram's buckets in seconds (the services' timers). Its max is the upper bound of
     * the highest bucket with an observation (the true max is at most that); null when that bucket
     * is the open one above the highest bound, or the histogram is empty.
     */
    static Summary of(BucketHistogram seconds) {
      double maxBound = seconds.maxBound();
      return new Summary(
          Math.round(seconds.count()),
          seconds.mean() * 1000,
          seconds.quantile(0.50) * 1000,
          seconds.quantile(0.95) * 1000,
          seconds.quantile(0.99) * 1000,
          Double.isFinite(maxBound) ? maxBound * 1000 : null);
    }
  }

  private long[] nanos = new long[1024];
  private int size;

  synchronized void record(long durationNanos) {
    if (size == nanos.length) {
      nanos = Arrays.copyOf(nanos, size * 2);
    }
    nanos[size++] = Math.max(0, durationNanos);
  }

  synchronized Summary summary() {
    if (size == 0) {
      return Summary.NONE;
    }
    long[] sorted = Arrays.copyOf(nanos, size);
    Arrays.sort(sorted);
    double total = 0;
    for (long n : sorted) {
      total += n;
    }
    return new Summary(
        size,
        millis(total / size),
        millis(sorted[Demo.percentileIndex(size, 50)]),
        millis(sorted[Demo.percentileIndex(size, 95)]),
        millis(sorted[Demo.percentileIndex(size, 99)]),
        millis(sorted[size - 1]));
  }

  private static double millis(double nanos) {
    return nanos / 1e6;
  }
}
