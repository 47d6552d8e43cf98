package gov.hotline.supervision.timeline;

import gov.hotline.contract.EventType;
import gov.hotline.contract.workorder.WorkOrderEvent;
import gov.hotline.platform.inbox.InboundEvent;
import gov.hotline.platform.inbox.InboundType;
import gov.hotline.platform.inbox.InboxHandler;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.bson.Document;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Every lifecycle event goes into the timeline, one insert per poll,, supervision's own included,
 * so the trail is what the topic carried. Runs before the order's oversight observes the step, so
 * an event the lifecycle refuses is still on the trail.
 */
@Component
@Order(1)
class TimelineRecorder implements InboxHandler {
  private static final Set<InboundType> LIFECYCLE = InboundType.allOf(EventType.lifecycle());
  private final TimelineStore timeline;
  private final Clock clock;

  TimelineRecorder(TimelineStore timeline, Clock clock) {
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

  /**
   * Entries of the poll being handled on this listener thread, written together at its end (one
   * insert per poll instead of one per event) — also when a later record of the poll fails, so an
   * event the lifecycle refuses is still on the trail.
   */
  private final ThreadLocal<List<Document>> pending = ThreadLocal.withInitial(ArrayList::new);

  @Override
  public void handle(InboundEvent event) {
    pending
        .get()
        .add(TimelineStore.entry(event, event.payload(WorkOrderEvent.class), clock.instant()));
  }

  @Override
  public void endOfBatch() {
    List<Document> entries = pending.get();
    try {
      timeline.recordAll(entries);
    } finally {
      entries.clear(); // a failed write is retried with the poll, which hands the events over again
    }
  }

  @Override
  public void recordHistory(List<InboundEvent> events) {
    timeline.recordAll(events, clock.instant());
  }

  /**
   * The class the inbox reads a record of {@code ceType} on {@code topic} into for this recorder;
   * empty for a type it does not take. A replay of the topic reads with it too.
   */
  static Optional<Class<?>> payloadTypeOf(String topic, String ceType) {
    return LIFECYCLE.stream()
        .filter(t -> t.topic().equals(topic) && t.ceType().equals(ceType))
        .<Class<?>>map(InboundType::payloadType)
        .findFirst();
  }
}
