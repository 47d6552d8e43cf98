package gov.hotline.platform.lifecycle;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import gov.hotline.contract.workorder.OrderLifecycle;
import gov.hotline.contract.workorder.OrderProgress;
import gov.hotline.contract.workorder.WorkOrderEvent;
import gov.hotline.platform.domain.UnknownEntity;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.serialization.Revision;

/**
 * A service's aggregate of one work order: its {@link OrderProgress}, folded by the contract's
 * {@link OrderLifecycle} from the steps other services published ({@link ObserveStep}) and from the
 * events this service decides itself. Subclasses hold only their decisions: they build the event
 * and {@link #decide} it, and the fold refuses what the state does not allow.
 *
 * <p>A snapshot (see {@code lifecycleSnapshots}) is this object's fields as JSON; change the
 * revision when they change, so an old snapshot is not read into new fields.
 */
@JsonAutoDetect(
    fieldVisibility = JsonAutoDetect.Visibility.ANY,
    getterVisibility = JsonAutoDetect.Visibility.NONE,
    isGetterVisibility = JsonAutoDetect.Visibility.NONE,
    setterVisibility = JsonAutoDetect.Visibility.NONE)
@Revision("1")
public abstract class LifecycleAggregate {
  @AggregateIdentifier private UUID orderId;
  private OrderProgress progress;
  private final Set<String> observed = new HashSet<>();

  protected LifecycleAggregate() {}

  /**
   * Records another service's step once (by its {@code ce_id}); a step the order's state does not
   * allow is refused with an {@link gov.hotline.contract.workorder.IllegalTransition}, which sends
   * the record to the dead-letter topic.
   *
   * <p>Each subclass declares the {@code @CommandHandler} for {@link ObserveStep} with {@code
   * CREATE_IF_MISSING} and calls this, and one for {@link ObserveArrival} with {@code ALWAYS} that
   * calls {@link #arrive}: Axon creates a missing aggregate of the class that declares the handler,
   * which must not be this abstract one.
   */
  protected OrderProgress observe(ObserveStep command) {
    if (!observed.contains(command.sourceEventId())) {
      OrderLifecycle.evolve(progress, command.step());
      apply(new StepObserved(command.orderId(), command.sourceEventId(), command.step()));
    }
    return progress;
  }

  /**
   * Starts this order with its arrival, for a subclass's {@code @CommandHandler} of {@link
   * ObserveArrival} with {@code ALWAYS}: the aggregate is new, so there is nothing to look up.
   */
  protected OrderProgress arrive(ObserveArrival command) {
    return observe(command.asObserveStep());
  }

  /** Applies an event this aggregate decided, once the lifecycle allows it; the new progress. */
  protected OrderProgress decide(WorkOrderEvent event) {
    OrderLifecycle.evolve(progress(), event);
    apply(event);
    return progress;
  }

  /** The order's progress; an order this service never saw does not exist here. */
  protected OrderProgress progress() {
    if (progress == null) {
      throw new UnknownEntity("order", orderId);
    }
    return progress;
  }

  protected UUID orderId() {
    return orderId;
  }

  @EventSourcingHandler
  void on(StepObserved event) {
    fold(event.step());
    observed.add(event.sourceEventId());
  }

  @EventSourcingHandler
  void on(WorkOrderEvent event) {
    fold(event);
  }

  private void fold(WorkOrderEvent event) {
    orderId = event.orderId();
    progress = OrderLifecycle.evolve(progress, event);
  }
}
