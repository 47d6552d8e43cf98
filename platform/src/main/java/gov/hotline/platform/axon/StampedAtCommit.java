package gov.hotline.platform.axon;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The event store, with every event stamped when its unit of work commits rather than when it was
 * made (ADR 0002, caveat 1).
 *
 * <p>axon-mongo's tracking processors find events by timestamp and remember the ids of a look-back
 * window: an event that becomes visible more than the window after its timestamp is never seen by
 * any processor — never relayed to the topic, never folded into a view. An event is made when its
 * command is handled, and the inbox handles a poll's records in one unit of work that stores them
 * all when it commits; under load such a unit ran up to 2.1 s against the 3 s window. Stamped at
 * the commit, just before the insert, an event's timestamp lags its visibility only by that insert.
 *
 * <p>The timestamp is the store's: the public events carry their own time ({@code occurredAt}, the
 * CloudEvent {@code time}), and no handler here reads Axon's. A unit's events share one instant;
 * the store orders them by timestamp and then sequence number, so an aggregate's stay in order.
 */
public final class StampedAtCommit extends EmbeddedEventStore {
  /** Events whose insert completed later after their stamp than the look-back window. */
  public static final String LATE_INSERTS = "hotline.eventstore.late.inserts";

  private static final Logger log = LoggerFactory.getLogger(StampedAtCommit.class);

  private final Clock clock;
  private final Duration lateAfter;
  private final Counter late;

  private StampedAtCommit(Builder builder) {
    super(builder);
    this.clock = builder.clock;
    this.lateAfter = builder.lateAfter;
    this.late =
        builder.registry == null
            ? null
            : Counter.builder(LATE_INSERTS)
                .description(
                    "events stored later after their timestamp than the tracking look-back window:"
                        + " processors may have passed them (ADR 0002)")
                .register(builder.registry);
  }

  /** A builder, as {@link EmbeddedEventStore#builder()}'s. */
  public static Builder stampedBuilder() {
    return new Builder();
  }

  /**
   * Stamps the events now and stores them (the storage engine appends them here). An insert that
   * completes later than the look-back window after the stamp is counted in {@value #LATE_INSERTS}
   * and logged with the events' ids: a tracking processor may have passed them, so such an event
   * may be missing from a view or from the topic. It should never happen; when it does, the ids say
   * what to check.
   */
  @Override
  protected void prepareCommit(List<? extends EventMessage<?>> events) {
    Instant at = clock.instant();
    super.prepareCommit(stamped(events, at));
    if (lateAfter != null && !events.isEmpty()) {
      Duration took = Duration.between(at, clock.instant());
      if (took.compareTo(lateAfter) > 0) {
        if (late != null) {
          late.increment(events.size());
        }
        log.warn(
            "{} event(s) stored {} ms after their timestamp, beyond the {} ms look-back window:"
                + " tracking processors may have passed them; ids {}",
            events.size(),
            took.toMillis(),
            lateAfter.toMillis(),
            events.stream().map(EventMessage::getIdentifier).toList());
      }
    }
  }

  /** {@code events} as they are, but made at {@code at}. */
  static List<EventMessage<?>> stamped(List<? extends EventMessage<?>> events, Instant at) {
    List<EventMessage<?>> stamped = new ArrayList<>(events.size());
    for (EventMessage<?> event : events) {
      stamped.add(stamped(event, at));
    }
    return stamped;
  }

  private static EventMessage<?> stamped(EventMessage<?> event, Instant at) {
    if (event instanceof DomainEventMessage<?> domain) {
      return new GenericDomainEventMessage<>(
          domain.getType(),
          domain.getAggregateIdentifier(),
          domain.getSequenceNumber(),
          domain.getPayload(),
          domain.getMetaData(),
          domain.getIdentifier(),
          at);
    }
    return new GenericEventMessage<>(
        event.getIdentifier(), event.getPayload(), event.getMetaData(), at);
  }

  /** {@link EmbeddedEventStore.Builder}, building a {@link StampedAtCommit}. */
  public static final class Builder extends EmbeddedEventStore.Builder {
    private Clock clock = Clock.systemUTC();
    private Duration lateAfter;
    private MeterRegistry registry;

    /** The clock the events are stamped by (the system's UTC clock by default). */
    public Builder clock(Clock clock) {
      this.clock = clock;
      return this;
    }

    /**
     * Reports an insert that completes more than {@code window} (the tracking look-back) after its
     * stamp: counted in {@code registry} (when given) and logged.
     */
    public Builder reportLateInserts(Duration window, MeterRegistry registry) {
      this.lateAfter = window;
      this.registry = registry;
      return this;
    }

    @Override
    public StampedAtCommit build() {
      return new StampedAtCommit(this);
    }
  }
}
