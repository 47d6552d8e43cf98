package gov.hotline.platform.replay;

import gov.hotline.platform.axon.StoredHistory;
import gov.hotline.platform.domain.RuleViolation;
import gov.hotline.platform.domain.UnknownEntity;
import gov.hotline.platform.lifecycle.OrderProgressProjection;
import gov.hotline.platform.relay.KafkaRelay;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.axonframework.common.Registration;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.AbstractEventProcessor;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventHandlerInvoker;
import org.axonframework.eventhandling.EventMessageHandler;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.MultiEventHandlerInvoker;
import org.axonframework.eventhandling.SimpleEventHandlerInvoker;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.springframework.core.annotation.AnnotatedElementUtils;

/**
 * Rebuilds a view by resetting its Axon processor's token, in one of two ways ({@link Mode}). The
 * same code serves every service's views.
 *
 * <ul>
 *   <li>{@link Mode#PROCESSOR}: stops the processor, resets its tokens to the start of the event
 *       store (its {@code @ResetHandler} empties the view), starts it again and counts the events
 *       its handlers take until it has caught up with the head of the store.
 *   <li>{@link Mode#FOLD}, for a processor whose only handler is an {@link OrderProgressProjection}
 *       (one document per order): stops the processor, takes the head of the store, resets its
 *       tokens to the start (the reset empties the view), reads the store from its start in large
 *       batches and folds the events per order in memory ({@link OrderProgressProjection#rebuild}),
 *       each order written once per chunk instead of once per event, then moves the tokens to the
 *       head and starts the processor, which takes what was stored since (the view skips what it
 *       folded already). Should the fold fail, or the process die during it, the tokens are still
 *       at the start and the processor rebuilds the view itself over what the fold wrote.
 * </ul>
 */
public final class ProcessorReplays {
  /** How a view is rebuilt. */
  public enum Mode {
    /** Folded per order outside the processor where the view allows it; else as PROCESSOR. */
    FOLD,
    /** Every event through the processor's handlers. */
    PROCESSOR;

    public static Mode of(String name) {
      return valueOf(name.toUpperCase(java.util.Locale.ROOT));
    }
  }

  /** A replay that has not caught up after this long is reported as failed. */
  static final Duration PATIENCE = Duration.ofHours(2);

  private final EventProcessingConfiguration processing;
  private final LongSupplier storedEvents;
  private final Supplier<StoredHistory> history;
  private final Supplier<List<OrderProgressProjection>> views;

  /**
   * @param storedEvents how many events the service's event store holds now (an estimate is fine:
   *     it is the replay's expected count, shown as progress)
   * @param history the store read from its start, for {@link Mode#FOLD}
   * @param views the service's order views, for {@link Mode#FOLD}
   */
  public ProcessorReplays(
      EventProcessingConfiguration processing,
      LongSupplier storedEvents,
      Supplier<StoredHistory> history,
      Supplier<List<OrderProgressProjection>> views) {
    this.processing = processing;
    this.storedEvents = storedEvents;
    this.history = history;
    this.views = views;
  }

  /**
   * A replay's work and its kind: {@code fold} where {@code mode} asks for it and the processor
   * allows it, else {@code processor}.
   */
  public record Planned(String kind, ReplayJobs.Work work) {}

  /**
   * The work of replaying {@code name}, and its kind; checked now, so a wrong name is refused
   * before anything starts.
   *
   * @throws UnknownEntity when this service has no streaming processor of that name
   * @throws RuleViolation {@code processor-not-replayable} for the outbox relay (a replay must not
   *     publish history again) or a processor whose handlers refuse a reset
   */
  public Planned plan(String name, Mode mode) {
    StreamingEventProcessor processor =
        processing
            .eventProcessor(name, StreamingEventProcessor.class)
            .orElseThrow(() -> new UnknownEntity("processor", name));
    if (KafkaRelay.PROCESSING_GROUP.equals(name) || !processor.supportsReset()) {
      throw new RuleViolation(
          "processor-not-replayable", "processor " + name + " does not rebuild from history");
    }
    Optional<OrderProgressProjection> view = mode == Mode.FOLD ? foldable(name) : Optional.empty();
    return view.isPresent()
        ? new Planned("fold", progress -> fold(processor, view.get(), progress))
        : new Planned("processor", progress -> replay(processor, progress));
  }

