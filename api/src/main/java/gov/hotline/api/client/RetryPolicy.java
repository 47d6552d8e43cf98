package gov.hotline.api.client;

import java.time.Duration;
import java.util.Objects;

/**
 * How long {@link HotlineClient} keeps trying a call that got no answer (connection refused or
 * reset, a timeout) or an answer that says "try again" (500, 502, 503, 504): until {@code deadline}
 * has passed since the first attempt, pausing {@code firstBackoff}, then twice as long each time up
 * to {@code maxBackoff} (each pause shortened at random by up to half, so clients that failed
 * together do not come back together). A retry starts only if it can start before the deadline, and
 * its own timeout is cut to what is left.
 *
 * <p>This rides through a service that restarts after {@code kill -9}. Every other answer (a 4xx, a
 * 2xx) ends the call at once.
 */
public record RetryPolicy(Duration deadline, Duration firstBackoff, Duration maxBackoff) {

  /** One attempt, no retry. */
  public static final RetryPolicy NONE =
      new RetryPolicy(Duration.ZERO, Duration.ofMillis(1), Duration.ofMillis(1));

  public RetryPolicy {
    Objects.requireNonNull(deadline, "deadline");
    Objects.requireNonNull(firstBackoff, "firstBackoff");
    Objects.requireNonNull(maxBackoff, "maxBackoff");
    if (deadline.isNegative() || firstBackoff.isNegative() || firstBackoff.isZero()) {
      throw new IllegalArgumentException("deadline must be >= 0 and firstBackoff > 0");
    }
    if (maxBackoff.compareTo(firstBackoff) < 0) {
      throw new IllegalArgumentException("maxBackoff must be >= firstBackoff");
    }
  }

  /** Up to 30 s, pausing 100 ms, 200 ms, … up to 2 s: a service restart on a laptop. */
  public static RetryPolicy defaults() {
    return within(Duration.ofSeconds(30));
  }

  /** The default back-off (100 ms doubling up to 2 s) until {@code deadline}. */
  public static RetryPolicy within(Duration deadline) {
    return new RetryPolicy(deadline, Duration.ofMillis(100), Duration.ofSeconds(2));
  }

  /** The longest pause after {@code failedAttempts} (≥ 1) failed attempts. */
  public Duration backoff(int failedAttempts) {
    if (failedAttempts < 1) {
      throw new IllegalArgumentException("failedAttempts must be >= 1");
    }
    Duration pause = firstBackoff;
    for (int i = 1; i < failedAttempts && pause.compareTo(maxBackoff) < 0; i++) {
      pause = pause.multipliedBy(2);
    }
    return pause.compareTo(maxBackoff) > 0 ? maxBackoff : pause;
  }

  /** Answers worth another attempt: the server failed or a proxy/gateway found no server. */
  public static boolean isRetryable(int status) {
    return status == 500 || status == 502 || status == 503 || status == 504;
  }
}
