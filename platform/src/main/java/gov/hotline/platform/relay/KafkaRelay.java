package gov.hotline.platform.relay;

import gov.hotline.contract.EventType;
import gov.hotline.contract.PublicEvent;
import gov.hotline.platform.axon.Batches;
import gov.hotline.platform.metrics.EventHops;
import io.cloudevents.CloudEvent;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DisallowReplay;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.messaging.StreamableMessageSource;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.SendResult;

/**
 * The outbox relay: a tracking processor over this service's own event store that publishes each
 * contract event to Kafka. Sends of a batch go out together; the last event of the batch waits for
 * every broker acknowledgement before the unit of work may commit, and Axon stores the processor's
 * token only at commit — so a failed send rolls back and the batch is retried, never skipped.
 * At-least-once: consumers de-duplicate by {@code ce_id}. Each acknowledged send is timed in
 * {@value EventHops#RELAYED} (event stored → acknowledged).
 */
@ProcessingGroup(KafkaRelay.PROCESSING_GROUP)
public class KafkaRelay {
  public static final String PROCESSING_GROUP = "kafka-relay";

  /** Events per batch: their sends go out together and share one wait for acknowledgements. */
  static final int BATCH_SIZE = 100;

  private static final String PENDING = KafkaRelay.class.getName() + ".pending";

  private final KafkaTemplate<String, CloudEvent> template;
  private final CloudEventCodec codec;
  private final Counter published;
  private final EventHops relayed;
  private final long ackTimeoutMillis;

  public KafkaRelay(
      KafkaTemplate<String, CloudEvent> template,
      CloudEventCodec codec,
      MeterRegistry registry,
      long ackTimeoutMillis) {
    this.template = template;
    this.codec = codec;
    this.ackTimeoutMillis = ackTimeoutMillis;
    this.published =
        Counter.builder("hotline.relay.published")
            .description("Contract events acknowledged by the broker")
            .register(registry);
    this.relayed = EventHops.relayed(registry);
  }

  /**
   * How the relay's tracking processor runs: {@code segments} segments, a thread for each (a lone
   * instance relays them all; instances of a scaled-out service share them, see {@code
   * SegmentBalancer}), batches of {@value #BATCH_SIZE}, and — when it has no token yet — from the
   * first stored event. An order's events stay in order on the topic: the relay's sequencing policy
   * is per aggregate (one order, one segment), a segment's batch is acknowledged by the broker
   * before its token moves, and the record key is the order id (one order, one partition). Axon's
   * default initial token is a replay token up to the head, which this {@code @DisallowReplay}
   * handler would skip: every event stored before the relay's token was first written (at a first
   * start, or after the token was lost) would never be published.
   */
  public static TrackingEventProcessorConfiguration processorConfiguration(int segments) {
    return TrackingEventProcessorConfiguration.forParallelProcessing(segments)
        .andInitialSegmentsCount(segments)
        .andTokenClaimInterval(1, TimeUnit.SECONDS)
        .andBatchSize(BATCH_SIZE)
        .andInitialTrackingToken(StreamableMessageSource::createTailToken);
  }

  @EventHandler
  @DisallowReplay
  public void on(Object payload, EventMessage<?> message) throws Exception {
    List<CompletableFuture<SendResult<String, CloudEvent>>> pending = pendingSends();
    if (payload instanceof PublicEvent event) {
      EventType type = EventType.ofPayload(event.getClass()).orElseThrow();
      CloudEvent cloudEvent = codec.encode(message.getIdentifier(), event);
      CompletableFuture<SendResult<String, CloudEvent>> send =
          template.send(new ProducerRecord<>(type.topic(), event.subject(), cloudEvent));
      Instant stored = message.getTimestamp();
      send.thenRun(() -> relayed.record(type.ceType(), stored));
      pending.add(send);
    }
    if (Batches.isLastOfBatch()) {
      awaitAcknowledgements(pending);
    }
  }

  private void awaitAcknowledgements(List<CompletableFuture<SendResult<String, CloudEvent>>> sends)
      throws InterruptedException, ExecutionException, TimeoutException {
    try {
      CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new))
          .get(ackTimeoutMillis, TimeUnit.MILLISECONDS);
      published.increment(sends.size());
    } finally {
      sends.clear();
    }
  }

  private static List<CompletableFuture<SendResult<String, CloudEvent>>> pendingSends() {
    if (!CurrentUnitOfWork.isStarted()) {
      return new ArrayList<>();
    }
    return CurrentUnitOfWork.get().root().getOrComputeResource(PENDING, k -> new ArrayList<>());
  }
}
