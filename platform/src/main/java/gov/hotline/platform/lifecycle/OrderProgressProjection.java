package gov.hotline.platform.lifecycle;

import gov.hotline.contract.EventType;
import gov.hotline.contract.workorder.WorkOrderEvent;
import gov.hotline.platform.metrics.EventHops;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.function.LongConsumer;
import java.util.stream.Stream;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ReplayStatus;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;

/**
 * The handlers of a view over a {@link LifecycleAggregate}'s events: the steps it observed and the
 * events it decided, folded into an {@link OrderProgressStore}. A service's view extends this,
 * names its processing group and adds its queries.
 *
 * <p>Each step folded in regular processing is timed in {@value EventHops#APPLIED} from its {@code
 * occurredAt}: for an observed step, from the origin service deciding it to this service's view
 * showing it. Replays and redeliveries are not timed (their age is not a hop).
 */
public abstract class OrderProgressProjection {
  protected final OrderProgressStore store;
  private final EventHops applied;

  protected OrderProgressProjection(OrderProgressStore store, MeterRegistry registry) {
    this.store = store;
    this.applied = EventHops.applied(registry);
  }

  @EventHandler
  public void on(StepObserved event, @SequenceNumber long sequence, ReplayStatus replay) {
    fold(event.step(), sequence, replay);
  }

  @EventHandler
  public void on(WorkOrderEvent event, @SequenceNumber long sequence, ReplayStatus replay) {
    fold(event, sequence, replay);
  }

  private void fold(WorkOrderEvent step, long sequence, ReplayStatus replay) {
    Runnable timed =
        replay == ReplayStatus.REPLAY
            ? () -> {}
            : () ->
                applied.record(
                    EventType.ofPayload(step.getClass()).orElseThrow().ceType(), step.occurredAt());
    store.apply(step, sequence, timed);
  }

  /**
   * Rebuilds the view, emptied by its reset, from {@code events} — the service's event store from
   * its start, in store order — folding them as the handlers do but outside the processor: each
   * order's events folded in memory and its document written once per chunk of events (see {@link
   * OrderProgressStore#rebuild()}). Events of other types are passed over; each event read is
   * counted to {@code read}.
   */
  public void rebuild(Stream<? extends DomainEventMessage<?>> events, LongConsumer read) {
    try (OrderProgressStore.Rebuild rebuild = store.rebuild()) {
      events.forEach(
          message -> {
            Object step = folded(message) ? message.getPayload() : null;
            if (step instanceof StepObserved observed) {
              rebuild.fold(observed.step(), message.getSequenceNumber());
            } else if (step instanceof WorkOrderEvent event) {
              rebuild.fold(event, message.getSequenceNumber());
            }
            read.accept(1);
          });
      rebuild.finish();
    }
  }

  /**
   * Whether the handlers fold this event (its payload is deserialized only then); a reader that
   * reads ahead deserializes these on its own thread.
   */
  public static boolean folded(DomainEventMessage<?> message) {
    Class<?> type = message.getPayloadType();
    return StepObserved.class.equals(type) || WorkOrderEvent.class.isAssignableFrom(type);
  }

  /** Writes seeded orders ({@code ./hotline seed}) folded as the handlers fold them, in bulk. */
  public void seed(java.util.List<gov.hotline.platform.history.HistoryShare.Seeded> orders) {
    store.seed(orders);
  }

  @ResetHandler
  public void reset() {
    store.reset();
  }
}
