package gov.hotline.platform.history;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import gov.hotline.contract.EventType;
import gov.hotline.platform.domain.RuleViolation;
import gov.hotline.platform.lifecycle.StepObserved;
import gov.hotline.platform.relay.CloudEventCodec;
import io.cloudevents.CloudEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.WrappedToken;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.extensions.mongo.MongoTemplate;
import org.axonframework.extensions.mongo.eventsourcing.eventstore.MongoTrackingToken;
import org.axonframework.extensions.mongo.eventsourcing.eventstore.documentperevent.EventEntryConfiguration;
import org.axonframework.messaging.MetaData;
import org.bson.Document;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * Writes this service's {@link HistoryShare} of orders {@code from … from + count - 1} of the
 * {@link SyntheticHistory} as if the loop had run them: publishes the events this service decides
 * to their topic with its codec (the ids the relay would use), writes its read models in bulk, then
 * appends the orders' events to its own Axon event store with its own serializer and storage engine
 * — past the event bus, so no handler runs and no tracking processor sees them: their timestamps
 * lie far behind every processor's position.
 *
 * <p>The event store is written last and is what tells a seeded order: an order stored already is
 * skipped whole, so seeding a range twice changes nothing; a seed cut short between publishing and
 * storing publishes again (consumers de-duplicate by id) and writes the views again (idempotent).
 */
public class HistorySeeder {
  private static final int APPEND_BATCH = 2_000;

  private final HistoryShare share;
  private final EventStorageEngine engine;
  private final MongoTemplate axonMongo;
  private final KafkaTemplate<String, CloudEvent> template;
  private final CloudEventCodec codec;
  private final EventProcessingConfiguration processing;
  private final Duration lookBack;
  private final Duration ackTimeout;

  public HistorySeeder(
      HistoryShare share,
      EventStorageEngine engine,
      MongoTemplate axonMongo,
      KafkaTemplate<String, CloudEvent> template,
      CloudEventCodec codec,
      EventProcessingConfiguration processing,
      Duration lookBack,
      Duration ackTimeout) {
    this.share = share;
    this.engine = engine;
    this.axonMongo = axonMongo;
    this.template = template;
    this.codec = codec;
    this.processing = processing;
    this.lookBack = lookBack;
    this.ackTimeout = ackTimeout;
  }

  /** What one call did. */
  public record Outcome(int orders, int seeded, int skipped, long stored, long published) {}

  public Outcome seed(int from, int count) throws Exception {
    SyntheticHistory.check(from, count);
    if (count == 0) {
      return new Outcome(0, 0, 0, 0, 0);
    }
    requireProcessorsPast(SyntheticHistory.newestBefore(from + count));
    List<SyntheticHistory.Order> orders = SyntheticHistory.orders(from, count);
    Set<UUID> stored = storedOrders(orders.stream().map(SyntheticHistory.Order::orderId).toList());
    List<HistoryShare.Seeded> todo = new ArrayList<>();
    for (SyntheticHistory.Order order : orders) {
      if (!stored.contains(order.orderId())) {
        todo.add(share.share(order));
      }
    }
    if (todo.isEmpty()) {
      return new Outcome(count, 0, count, 0, 0);
    }
    long published = publish(todo);
    share.views().accept(todo);
    long appended = append(todo);
    return new Outcome(count, todo.size(), count - todo.size(), appended, published);
  }

  /** Of {@code orderIds}, those whose aggregate this service's event store holds. */
  public Set<UUID> storedOrders(Collection<UUID> orderIds) {
    Set<UUID> found = new HashSet<>();
    if (orderIds.isEmpty()) {
      return found;
    }
    EventEntryConfiguration fields = EventEntryConfiguration.getDefault();
    List<String> ids = orderIds.stream().map(UUID::toString).distinct().toList();
    axonMongo
        .eventCollection()
        .find(
            Filters.and(
                Filters.in(fields.aggregateIdentifierProperty(), ids),
                Filters.eq(fields.sequenceNumberProperty(), 0L)))
        .projection(Projections.include(fields.aggregateIdentifierProperty()))
        .forEach(
            (Document d) ->
                found.add(UUID.fromString(d.getString(fields.aggregateIdentifierProperty()))));
    return found;
  }

