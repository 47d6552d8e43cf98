package gov.hotline.platform.inbox;

import java.util.Set;

/**
 * What a service does with some of the CloudEvents it consumes; a service declares any number as
 * beans. The platform subscribes one listener (consumer group {@code hotline.service}) to the
 * topics of all handlers' {@link #takes()} and hands each record to every handler that takes its
 * topic and {@code ce_type}, in the handlers' {@link org.springframework.core.annotation.Order}.
 *
 * <p>A record's id is remembered once all its handlers succeeded (one insert, which also tells a
 * redelivery apart: it is counted as {@code duplicate}). A redelivered event reaches the handlers
 * again — after a crash, a rebalance, or when another handler of the record failed and it is
 * retried — so handlers must be idempotent themselves: the aggregates remember source event ids,
 * the timeline is keyed by the event id.
 *
 * <p>Throwing {@link gov.hotline.platform.domain.RuleViolation}, {@link
 * gov.hotline.contract.workorder.IllegalTransition} or {@link
 * gov.hotline.platform.relay.UnreadableEventException} sends the record to {@code
 * <topic>.<service>.dlt} at once; any other exception is retried with back-off first.
 */
public interface InboxHandler {
  /** The message types this handler takes; the platform subscribes to their topics. */
  Set<InboundType> takes();

  /**
   * Whether events this service published itself ({@code ce_source} == {@code hotline.source})
   * reach this handler; default false.
   */
  default boolean includesOwnEvents() {
    return false;
  }

  void handle(InboundEvent event);

  /**
   * Called on the listener's thread after the records of a poll were handed over, and before a
   * failure of one of them is reported: a handler that buffers its writes for the poll (one bulk
   * write instead of one per record) writes them now. Throwing fails the poll's remaining work.
   */
  default void endOfBatch() {}

  /**
   * Records of a history seed ({@code ./hotline seed}) whose effects the service's seed wrote
   * already; they are skipped, not handled. A handler that keeps a record of each event as it stood
   * on the topic (its partition and offset, known only now) writes it here, in bulk and
   * idempotently. Default: nothing.
   */
  default void recordHistory(java.util.List<InboundEvent> events) {}
}
