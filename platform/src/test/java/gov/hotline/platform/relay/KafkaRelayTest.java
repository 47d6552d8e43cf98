package gov.hotline.platform.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import gov.hotline.contract.Actor;
import gov.hotline.contract.ActorRole;
import gov.hotline.contract.Topics;
import gov.hotline.contract.workorder.Verdict;
import gov.hotline.contract.workorder.WorkOrderAudited;
import gov.hotline.platform.metrics.EventHops;
import io.cloudevents.CloudEvent;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.SimpleEventHandlerInvoker;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.tokenstore.inmemory.InMemoryTokenStore;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.mock.MockProducerFactory;

/**
 * The relay as Axon runs it: a tracking processor over an event store, its token in a token store,
 * and a producer whose sends the test acknowledges or fails by hand ({@link MockProducer} without
 * auto-complete), so what the token does while a send is open can be watched.
 */
class KafkaRelayTest {
  private final EmbeddedEventStore eventStore =
      EmbeddedEventStore.builder().storageEngine(new InMemoryEventStorageEngine()).build();
  private final InMemoryTokenStore tokenStore = new InMemoryTokenStore();
  private final Producers producer = new Producers();
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final TrackingEventProcessor processor =
      TrackingEventProcessor.builder()
          .name(KafkaRelay.PROCESSING_GROUP)
          .eventHandlerInvoker(
              SimpleEventHandlerInvoker.builder()
                  .eventHandlers(
                      new KafkaRelay(
                          new KafkaTemplate<>(new MockProducerFactory<>(producer::current)),
                          new CloudEventCodec("/hotline/supervision"),
                          registry,
                          Duration.ofSeconds(20).toMillis()))
                  // what the platform's ProcessorRetryAutoConfiguration sets for every processor
                  .listenerInvocationErrorHandler(PropagatingErrorHandler.instance())
                  .build())
          .messageSource(eventStore)
          .tokenStore(tokenStore)
          .transactionManager(NoTransactionManager.INSTANCE)
          .trackingEventProcessorConfiguration(
              KafkaRelay.processorConfiguration(1).andBatchSize(10))
          .build();

  @AfterEach
  void stop() {
    processor.shutDown();
    eventStore.shutDown();
  }

  @Test
  void the_token_moves_only_after_the_broker_acknowledged_the_send() {
    processor.start();
    EventMessage<WorkOrderAudited> audited = event();
    eventStore.publish(audited);

    await().atMost(Duration.ofSeconds(10)).until(() -> producer.history().size() == 1);
    ProducerRecord<String, CloudEvent> sent = producer.history().get(0);
    assertThat(sent.topic()).isEqualTo(Topics.WORKORDER_LIFECYCLE);
    assertThat(sent.key()).isEqualTo(audited.getPayload().orderId().toString());
    assertThat(sent.value().getId()).isEqualTo(audited.getIdentifier());
    await()
        .during(Duration.ofMillis(500))
        .atMost(Duration.ofSeconds(2))
        .until(() -> position() == NOTHING_RELAYED);

    assertThat(producer.completeNext()).isTrue();
    await().atMost(Duration.ofSeconds(10)).until(() -> position() == 0);
    assertThat(registry.get("hotline.relay.published").counter().count()).isEqualTo(1);
    assertThat(
            registry
                .get(EventHops.RELAYED)
                .tag("type", "gov.hotline.workorder.audited.v1")
                .timer()
                .count())
        .isEqualTo(1);
  }

  @Test
  void events_stored_before_the_relay_ever_ran_are_published_too() {
    EventMessage<WorkOrderAudited> early = event();
    eventStore.publish(early);
    processor.start();

    await().atMost(Duration.ofSeconds(10)).until(() -> producer.history().size() == 1);
    assertThat(producer.history().get(0).value().getId()).isEqualTo(early.getIdentifier());
  }

  @Test
  void a_failed_send_retries_the_whole_batch_instead_of_skipping_it() {
    EventMessage<WorkOrderAudited> first = event();
    EventMessage<WorkOrderAudited> second = event();
    eventStore.publish(first, second);
    processor.start();

    await().atMost(Duration.ofSeconds(10)).until(() -> producer.history().size() == 2);
    assertThat(producer.completeNext()).isTrue();
    assertThat(producer.errorNext(new IllegalStateException("not enough replicas"))).isTrue();

    // the batch rolls back: both events are sent again, and the token has not moved past either
    await().atMost(Duration.ofSeconds(15)).until(() -> producer.history().size() == 4);
    assertThat(producer.history())
        .extracting(record -> record.value().getId())
        .containsExactly(
            first.getIdentifier(),
            second.getIdentifier(),
            first.getIdentifier(),
            second.getIdentifier());
    assertThat(position()).isEqualTo(NOTHING_RELAYED);

    assertThat(producer.completeNext()).isTrue();
    assertThat(producer.completeNext()).isTrue();
    await().atMost(Duration.ofSeconds(10)).until(() -> position() == 1);
    assertThat(registry.get("hotline.relay.published").counter().count()).isEqualTo(2);
  }

  private static final long NOTHING_RELAYED = -1;

  /** The index of the last event the stored token has passed; -1 before the first. */
  private long position() {
    if (tokenStore.fetchSegments(KafkaRelay.PROCESSING_GROUP).length == 0) {
      return NOTHING_RELAYED;
    }
    TrackingToken token = tokenStore.fetchToken(KafkaRelay.PROCESSING_GROUP, 0);
    return token == null ? NOTHING_RELAYED : token.position().orElse(NOTHING_RELAYED);
  }

  /**
   * Mock producers whose sends the test acknowledges by hand, oldest first. The template closes a
   * bare producer once its send completes (the real factory hands out a close-safe shared one), so
   * a new one is handed out after that; the history spans all of them.
   */
  private static final class Producers {
    private final List<MockProducer<String, CloudEvent>> all = new CopyOnWriteArrayList<>();

    synchronized MockProducer<String, CloudEvent> current() {
      if (all.isEmpty() || all.get(all.size() - 1).closed()) {
        all.add(new MockProducer<>(false, new StringSerializer(), (topic, event) -> new byte[0]));
      }
      return all.get(all.size() - 1);
    }

    List<ProducerRecord<String, CloudEvent>> history() {
      return all.stream().flatMap(p -> p.history().stream()).toList();
    }

    boolean completeNext() {
      return all.stream().anyMatch(MockProducer::completeNext);
    }

    boolean errorNext(RuntimeException e) {
      return all.stream().anyMatch(p -> p.errorNext(e));
    }
  }

  private static EventMessage<WorkOrderAudited> event() {
    return GenericEventMessage.asEventMessage(
        new WorkOrderAudited(
            UUID.randomUUID(),
            "20261124000001",
            Instant.parse("2026-11-24T02:00:00Z"),
            new Actor(ActorRole.SUPERVISOR, "sup-1", null, null),
            1,
            Verdict.APPROVED,
            "整改到位"));
  }
}
