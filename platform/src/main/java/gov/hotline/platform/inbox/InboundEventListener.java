package gov.hotline.platform.inbox;

import gov.hotline.platform.metrics.EventHops;
import io.cloudevents.CloudEvent;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.listener.MessageListener;

/**
 * The one listener of a service: reads each record as a CloudEvent, routes it by topic and {@code
 * ce_type} to every {@link InboxHandler} that takes it, skips ids the inbox has seen, and remembers
 * the id once all handlers succeeded. Counts each record in {@code hotline.inbox.events} by
 * outcome: {@code processed}, {@code duplicate}, {@code own} (every handler skips this service's
 * own events) or {@code unhandled} (no handler takes the type), and times every readable record
 * from its {@code ce_time} to being picked up in {@value EventHops#CONSUMED}.
 */
public class InboundEventListener implements MessageListener<String, byte[]> {
  private static final Logger log = LoggerFactory.getLogger(InboundEventListener.class);

  private final InboxRoutes routes;
  private final InboxStore inbox;
  private final MeterRegistry registry;
  private final String ownSource;
  private final EventHops consumed;

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
  }

  @Override
  public void onMessage(ConsumerRecord<String, byte[]> record) {
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
      return;
    }
    boolean own = ownSource.equals(String.valueOf(cloudEvent.getSource()));
    List<InboxRoutes.Route> due = own ? candidates.includingOwn() : candidates.all();
    if (due.isEmpty()) {
      count("own", type);
      return;
    }
    // read for every handler before any runs, so unreadable data reaches no handler at all
    Map<Class<?>, InboundEvent> events = new HashMap<>();
    due.forEach(r -> events.computeIfAbsent(r.payloadType(), t -> event(record, cloudEvent, t)));
    // No lookup first: handlers are idempotent (a redelivery changes nothing), so the one insert
    // that remembers the id also tells a redelivery apart, and a first delivery costs one store
    // command instead of two. Remembered only after every handler succeeded, never before: an
    // id remembered ahead of a crash would make the redelivery skip an event nobody handled.
    for (InboxRoutes.Route route : due) {
      route.handler().handle(events.get(route.payloadType()));
    }
    boolean first = inbox.remember(events.get(due.get(0).payloadType()));
    count(first ? "processed" : "duplicate", type);
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
