package gov.hotline.platform.lifecycle;

import gov.hotline.contract.EventType;
import gov.hotline.contract.workorder.Resolution;
import gov.hotline.contract.workorder.WorkOrderEvent;
import gov.hotline.contract.workorder.WorkOrderReceived;
import gov.hotline.platform.axon.StaleAggregateRetry;
import gov.hotline.platform.inbox.InboundEvent;
import gov.hotline.platform.inbox.InboundType;
import gov.hotline.platform.inbox.InboxHandler;
import java.util.Set;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.core.Ordered;

/**
 * Feeds the lifecycle steps other services publish into this service's {@link LifecycleAggregate}
 * of each order, as {@link ObserveStep} ({@link ObserveArrival} for the first, which starts it).
 * Takes every lifecycle type the contract has (the fold has a rule for each), never this service's
 * own events (its aggregate applied them already), and leaves out demands answered directly at
 * intake, which never become work here. Runs after the service's other handlers of the same record,
 * so a step the lifecycle refuses is still recorded by them before the record goes to the dead
 * letters.
 */
public class StepObservation implements InboxHandler, Ordered {
  private static final Set<InboundType> LIFECYCLE = InboundType.allOf(EventType.lifecycle());
  private final CommandGateway commands;

  public StepObservation(CommandGateway commands) {
    this.commands = commands;
  }

  @Override
  public Set<InboundType> takes() {
    return LIFECYCLE;
  }

  @Override
  public void handle(InboundEvent event) {
    WorkOrderEvent step = event.payload(WorkOrderEvent.class);
    if (step instanceof WorkOrderReceived received) {
      if (received.resolution() == Resolution.DIRECT_ANSWER) {
        return;
      }
      ObserveArrival arrival = new ObserveArrival(step.orderId(), event.id(), received);
      try {
        commands.sendAndWait(arrival);
        return;
      } catch (RuntimeException e) {
        if (!StaleAggregateRetry.isConflict(e)) {
          throw e;
        }
        // the order exists here already: a redelivery, observed (or not) as any other step
      }
    }
    commands.sendAndWait(new ObserveStep(step.orderId(), event.id(), step));
  }

  @Override
  public int getOrder() {
    return Ordered.LOWEST_PRECEDENCE;
  }
}
