package gov.hotline.dispatch.assignment;

import gov.hotline.contract.workorder.Resolution;
import gov.hotline.contract.workorder.WorkOrderEvent;
import gov.hotline.contract.workorder.WorkOrderReceived;
import gov.hotline.platform.inbox.InboundEvent;
import gov.hotline.platform.inbox.InboundEventHandler;
import gov.hotline.platform.lifecycle.ObserveStep;
import gov.hotline.platform.runtime.HotlineProperties;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.stereotype.Component;

/** Feeds the steps other services publish into each order's {@link Assignment}. */
@Component
class LifecycleInbox implements InboundEventHandler {
  private final CommandGateway commands;
  private final String ownSource;

  LifecycleInbox(CommandGateway commands, HotlineProperties properties) {
    this.commands = commands;
    this.ownSource = properties.source();
  }

  @Override
  public void handle(InboundEvent event) {
    if (ownSource.equals(String.valueOf(event.source()))
        || !(event.payload() instanceof WorkOrderEvent step)) {
      return;
    }
    if (step instanceof WorkOrderReceived received
        && received.resolution() == Resolution.DIRECT_ANSWER) {
      return;
    }
    commands.sendAndWait(new ObserveStep(step.orderId(), event.id(), step));
  }
}
