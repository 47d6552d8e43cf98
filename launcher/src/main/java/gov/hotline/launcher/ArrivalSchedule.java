package gov.hotline.launcher;

/**
 * When each lifecycle of an open-loop run is due: the n-th (from 0) at {@code start + n / rate},
 * whatever became of the earlier ones, so a slow system meets the same arrivals as a fast one and
 * latency is measured from when a lifecycle was due, not from when the bench got round to it.
 */
record ArrivalSchedule(long startNanos, double perSecond) {

  ArrivalSchedule {
    if (!(perSecond > 0) || Double.isInfinite(perSecond)) {
      throw new IllegalArgumentException("rate must be a positive number, not " + perSecond);
    }
  }

  /** When arrival {@code n} (0, 1, …) is due, in {@link System#nanoTime()} terms. */
  long due(long n) {
    return startNanos + Math.round(n * 1e9 / perSecond);
  }

  /** How many arrivals are due at {@code now}: those with {@code due(n) <= now}. */
  long dueBy(long now) {
    if (now < startNanos) {
      return 0;
    }
    long count = (long) Math.floor((now - startNanos) * perSecond / 1e9) + 1;
    while (due(count) <= now) {
      count++;
    }
    while (count > 0 && due(count - 1) > now) {
      count--;
    }
    return count;
  }
}
