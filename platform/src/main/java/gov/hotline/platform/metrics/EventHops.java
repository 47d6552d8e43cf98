package gov.hotline.platform.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One hop of a public event's way through the platform, timed from the event's own time to the
 * moment this service reached it, as a Micrometer timer per CloudEvents type ({@code type} tag;
 * {@code service} is a common tag) with a percentiles histogram, so {@code ./hotline bench} and
 * Prometheus read p50/p99 from bucket deltas.
 *
 * <ul>
 *   <li>{@value #RELAYED}: Axon's timestamp of the event (set as the aggregate applied it, just
 *       before it was stored) → the broker acknowledged the relay's send.
 *   <li>{@value #CONSUMED}: {@code ce_time} (when the origin service decided the step) → this
 *       service's inbox picked the record up.
 *   <li>{@value #APPLIED}: the step's {@code occurredAt} → folded into this service's view; for a
 *       step another service decided that is origin service → this service's view.
 * </ul>
 *
 * All services of a stack share one clock here; across machines the figures include clock skew (a
 * negative duration is recorded as zero).
 */
public final class EventHops {
  public static final String RELAYED = "hotline.event.relayed";
  public static final String CONSUMED = "hotline.event.consumed";
  public static final String APPLIED = "hotline.event.applied";

  /** Histogram range: a hop under load can take a minute; below a millisecond is one bucket. */
  static final Duration SHORTEST = Duration.ofMillis(1);

  static final Duration LONGEST = Duration.ofMinutes(2);

  private final MeterRegistry registry;
  private final String name;
  private final String description;
  private final Clock clock;
  private final Map<String, Timer> byType = new ConcurrentHashMap<>();

  private EventHops(MeterRegistry registry, String name, String description, Clock clock) {
    this.registry = registry;
    this.name = name;
    this.description = description;
    this.clock = clock;
  }

  public static EventHops relayed(MeterRegistry registry) {
    return new EventHops(
        registry, RELAYED, "Event stored → acknowledged by the broker", Clock.systemUTC());
  }

  public static EventHops consumed(MeterRegistry registry) {
    return new EventHops(
        registry, CONSUMED, "Event time (ce_time) → picked up by the inbox", Clock.systemUTC());
  }

  public static EventHops applied(MeterRegistry registry) {
    return new EventHops(
        registry, APPLIED, "Event time (occurredAt) → folded into a view", Clock.systemUTC());
  }

  /** For tests: the same timers on another clock. */
  EventHops withClock(Clock clock) {
    return new EventHops(registry, name, description, clock);
  }

  /** Records the time from {@code since} to now for an event of {@code ceType}. */
  public void record(String ceType, Instant since) {
    if (since == null) {
      return;
    }
    Duration hop = Duration.between(since, clock.instant());
    timer(ceType).record(hop.isNegative() ? Duration.ZERO : hop);
  }

  Timer timer(String ceType) {
    return byType.computeIfAbsent(
        ceType,
        type ->
            Timer.builder(name)
                .description(description)
                .tag("type", type)
                .publishPercentileHistogram()
                .minimumExpectedValue(SHORTEST)
                .maximumExpectedValue(LONGEST)
                .register(registry));
  }
}
