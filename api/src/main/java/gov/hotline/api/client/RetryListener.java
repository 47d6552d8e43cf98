package gov.hotline.api.client;

import java.time.Duration;

/**
 * Told each time {@link HotlineClient} is about to retry a call: which attempt failed and how, and
 * how long it pauses. For counting and logging; it must not block.
 */
@FunctionalInterface
public interface RetryListener {
  RetryListener NONE = (failure, pause) -> {};

  /**
   * {@code failure} is how attempt {@link ApiException#attempts()} ended (no answer, or a 5xx); the
   * next one starts after {@code pause}.
   */
  void retrying(ApiException failure, Duration pause);
}