  private long publish(List<HistoryShare.Seeded> orders) throws Exception {
    List<CompletableFuture<?>> sends = new ArrayList<>();
    for (HistoryShare.Seeded seeded : orders) {
      for (HistoryShare.Stored step : seeded.steps()) {
        if (!step.observed()) {
          EventType type = EventType.ofPayload(step.step().getClass()).orElseThrow();
          String id = seeded.order().steps().get(step.stepIndex()).eventId();
          sends.add(
              template.send(
                  new ProducerRecord<>(
                      type.topic(), step.step().subject(), codec.encode(id, step.step()))));
        }
      }
    }
    CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new))
        .get(ackTimeout.toMillis() + sends.size(), TimeUnit.MILLISECONDS);
    return sends.size();
  }

  private long append(List<HistoryShare.Seeded> orders) {
    List<EventMessage<?>> batch = new ArrayList<>(APPEND_BATCH);
    long appended = 0;
    for (HistoryShare.Seeded seeded : orders) {
      SyntheticHistory.Order order = seeded.order();
      for (HistoryShare.Stored step : seeded.steps()) {
        String eventId = order.steps().get(step.stepIndex()).eventId();
        Object payload = step.step();
        String messageId = eventId;
        if (step.observed()) {
          payload = new StepObserved(order.orderId(), eventId, step.step());
          messageId = SyntheticHistory.observedId(order.index(), step.stepIndex(), share.salt());
        }
        batch.add(
            new GenericDomainEventMessage<>(
                share.aggregateType(),
                order.orderId().toString(),
                step.sequence(),
                payload,
                MetaData.emptyInstance(),
                messageId,
                step.step().occurredAt()));
      }
      if (batch.size() >= APPEND_BATCH) {
        engine.appendEvents(batch);
        appended += batch.size();
        batch = new ArrayList<>(APPEND_BATCH);
      }
    }
    if (!batch.isEmpty()) {
      engine.appendEvents(batch);
      appended += batch.size();
    }
    return appended;
  }

  /**
   * Refuses to seed while a streaming processor of this service has no position yet or one that
   * would still read the history (within its look-back window): it would handle the seeded events
   * again — the relay would publish them twice.
   */
  private void requireProcessorsPast(Instant newest) {
    Instant needed = newest.plus(lookBack);
    for (Map.Entry<String, StreamingEventProcessor> entry :
        processing.eventProcessors().entrySet().stream()
            .filter(e -> e.getValue() instanceof StreamingEventProcessor)
            .collect(
                java.util.stream.Collectors.toMap(
                    Map.Entry::getKey, e -> (StreamingEventProcessor) e.getValue()))
            .entrySet()) {
      Map<Integer, EventTrackerStatus> status = entry.getValue().processingStatus();
      if (status.isEmpty()) {
        throw notYet(entry.getKey(), "has no claimed segment");
      }
      for (EventTrackerStatus segment : status.values()) {
        TrackingToken token = WrappedToken.unwrapLowerBound(segment.getTrackingToken());
        if (!(token instanceof MongoTrackingToken mongo)) {
          throw notYet(entry.getKey(), "has tracked no event yet");
        }
        if (!mongo.getTimestamp().isAfter(needed)) {
          throw notYet(entry.getKey(), "is at " + mongo.getTimestamp() + ", inside the history");
        }
      }
    }
  }

  private static RuleViolation notYet(String processor, String why) {
    return new RuleViolation(
        "history-not-behind-processors",
        "processor "
            + processor
            + " "
            + why
            + ": it would handle the seeded history again. Run one lifecycle through the stack"
            + " first (./hotline demo 1), then seed.");
  }
}
