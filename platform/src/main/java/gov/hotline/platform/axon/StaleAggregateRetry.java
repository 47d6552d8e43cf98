package gov.hotline.platform.axon;

import gov.hotline.platform.lifecycle.ObserveArrival;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.gateway.RetryScheduler;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;

/**
 * Keeps a cached aggregate correct when more than one instance of a service takes commands for the
 * same order (scale-out): a command judged on an aggregate another instance has changed since this
 * one cached it is run once more, on the aggregate as stored.
 *
 * <p>Why this is enough: Axon's caching repository hands out the cached aggregate without asking
 * the store, and removes it from the cache whenever the unit of work rolls back. An aggregate's
 * events carry dense sequence numbers under axon-mongo's unique index {@code (aggregateIdentifier,
 * sequenceNumber)}, so
 *
 * <ul>
 *   <li>a stale aggregate that <em>decides</em> something appends a sequence number the other
 *       instance used already: the insert fails with a duplicate key, axon-mongo turns that into a
 *       {@link ConcurrencyException} ({@link AggregateStreamCreationException} for a first event),
 *       nothing is stored, the cache entry is dropped — and the retry decides on the stored state;
 *   <li>a stale aggregate that <em>refuses</em> (the order is not in the state the command needs,
 *       the unit is not on it yet) stores nothing either; where instances share the store, a
 *       refusal rolls back ({@link Refusals}), which drops the cache entry, and the refusal is
 *       checked once more on the stored state before it reaches the caller. An instance alone keeps
 *       its cached aggregate on a refusal and does not check again: nobody else writes it.
 * </ul>
 *
 * The common case costs nothing: a command that succeeds first time is never re-read. The retry
 * runs on the calling thread at once (a conflict means the store is ahead: there is nothing to wait
 * for). Retries are counted in {@code hotline.commands.retried} by reason.
 */
public final class StaleAggregateRetry implements RetryScheduler {
  /** Conflicts retried at most this often (two instances racing on one order in a loop). */
  static final int MAX_CONFLICT_RETRIES = 3;

  /** A refusal is checked once more on the stored state, never more. */
  static final int MAX_REFUSAL_RETRIES = 1;

  private final MeterRegistry registry;
  private final boolean sharedStore;

  /**
   * @param sharedStore whether other instances of the service write to the same store (scale-out):
   *     only then can a cached aggregate be stale, and a refusal worth checking on the stored one.
   *     An instance alone is the only writer of its aggregates, its cache is never stale, and a
   *     refusal stands as it is (see {@link Refusals}).
   */
  public StaleAggregateRetry(MeterRegistry registry, boolean sharedStore) {
    this.registry = registry;
    this.sharedStore = sharedStore;
  }

  @Override
  public boolean scheduleRetry(
      CommandMessage commandMessage,
      RuntimeException lastFailure,
      List<Class<? extends Throwable>[]> failures,
      Runnable dispatchTask) {
    int attempts = failures.size();
    String reason;
    if (isConflict(lastFailure)) {
      if (attempts > MAX_CONFLICT_RETRIES
          || commandMessage.getPayload() instanceof ObserveArrival) {
        // an arrival starts a new aggregate and never loads one: run again, it conflicts again
        return false;
      }
      reason = "conflict";
    } else if (Refusals.isRefusal(lastFailure)) {
      if (!sharedStore || attempts > MAX_REFUSAL_RETRIES) {
        return false;
      }
      reason = "refusal";
    } else {
      return false;
    }
    registry
        .counter(
            "hotline.commands.retried", "reason", reason, "command", simpleName(commandMessage))
        .increment();
    dispatchTask.run();
    return true;
  }

  /**
   * Whether the store refused an append because the aggregate's sequence number exists: a {@link
   * ConcurrencyException}, or an {@link AggregateStreamCreationException} for a first event.
   */
  public static boolean isConflict(Throwable failure) {
    return causedBy(failure, ConcurrencyException.class)
        || causedBy(failure, AggregateStreamCreationException.class);
  }

  private static boolean causedBy(Throwable failure, Class<? extends Throwable> type) {
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (type.isInstance(t)) {
        return true;
      }
    }
    return false;
  }

  private static String simpleName(CommandMessage<?> command) {
    String name = command.getCommandName();
    return name.substring(name.lastIndexOf('.') + 1);
  }
}
