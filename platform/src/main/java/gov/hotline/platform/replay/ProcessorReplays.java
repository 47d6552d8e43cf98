package gov.hotline.platform.replay;

import gov.hotline.platform.domain.RuleViolation;
import gov.hotline.platform.domain.UnknownEntity;
import gov.hotline.platform.relay.KafkaRelay;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.axonframework.common.Registration;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;

/**
 * Rebuilds a view by resetting its Axon processor's token: stops the processor, resets its tokens
 * to the start of the event store (its {@code @ResetHandler} empties the view), starts it again and
 * counts the events its handlers take until it has caught up with the head of the store. The same
 * code serves every service's views.
 */
public final class ProcessorReplays {
  /** A replay that has not caught up after this long is reported as failed. */
  static final Duration PATIENCE = Duration.ofHours(2);

  private final EventProcessingConfiguration processing;
  private final LongSupplier storedEvents;

  /**
   * @param storedEvents how many events the service's event store holds now (an estimate is fine:
   *     it is the replay's expected count, shown as progress)
   */
  public ProcessorReplays(EventProcessingConfiguration processing, LongSupplier storedEvents) {
    this.processing = processing;
    this.storedEvents = storedEvents;
  }

  /**
   * The work of replaying {@code name}; checked now, so a wrong name is refused before anything
   * starts.
   *
   * @throws UnknownEntity when this service has no streaming processor of that name
   * @throws RuleViolation {@code processor-not-replayable} for the outbox relay (a replay must not
   *     publish history again) or a processor whose handlers refuse a reset
   */
  public ReplayJobs.Work work(String name) {
    StreamingEventProcessor processor =
        processing
            .eventProcessor(name, StreamingEventProcessor.class)
            .orElseThrow(() -> new UnknownEntity("processor", name));
    if (KafkaRelay.PROCESSING_GROUP.equals(name) || !processor.supportsReset()) {
      throw new RuleViolation(
          "processor-not-replayable", "processor " + name + " does not rebuild from history");
    }
    return progress -> replay(processor, progress);
  }

  private void replay(StreamingEventProcessor processor, ReplayJobs.Progress progress)
      throws Exception {
    progress.expect(storedEvents.getAsLong());
    Registration counting =
        processor.registerHandlerInterceptor(
            (unitOfWork, chain) -> {
              progress.add(1);
              return chain.proceed();
            });
    try {
      processor.shutdownAsync().get(1, TimeUnit.MINUTES);
      processor.resetTokens();
      progress.startClock();
      processor.start();
      awaitCaughtUp(processor);
      progress.figure("storedEventsAtEnd", storedEvents.getAsLong());
    } finally {
      counting.cancel();
      if (!processor.isRunning()) {
        processor.start();
      }
    }
  }

  private static void awaitCaughtUp(StreamingEventProcessor processor) throws InterruptedException {
    long deadline = System.nanoTime() + PATIENCE.toNanos();
    while (System.nanoTime() < deadline) {
      Map<Integer, EventTrackerStatus> status = processor.processingStatus();
      if (!status.isEmpty()) {
        for (EventTrackerStatus segment : status.values()) {
          if (segment.isErrorState()) {
            throw new IllegalStateException(
                "processor " + processor.getName() + " failed replaying", segment.getError());
          }
        }
        // caught up: the processor found no further event in the store. Axon keeps a segment
        // "replaying" until it handles an event stored after the reset, which on a quiet store
        // never comes, so that flag does not tell the end of the replay.
        if (status.values().stream().allMatch(EventTrackerStatus::isCaughtUp)) {
          return;
        }
      }
      Thread.sleep(20);
    }
    throw new IllegalStateException(
        "processor " + processor.getName() + " has not caught up after " + PATIENCE);
  }
}
