package gov.hotline.launcher;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;

/**
 * When to restart a crashed child: after a backoff that doubles with each crash in the window, and
 * not at all once it crashed {@code maxCrashes} times within {@code window} — a child that cannot
 * stay up needs a person, not a loop.
 */
public record RestartPolicy(
    int maxCrashes, Duration window, Duration initialBackoff, Duration maxBackoff) {

  public static final RestartPolicy DEFAULT =
      new RestartPolicy(5, Duration.ofMinutes(1), Duration.ofSeconds(1), Duration.ofSeconds(30));

  /** Crash history of one child; not thread-safe, the supervisor guards it. */
  public static final class CrashHistory {
    private final Deque<Instant> crashes = new ArrayDeque<>();

    int recordAndCountRecent(Instant now, Duration window) {
      crashes.addLast(now);
      while (!crashes.isEmpty() && crashes.peekFirst().isBefore(now.minus(window))) {
        crashes.removeFirst();
      }
      return crashes.size();
    }
  }

  /** Records a crash at {@code now}; the delay before restarting, or empty to give up. */
  public Optional<Duration> onCrash(CrashHistory history, Instant now) {
    int recent = history.recordAndCountRecent(now, window);
    if (recent >= maxCrashes) {
      return Optional.empty();
    }
    Duration backoff = initialBackoff;
    for (int i = 1; i < recent && backoff.compareTo(maxBackoff) < 0; i++) {
      backoff = backoff.multipliedBy(2);
    }
    return Optional.of(backoff.compareTo(maxBackoff) > 0 ? maxBackoff : backoff);
  }
}
