package gov.hotline.platform.lifecycle;

import gov.hotline.contract.workorder.WorkOrderEvent;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;

/**
 * The handlers of a view over a {@link LifecycleAggregate}'s events: the steps it observed and the
 * events it decided, folded into an {@link OrderProgressStore}. A service's view extends this,
 * names its processing group and adds its queries.
 */
public abstract class OrderProgressProjection {
  protected final OrderProgressStore store;

  protected OrderProgressProjection(OrderProgressStore store) {
    this.store = store;
  }

  @EventHandler
  public void on(StepObserved event, @SequenceNumber long sequence) {
    store.apply(event.step(), sequence);
  }

  @EventHandler
  public void on(WorkOrderEvent event, @SequenceNumber long sequence) {
    store.apply(event, sequence);
  }

  @ResetHandler
  public void reset() {
    store.reset();
  }
}
