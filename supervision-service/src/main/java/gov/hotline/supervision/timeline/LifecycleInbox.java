package gov.hotline.supervision.timeline;

import gov.hotline.contract.workorder.Resolution;
import gov.hotline.contract.workorder.WorkOrderEvent;
import gov.hotline.contract.workorder.WorkOrderReceived;
import gov.hotline.platform.inbox.InboundEvent;
import gov.hotline.platform.inbox.InboundEventHandler;
import gov.hotline.platform.lifecycle.ObserveStep;
import gov.hotline.platform.runtime.HotlineProperties;
import java.time.Clock;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.stereotype.Component;

/**
 * Every lifecycle event goes into the timeline, supervision's own included (so the trail is what
 * the topic carried); the steps of other services also move the order's {@code Oversight}.
 */
@Component
class LifecycleInbox implements InboundEventHandler {
  private final TimelineStore timeline;
  private final CommandGateway commands;
  private final Clock clock;
  private final String ownSource;

  LifecycleInbox(
      TimelineStore timeline, CommandGateway commands, Clock clock, HotlineProperties properties) {
    this.timeline = timeline;
    this.commands = commands;
    this.clock = clock;
    this.ownSource = properties.source();
  }

  @Override
  public void handle(InboundEvent event) {
    if (!(event.payload() instanceof WorkOrderEvent step)) {
      return;
    }
    timeline.record(event, step, clock.instant());
    if (ownSource.equals(String.valueOf(event.source()))) {
      return;
    }
    if (step instanceof WorkOrderReceived received
        && received.resolution() == Resolution.DIRECT_ANSWER) {
      return;
    }
    commands.sendAndWait(new ObserveStep(step.orderId(), event.id(), step));
  }
}
