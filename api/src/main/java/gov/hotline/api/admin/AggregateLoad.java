package gov.hotline.api.admin;

import java.util.List;

/**
 * How long it takes to load one aggregate from the event store, bypassing the aggregate cache: once
 * reading every event from the first, once from its latest snapshot (when there is one) and the
 * events after it. Each load is repeated and timed; nothing is changed.
 */
public record AggregateLoad(
    String aggregateType,
    String aggregateId,
    Loads withoutSnapshot,
    Loads withSnapshot,
    Boolean sameState) {

  /**
   * @param eventsRead messages read from the store for one load, a snapshot counted as one
   * @param fromSnapshot whether the load began with a snapshot
   * @param snapshotSequence the sequence number of the event the snapshot was taken at; null
   *     without one
   * @param lastSequence the sequence number of the aggregate's last event, as loaded
   * @param millis each repeated load's time, in the order they ran
   */
  public record Loads(
      long eventsRead,
      boolean fromSnapshot,
      Long snapshotSequence,
      long lastSequence,
      List<Double> millis,
      double medianMillis,
      double minMillis) {}
}
