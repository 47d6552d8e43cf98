package gov.hotline.platform.axon;

import gov.hotline.contract.workorder.IllegalTransition;
import gov.hotline.platform.domain.InvalidCommand;
import gov.hotline.platform.domain.NotPermitted;
import gov.hotline.platform.domain.RuleViolation;
import gov.hotline.platform.domain.UnknownEntity;
import org.axonframework.messaging.unitofwork.RollbackConfiguration;
import org.axonframework.messaging.unitofwork.RollbackConfigurationType;

/**
 * Which failures of a command handler roll its unit of work back. A refusal that depends on the
 * aggregate's state (the order is not in the state the command needs, the unit is not on it, the
 * order is unknown here) is thrown before the handler applies anything, so there is nothing to roll
 * back; rolling back would only make Axon's caching repository drop the aggregate, and the next
 * command for it re-read it from the store (a snapshot find and an events find). A client or a
 * bench that asks too early and retries paid that on every attempt.
 *
 * <p>Where instances share the store (scale-out), a refusal may come from a stale cached aggregate,
 * so there it still rolls back: the cache entry goes and {@link StaleAggregateRetry} judges the
 * command once more on the stored aggregate. Bad input ({@link InvalidCommand}) is refused before
 * anything is applied too, and never rolls back. A step refused because the order was never
 * received here always rolls back: the aggregate was made for the command ({@code
 * CREATE_IF_MISSING}), holds nothing, and must not be kept. Every other unchecked exception rolls
 * back.
 *
 * <p>This holds because every command handler decides with one {@code apply} at its end, after all
 * its checks: a handler that applied an event and then refused would have the event committed.
 */
public final class Refusals implements RollbackConfiguration {
  private final boolean sharedStore;

  public Refusals(boolean sharedStore) {
    this.sharedStore = sharedStore;
  }

  @Override
  public boolean rollBackOn(Throwable failure) {
    if (failure instanceof IllegalTransition refused && refused.state() == null) {
      return true; // a step of an order never received: the aggregate is new and must not stay
    }
    if (failure instanceof InvalidCommand || (!sharedStore && isRefusal(failure))) {
      return false; // thrown before anything was applied: keep the aggregate
    }
    return RollbackConfigurationType.UNCHECKED_EXCEPTIONS.rollBackOn(failure);
  }

  /** A refusal that depends on the aggregate's state (not on the command's own input). */
  static boolean isRefusal(Throwable failure) {
    return failure instanceof IllegalTransition
        || failure instanceof RuleViolation
        || failure instanceof NotPermitted
        || failure instanceof UnknownEntity;
  }
}
