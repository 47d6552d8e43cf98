package gov.hotline.dispatch.assignment;

import gov.hotline.contract.EventType;
import gov.hotline.contract.workorder.Resolution;
import gov.hotline.contract.workorder.WorkOrderEvent;
import gov.hotline.contract.workorder.WorkOrderReceived;
import gov.hotline.platform.inbox.InboundEvent;
import gov.hotline.platform.inbox.InboundType;
import gov.hotline.platform.inbox.InboxHandler;
import java.util.Set;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.stereotype.Component;

/**
 * Feeds the steps other services publish into each order's {@link Assignment}; dispatch's own steps
 * never reach it.
 */
@Component
class LifecycleInbox implements InboxHandler {
  private static final Set<InboundType> LIFECYCLE =
      InboundType.of(
          EventType.WORKORDER_RECEIVED,
          EventType.WORKORDER_DISPATCHED,
          EventType.WORKORDER_HANDLED,
          EventType.WORKORDER_AUDITED,
          EventType.WORKORDER_REVISITED);

  private final CommandGateway commands;

  LifecycleInbox(CommandGateway commands) {
    this.commands = commands;
  }

  @Override
  public Set<InboundType> takes() {
    return LIFECYCLE;
  }

  @Override
  public void handle(InboundEvent event) {
    WorkOrderEvent step = event.payload(WorkOrderEvent.class);
    if (step instanceof WorkOrderReceived received
        && received.resolution() == Resolution.DIRECT_ANSWER) {
      return;
    }
    commands.sendAndWait(new ObserveStep(step.orderId(), event.id(), step));
  }
}
