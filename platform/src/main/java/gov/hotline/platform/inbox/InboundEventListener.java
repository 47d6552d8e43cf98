package gov.hotline.platform.inbox;

import gov.hotline.platform.metrics.EventHops;
import io.cloudevents.CloudEvent;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.axonframework.messaging.GenericMessage;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.kafka.listener.BatchMessageListener;

/**
 * The one listener of a service: reads each record of a poll as a CloudEvent, routes it by topic
 * and {@code ce_type} to every {@link InboxHandler} that takes it, and remembers the poll's ids
 * once all their handlers succeeded (one insert per poll; an id remembered before is a redelivery).
 * Counts each record in {@code hotline.inbox.events} by outcome: {@code processed}, {@code
 * duplicate}, {@code own} (every handler skips this service's own events) or {@code unhandled} (no
 * handler takes the type), and times every readable record from its {@code ce_time} to being picked
 * up in {@value EventHops#CONSUMED}.
 */
public class InboundEventListener implements BatchMessageListener<String, byte[]> {
  private static final Logger log = LoggerFactory.getLogger(InboundEventListener.class);

  private final InboxRoutes routes;
  private final InboxStore inbox;
  private final MeterRegistry registry;
  private final String ownSource;
  private final EventHops consumed;
  private final Counter storesRefused;
  private final Timer units;

  /** The message of a poll's unit of work (correlation data comes from each command's own). */
  private static final Message<?> POLL = GenericMessage.asMessage("inbox poll");

  /**
   * @param ownSource this service's {@code ce_source}, e.g. {@code /hotline/dispatch}
   */
  public InboundEventListener(
      List<? extends InboxHandler> handlers,
      InboxStore inbox,
      MeterRegistry registry,
      String ownSource) {
    this.routes = new InboxRoutes(handlers);
    this.inbox = inbox;
    this.registry = registry;
    this.ownSource = ownSource;
    this.consumed = EventHops.consumed(registry);
    this.storesRefused = registry.counter("hotline.inbox.units.refused");
    this.units =
        Timer.builder("hotline.inbox.unit")
            .description(
                "A unit of work over a poll's records, from its start to its commit: how long its"
                    + " first event waits to be stored, which the processors' look-back covers")
            .publishPercentileHistogram()
            .register(registry);
  }

  /**
   * The records of a poll handled in one unit of work, at most: commands they send run in units of
   * work nested in it, so their events are stored with one insert when it commits instead of one
   * per record. Bounded, because an event is stamped when it is made and becomes visible when the
   * unit commits: the processors' look-back window (ADR 0002) must cover the gap.
   */
  static final int RECORDS_PER_UNIT_OF_WORK = 100;

  /**
   * A unit takes no further record once it has run this long: on a loaded machine a hundred records
   * took up to 2.7 s (ten minutes at {@code --max}), too close to the 3 s look-back.
   */
  static final Duration UNIT_OF_WORK_BUDGET = Duration.ofMillis(200);

  /**
   * Hands each record of a poll to its handlers in order, then remembers the ids of the whole poll
   * with one insert and lets handlers write what they buffered ({@link InboxHandler#endOfBatch}).
   * The records are handled in one Axon unit of work per {@value #RECORDS_PER_UNIT_OF_WORK} (or per
   * {@link #UNIT_OF_WORK_BUDGET}, whichever ends first), whose commit stores the events of all
   * their commands together. When a record fails, what came before it is committed, remembered and
   * written first, and the failure names the record, so the error handler commits the offsets
   * before it and retries (or dead-letters) just that record and what follows. When the store
   * refuses a unit's events (another instance wrote one of its aggregates, an arrival was delivered
   * again), nothing of the unit counts: its records are handled again one by one, each command in a
   * unit of its own, which resolves such conflicts one aggregate at a time (see {@link
   * gov.hotline.platform.axon.StaleAggregateRetry}).
   */
  @Override
  public void onMessage(List<ConsumerRecord<String, byte[]>> records) {
    List<Handled> handled = new ArrayList<>(records.size());
    int from = 0;
    while (from < records.size()) {
      int end = Math.min(records.size(), from + RECORDS_PER_UNIT_OF_WORK);
      List<Handled> unit = new ArrayList<>(end - from);
      RuntimeException failure = null;
      int next = from; // the first record this unit has not handled
      long deadline = System.nanoTime() + UNIT_OF_WORK_BUDGET.toNanos();
      Timer.Sample started = Timer.start(registry);
      UnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(POLL);
      try {
        while (next < end && (next == from || System.nanoTime() - deadline < 0)) {
          try {
            handleInto(records.get(next), unit);
          } catch (RuntimeException e) {
            failure = e;
            break;
          }
          next++;
        }
        unitOfWork.commit();
        started.stop(units);
        handled.addAll(unit);
      } catch (RuntimeException refused) {
        log.debug("store refused the events of records {} to {}; one by one", from, next, refused);
        storesRefused.increment();
        oneByOne(records, from, next, handled);
      } finally {
        if (unitOfWork.isActive()) {
          unitOfWork.rollback();
        }
      }
      if (failure != null) {
        fail(failure, next, handled);
      }
      from = next;
    }
    finish(handled);
  }

