package gov.hotline.platform.inbox;

import gov.hotline.contract.EventType;
import gov.hotline.contract.PublicEvent;
import gov.hotline.platform.relay.CloudEventCodec;
import gov.hotline.platform.relay.UnreadableEventException;
import io.cloudevents.CloudEvent;
import io.cloudevents.kafka.KafkaMessageFactory;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.listener.MessageListener;

/**
 * Reads each record as a CloudEvent, skips ids the inbox has seen, hands the rest to the service's
 * {@link InboundEventHandler} and then remembers the id.
 */
public class InboundEventListener implements MessageListener<String, byte[]> {
  private static final Logger log = LoggerFactory.getLogger(InboundEventListener.class);

  private final InboundEventHandler handler;
  private final InboxStore inbox;
  private final MeterRegistry registry;

  public InboundEventListener(
      InboundEventHandler handler, InboxStore inbox, MeterRegistry registry) {
    this.handler = handler;
    this.inbox = inbox;
    this.registry = registry;
  }

  @Override
  public void onMessage(ConsumerRecord<String, byte[]> record) {
    CloudEvent cloudEvent = read(record);
    Optional<EventType> type = EventType.ofCeType(cloudEvent.getType());
    Optional<PublicEvent> payload = CloudEventCodec.decode(cloudEvent);
    if (type.isEmpty() || payload.isEmpty()) {
      log.debug("ignoring event {} of unknown type {}", cloudEvent.getId(), cloudEvent.getType());
      count("ignored", cloudEvent.getType());
      return;
    }
    if (inbox.seen(cloudEvent.getId())) {
      count("duplicate", cloudEvent.getType());
      return;
    }
    InboundEvent event =
        new InboundEvent(
            cloudEvent.getId(),
            cloudEvent.getSource(),
            type.get(),
            cloudEvent.getSubject(),
            cloudEvent.getTime() == null ? null : cloudEvent.getTime().toInstant(),
            payload.get(),
            cloudEvent.getData().toBytes(),
            record.topic(),
            record.partition(),
            record.offset());
    handler.handle(event);
    inbox.remember(event);
    count("processed", cloudEvent.getType());
  }

  private static CloudEvent read(ConsumerRecord<String, byte[]> record) {
    try {
      return KafkaMessageFactory.createReader(record).toEvent();
    } catch (RuntimeException e) {
      throw new UnreadableEventException(
          "record "
              + record.topic()
              + "-"
              + record.partition()
              + "@"
              + record.offset()
              + " is not a CloudEvent: "
              + e.getMessage());
    }
  }

  private void count(String outcome, String type) {
    registry.counter("hotline.inbox.events", "outcome", outcome, "type", type).increment();
  }
}
