package gov.hotline.platform.axon;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;

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

  private final Clock clock;

  private StampedAtCommit(Builder builder) {
    super(builder);
    this.clock = builder.clock;
  }

  /** A builder, as {@link EmbeddedEventStore#builder()}'s. */
  public static Builder stampedBuilder() {
    return new Builder();
  }

  @Override
  protected void prepareCommit(List<? extends EventMessage<?>> events) {
    super.prepareCommit(stamped(events, clock.instant()));
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

    /** The clock the events are stamped by (the system's UTC clock by default). */
    public Builder clock(Clock clock) {
      this.clock = clock;
      return this;
    }

    @Override
    public StampedAtCommit build() {
      return new StampedAtCommit(this);
    }
  }
}
