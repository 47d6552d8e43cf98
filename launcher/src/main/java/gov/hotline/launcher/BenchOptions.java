package gov.hotline.launcher;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;

/**
 * What {@code ./hotline bench} was asked to do: a load (open loop at {@code rate} lifecycles/s, or
 * {@code max}: as fast as it goes with {@code inFlight} lifecycles at a time), a warm-up whose
 * figures are dropped, a measured window, a drain for the lifecycles started in it, and/or the
 * substrate figures of the Mongo server and the broker, and/or the replay figures ({@link
 * ReplayBench}).
 */
record BenchOptions(
    Load load,
    double rate,
    int inFlight,
    Duration warmup,
    Duration duration,
    Duration drain,
    boolean substrate,
    Path json,
    boolean replay) {

  enum Load {
    /** Open loop: arrivals at a fixed rate, however the stack copes. */
    RATE,
    /** Closed loop: a new lifecycle as soon as one of {@code inFlight} ends. */
    MAX,
    /** No load: {@code --substrate} or {@code --replay} alone. */
    NONE
  }

  static final double DEFAULT_RATE = 5;
  static final int DEFAULT_MAX_IN_FLIGHT = 64;

  /** In rate mode, a guard against an overloaded stack eating the bench's memory. */
  static final int DEFAULT_RATE_IN_FLIGHT_CAP = 10_000;

  static final Duration DEFAULT_WARMUP = Duration.ofSeconds(10);
  static final Duration DEFAULT_DURATION = Duration.ofSeconds(60);
  static final Duration DEFAULT_DRAIN = Duration.ofSeconds(30);

  static BenchOptions defaults() {
    return new BenchOptions(
        Load.RATE,
        DEFAULT_RATE,
        DEFAULT_RATE_IN_FLIGHT_CAP,
        DEFAULT_WARMUP,
        DEFAULT_DURATION,
        DEFAULT_DRAIN,
        false,
        null,
        false);
  }

  /** Threads sending commands: one per lifecycle in flight, at most 256. */
  int senderThreads() {
    return Math.max(4, Math.min(inFlight, 256));
  }

  String describe() {
    String what =
        switch (load) {
          case RATE -> String.format(Locale.ROOT, "open loop at %s lifecycles/s", number(rate));
          case MAX -> "as fast as it goes, " + inFlight + " lifecycles in flight";
          case NONE -> "no load";
        };
    if (load == Load.NONE) {
      return substrate && replay
          ? "substrate, then the replay"
          : substrate ? "substrate only" : "replay only";
    }
    return what
        + ", warm-up "
        + seconds(warmup)
        + ", measured "
        + seconds(duration)
        + ", drain ≤ "
        + seconds(drain)
        + (substrate ? ", then the substrate" : "")
        + (replay ? ", then the replay" : "");
  }

  static String seconds(Duration d) {
    return number(d.toMillis() / 1000.0) + " s";
  }

  static String number(double value) {
    return value == Math.rint(value)
        ? Long.toString((long) value)
        : String.format(Locale.ROOT, "%.2f", value);
  }

  /**
   * A duration as the command line writes it: {@code 60s}, {@code 2m}, {@code 500ms}, or a bare
   * number of seconds.
   */
  static Duration parseDuration(String text) {
    String t = text.strip().toLowerCase(Locale.ROOT);
    try {
      if (t.endsWith("ms")) {
        return Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2)));
      }
      if (t.endsWith("s")) {
        return Duration.ofMillis(
            Math.round(Double.parseDouble(t.substring(0, t.length() - 1)) * 1000));
      }
      if (t.endsWith("m")) {
        return Duration.ofMillis(
            Math.round(Double.parseDouble(t.substring(0, t.length() - 1)) * 60_000));
      }
      return Duration.ofMillis(Math.round(Double.parseDouble(t) * 1000));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("not a duration: '" + text + "' (e.g. 60s, 2m, 500ms)");
    }
  }
}
