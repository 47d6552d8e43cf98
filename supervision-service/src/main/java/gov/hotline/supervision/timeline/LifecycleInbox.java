package gov.hotline.supervision.timeline;

import gov.hotline.contract.EventType;
import gov.hotline.contract.workorder.Resolution;
import gov.hotline.contract.workorder.WorkOrderEvent;
import gov.hotline.contract.workorder.WorkOrderReceived;
import gov.hotline.platform.inbox.InboundEvent;
import gov.hotline.platform.inbox.InboundType;
import gov.hotline.platform.inbox.InboxHandler;
import gov.hotline.supervision.oversight.ObserveStep;
import java.time.Clock;
import java.util.Set;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Supervision's two handlers of the lifecycle topic. Both take every lifecycle event; the timeline
 * runs first, so an event that the oversight rejects is still on the trail.
 */
final class LifecycleInbox {
  static final Set<InboundType> LIFECYCLE =
      InboundType.of(
          EventType.WORKORDER_RECEIVED,
          EventType.WORKORDER_DISPATCHED,
          EventType.WORKORDER_HANDLED,
          EventType.WORKORDER_AUDITED,
          EventType.WORKORDER_REVISITED);

  private LifecycleInbox() {}

  /**
   * Every lifecycle event goes into the timeline, supervision's own included, so the trail is what
   * the topic carried.
   */
  @Component
  @Order(1)
  static class Timeline implements InboxHandler {
    private final TimelineStore timeline;
    private final Clock clock;

    Timeline(TimelineStore timeline, Clock clock) {
      this.timeline = timeline;
      this.clock = clock;
    }

    @Override
    public Set<InboundType> takes() {
      return LIFECYCLE;
    }

    @Override
    public boolean includesOwnEvents() {
      return true;
    }

    @Override
    public void handle(InboundEvent event) {
      timeline.record(event, event.payload(WorkOrderEvent.class), clock.instant());
    }
  }

  /** The steps of other services move the order's {@code Oversight}. */
  @Component
  @Order(2)
  static class Observation implements InboxHandler {
    private final CommandGateway commands;

    Observation(CommandGateway commands) {
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
}