  /** Handles records {@code from} to {@code to} (exclusive), each command in its own unit. */
  private void oneByOne(
      List<ConsumerRecord<String, byte[]>> records, int from, int to, List<Handled> handled) {
    for (int i = from; i < to; i++) {
      try {
        handleInto(records.get(i), handled);
      } catch (RuntimeException e) {
        fail(e, i, handled);
      }
    }
  }

  /** Hands a record to its handlers and adds it to {@code handled} when some took it. */
  private void handleInto(ConsumerRecord<String, byte[]> record, List<Handled> handled) {
    Handled one = handle(record);
    if (one != null) {
      handled.add(one);
    }
  }

  /** Remembers what was handled before record {@code index}, then reports that record failed. */
  private void fail(RuntimeException e, int index, List<Handled> handled) {
    try {
      finish(handled);
    } catch (RuntimeException alsoFailed) {
      e.addSuppressed(alsoFailed);
    }
    throw new BatchListenerFailedException(e.getMessage(), e, index);
  }

  /** A record every due handler took, waiting to be remembered. */
  private record Handled(InboundEvent event, String type) {}

  private Handled handle(ConsumerRecord<String, byte[]> record) {
    CloudEvent cloudEvent = read(record);
    String type = cloudEvent.getType();
    if (cloudEvent.getTime() != null) {
      consumed.record(type, cloudEvent.getTime().toInstant());
    }
    InboxRoutes.Routes candidates = routes.to(record.topic(), type);
    if (candidates.all().isEmpty()) {
      log.debug(
          "no handler takes {} on {}; event {} unhandled",
          type,
          record.topic(),
          cloudEvent.getId());
      count("unhandled", type);
      return null;
    }
    boolean own = ownSource.equals(String.valueOf(cloudEvent.getSource()));
    List<InboxRoutes.Route> due = own ? candidates.includingOwn() : candidates.all();
    if (due.isEmpty()) {
      count("own", type);
      return null;
    }
    // read for every handler before any runs, so unreadable data reaches no handler at all
    Map<Class<?>, InboundEvent> events = new HashMap<>();
    due.forEach(r -> events.computeIfAbsent(r.payloadType(), t -> event(record, cloudEvent, t)));
    // No lookup first: handlers are idempotent (a redelivery changes nothing), so the insert that
    // remembers the id also tells a redelivery apart. Remembered only after every handler
    // succeeded, never before: an id remembered ahead of a crash would make the redelivery skip
    // an event nobody handled.
    for (InboxRoutes.Route route : due) {
      route.handler().handle(events.get(route.payloadType()));
    }
    return new Handled(events.get(due.get(0).payloadType()), type);
  }

  /** Handlers write what they buffered, then the poll's ids are remembered in one insert. */
  private void finish(List<Handled> handled) {
    routes.handlers().forEach(InboxHandler::endOfBatch);
    if (handled.isEmpty()) {
      return;
    }
    Set<String> duplicates = inbox.rememberAll(handled.stream().map(Handled::event).toList());
    handled.forEach(
        h -> count(duplicates.contains(h.event().id()) ? "duplicate" : "processed", h.type()));
    handled.clear();
  }

  /**
   * Records of a history seed that the service's seed applied already: routed as {@link #onMessage}
   * would route them, each handler that takes some {@link InboxHandler#recordHistory records} them,
   * and the inbox remembers every id a delivery would have remembered — without handling them
   * again.
   */
  public void recordHistory(List<ConsumerRecord<String, byte[]>> records) {
    Map<InboxHandler, List<InboundEvent>> byHandler = new java.util.LinkedHashMap<>();
    List<InboundEvent> remembered = new java.util.ArrayList<>();
    for (ConsumerRecord<String, byte[]> record : records) {
      CloudEvent cloudEvent = read(record);
      InboxRoutes.Routes candidates = routes.to(record.topic(), cloudEvent.getType());
      boolean own = ownSource.equals(String.valueOf(cloudEvent.getSource()));
      List<InboxRoutes.Route> due = own ? candidates.includingOwn() : candidates.all();
      if (due.isEmpty()) {
        continue;
      }
      Map<Class<?>, InboundEvent> events = new HashMap<>();
      for (InboxRoutes.Route route : due) {
        InboundEvent event =
            events.computeIfAbsent(route.payloadType(), t -> event(record, cloudEvent, t));
        byHandler.computeIfAbsent(route.handler(), h -> new java.util.ArrayList<>()).add(event);
      }
      remembered.add(events.get(due.get(0).payloadType()));
      count("history", cloudEvent.getType());
    }
    byHandler.forEach(InboxHandler::recordHistory);
    inbox.rememberAll(remembered);
  }

  /** The topics the handlers take. */
  public Set<String> topics() {
    return routes.topics();
  }

  private static InboundEvent event(
      ConsumerRecord<String, byte[]> record, CloudEvent cloudEvent, Class<?> payloadType) {
    return InboundEvent.of(record, cloudEvent, payloadType);
  }

  private static CloudEvent read(ConsumerRecord<String, byte[]> record) {
    return InboundEvent.cloudEvent(record);
  }

  private void count(String outcome, String type) {
    registry.counter("hotline.inbox.events", "outcome", outcome, "type", type).increment();
  }
}
