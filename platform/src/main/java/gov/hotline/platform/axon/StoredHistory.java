package gov.hotline.platform.axon;

import java.time.Instant;
import java.util.stream.Stream;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;

/**
 * A service's event store read from its start to its end, for rebuilding a view outside its
 * processor ({@link gov.hotline.platform.replay.ProcessorReplays}): the same storage engine
 * settings (collection, serializer, look-back window) as the service's own, but fetching {@value
 * #BATCH_SIZE} events per query instead of 100. Never written through.
 */
public final class StoredHistory {
  /** Events per query: a replay's reads are few and large. */
  public static final int BATCH_SIZE = 2_000;

  private final EventStorageEngine reader;

  public StoredHistory(EventStorageEngine reader) {
    this.reader = reader;
  }

  /** A position at the end of the store now (and its look-back window), to track from. */
  public TrackingToken head() {
    return reader.createHeadToken();
  }

  /**
   * A position before the first event, for reading or tracking the store from its start. Not Axon's
   * tail token, which asks the store for its oldest event with a query no index answers (the
   * embedded store reads and sorts every event for it: seconds at 200,000 events): every query from
   * this position has a timestamp bound.
   */
  public TrackingToken start() {
    return reader.createTokenAt(Instant.EPOCH);
  }

  /**
   * Every event stored now and until the read reaches the end, in store order (timestamp, then
   * sequence), each payload deserialized when asked for. Events that are not an aggregate's are
   * passed over (this store holds none).
   */
  public Stream<? extends DomainEventMessage<?>> all() {
    // From a position before the first event rather than from none: without a position the first
    // query has no timestamp bound, which no index answers, and the store reads and sorts all of
    // its events to give the first 2,000 (3–5 s at 200,000 events on the embedded store).
    return reader
        .readEvents(start(), false)
        .filter(DomainEventMessage.class::isInstance)
        .map(message -> (DomainEventMessage<?>) message);
  }
}
