package gov.hotline.launcher;

import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * A Prometheus histogram as scraped: cumulative bucket counts by upper bound ({@code le}, the last
 * one {@code +Inf}) and the sum of the observations. Two scrapes give the observations between them
 * ({@link #minus}); quantiles are estimated as Prometheus's {@code histogram_quantile} does, by
 * linear interpolation inside the bucket the rank falls in, so they are only as fine as the
 * buckets.
 */
record BucketHistogram(NavigableMap<Double, Double> cumulative, double sum) {

  BucketHistogram {
    cumulative = new TreeMap<>(cumulative);
  }

  static BucketHistogram empty() {
    return new BucketHistogram(new TreeMap<>(), 0);
  }

  BucketHistogram with(double upperBound, double cumulativeCount) {
    TreeMap<Double, Double> more = new TreeMap<>(cumulative);
    more.put(upperBound, cumulativeCount);
    return new BucketHistogram(more, sum);
  }

  BucketHistogram withSum(double newSum) {
    return new BucketHistogram(cumulative, newSum);
  }

  /** Observations in all buckets (the {@code +Inf} bucket's count). */
  double count() {
    return cumulative.isEmpty() ? 0 : cumulative.lastEntry().getValue();
  }

  /**
   * What was observed after {@code earlier} was scraped. When the counts went down, the process
   * restarted in between and this histogram alone is what it observed since.
   */
  BucketHistogram minus(BucketHistogram earlier) {
    if (earlier == null || count() < earlier.count()) {
      return this;
    }
    TreeMap<Double, Double> delta = new TreeMap<>();
    for (Map.Entry<Double, Double> bucket : cumulative.entrySet()) {
      double before = earlier.cumulative.getOrDefault(bucket.getKey(), 0.0);
      delta.put(bucket.getKey(), Math.max(0, bucket.getValue() - before));
    }
    return new BucketHistogram(delta, Math.max(0, sum - earlier.sum));
  }

  double mean() {
    double n = count();
    return n > 0 ? sum / n : Double.NaN;
  }

  /**
   * The estimated {@code q}-quantile (0..1), in the unit of the bounds; NaN without observations. A
   * rank in the {@code +Inf} bucket gives the highest finite bound (the true value is above it).
   */
  double quantile(double q) {
    double total = count();
    if (total <= 0) {
      return Double.NaN;
    }
    double rank = q * total;
    double lowerBound = 0;
    double lowerCount = 0;
    for (Map.Entry<Double, Double> bucket : cumulative.entrySet()) {
      double bound = bucket.getKey();
      double count = bucket.getValue();
      if (count >= rank && count > lowerCount) {
        if (Double.isInfinite(bound)) {
          return lowerBound;
        }
        return lowerBound + (bound - lowerBound) * (rank - lowerCount) / (count - lowerCount);
      }
      if (!Double.isInfinite(bound)) {
        lowerBound = bound;
      }
      lowerCount = count;
    }
    return lowerBound;
  }

  /**
   * The upper bound of the highest bucket that holds an observation: the largest observation is at
   * most this. NaN without observations; infinite when some observation lies beyond the highest
   * finite bound.
   */
  double maxBound() {
    double lowerCount = 0;
    double highest = Double.NaN;
    for (Map.Entry<Double, Double> bucket : cumulative.entrySet()) {
      if (bucket.getValue() > lowerCount) {
        highest = bucket.getKey();
      }
      lowerCount = Math.max(lowerCount, bucket.getValue());
    }
    return highest;
  }

  /** Whether the {@code q}-quantile lies beyond the highest finite bound. */
  boolean beyondLastBound(double q) {
    Map.Entry<Double, Double> last = cumulative.lastEntry();
    Map.Entry<Double, Double> finite = cumulative.lowerEntry(Double.POSITIVE_INFINITY);
    return last != null
        && Double.isInfinite(last.getKey())
        && finite != null
        && finite.getValue() < q * count();
  }
}