  /**
   * The order view that is the only handler of processor {@code name} and declares no handler of
   * its own beside the projection's: only then is folding outside the processor the same as the
   * processor's handling.
   */
  private Optional<OrderProgressProjection> foldable(String name) {
    Optional<StreamingEventProcessor> processor =
        processing.eventProcessor(name, StreamingEventProcessor.class);
    if (processor.isEmpty()
        || !(processor.get() instanceof AbstractEventProcessor axon)
        || history.get() == null) {
      return Optional.empty();
    }
    List<Class<?>> handlerTypes = new ArrayList<>();
    collectHandlerTypes(axon.eventHandlerInvoker(), handlerTypes);
    if (handlerTypes.size() != 1) {
      return Optional.empty();
    }
    return views.get().stream()
        .filter(view -> view.getClass().equals(handlerTypes.get(0)))
        .filter(view -> !declaresOwnHandlers(view.getClass()))
        .findFirst();
  }

  private static void collectHandlerTypes(EventHandlerInvoker invoker, List<Class<?>> types) {
    if (invoker instanceof MultiEventHandlerInvoker multi) {
      multi.delegates().forEach(delegate -> collectHandlerTypes(delegate, types));
    } else if (invoker instanceof SimpleEventHandlerInvoker simple) {
      for (EventMessageHandler handler : simple.eventHandlers()) {
        types.add(
            handler instanceof AnnotationEventHandlerAdapter annotated
                ? annotated.getTargetType()
                : handler.getClass());
      }
    } else {
      types.add(invoker.getClass()); // unknown: counts as a handler the fold does not know
    }
  }

  private static boolean declaresOwnHandlers(Class<?> type) {
    for (Class<?> c = type;
        c != OrderProgressProjection.class && c != null;
        c = c.getSuperclass()) {
      for (java.lang.reflect.Method method : c.getDeclaredMethods()) {
        if (AnnotatedElementUtils.hasAnnotation(method, EventHandler.class)) {
          return true;
        }
      }
    }
    return false;
  }

  private void fold(
      StreamingEventProcessor processor, OrderProgressProjection view, ReplayJobs.Progress progress)
      throws Exception {
    progress.expect(storedEvents.getAsLong());
    StoredHistory stored = history.get();
    try {
      processor.shutdownAsync().get(1, TimeUnit.MINUTES);
      // From the head on, the processor takes what is stored while the fold reads: the head is
      // taken before the fold's first read, and the look-back window covers what commits late.
      TrackingToken head = stored.head();
      // The tokens go back to the first event (the reset empties the view) and stay there while
      // the fold runs: should the process die in the middle, the processor rebuilds the view from
      // there when it starts again, over what the fold wrote (the view skips what it has). Only a
      // finished fold moves them to the head.
      processor.resetTokens(stored.start());
      progress.startClock();
      // the store is read and the payloads deserialized on a thread of their own, ahead of the
      // fold; the fold's writes go out on another while the next chunk is folded
      try (Stream<? extends DomainEventMessage<?>> events =
          Prefetch.ahead(
              stored.all(),
              message -> {
                if (OrderProgressProjection.folded(message)) {
                  message.getPayload();
                }
              },
              500,
              "view-rebuild-reader")) {
        view.rebuild(events, progress::add);
      }
      // a failed fold leaves the tokens at the first event: the processor rebuilds the view
      TokenStore tokens = processing.tokenStore(processor.getName());
      for (int segment : tokens.fetchSegments(processor.getName())) {
        tokens.storeToken(head, processor.getName(), segment);
      }
      progress.stopClock();
      progress.figure("storedEventsAtEnd", storedEvents.getAsLong());
    } finally {
      if (!processor.isRunning()) {
        processor.start();
      }
    }
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
      StoredHistory stored = history.get();
      if (stored != null) {
        processor.resetTokens(stored.start()); // not Axon's tail token: see StoredHistory#start
      } else {
        processor.resetTokens();
      }
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
