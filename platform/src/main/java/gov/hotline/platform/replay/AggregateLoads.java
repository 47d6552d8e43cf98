package gov.hotline.platform.replay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import gov.hotline.api.admin.AggregateLoad;
import gov.hotline.platform.domain.UnknownEntity;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.axonframework.config.AggregateConfiguration;
import org.axonframework.config.Configuration;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.EventSourcingRepository;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.modelling.command.Aggregate;

/**
 * Times loading an aggregate from the event store the way a command would find it without the
 * aggregate cache: the service's own aggregate factory and event sourcing handlers, once from the
 * first event and once from the latest snapshot. Inside a unit of work that is rolled back, with no
 * snapshot trigger: nothing is written.
 */
public final class AggregateLoads {
  public static final int MAX_REPEAT = 100;

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final org.slf4j.Logger log =
      org.slf4j.LoggerFactory.getLogger(AggregateLoads.class);
  private final Configuration axon;

  public AggregateLoads(Configuration axon) {
    this.axon = axon;
  }

  /**
   * @param aggregateType the aggregate's simple class name, any case (e.g. {@code assignment})
   * @throws UnknownEntity when this service has no such aggregate type
   * @throws org.axonframework.modelling.command.AggregateNotFoundException when there is no such
   *     aggregate
   */
  public AggregateLoad measure(String aggregateType, String aggregateId, int repeat) {
    AggregateConfiguration<?> aggregate =
        axon.findModules(AggregateConfiguration.class).stream()
            .map(c -> (AggregateConfiguration<?>) c)
            .filter(c -> c.aggregateType().getSimpleName().equalsIgnoreCase(aggregateType))
            .findFirst()
            .orElseThrow(() -> new UnknownEntity("aggregate type", aggregateType));
    List<byte[]> states = new ArrayList<>();
    AggregateLoad.Loads without = loads(aggregate, aggregateId, false, repeat, states);
    AggregateLoad.Loads with = loads(aggregate, aggregateId, true, repeat, states);
    return new AggregateLoad(
        aggregate.aggregateType().getSimpleName().toLowerCase(Locale.ROOT),
        aggregateId,
        without,
        with,
        without.lastSequence() == with.lastSequence()
            ? sameState(states.get(0), states.get(1), aggregateId)
            : null); // the aggregate changed between the loads: nothing to compare
  }

  /** Equal JSON, the order of array elements aside (a set's order is not its state). */
  static boolean sameState(byte[] one, byte[] other, String aggregateId) {
    try {
      boolean same = normal(JSON.readTree(one)).equals(normal(JSON.readTree(other)));
      if (!same) {
        log.warn(
            "aggregate {} loaded from its snapshot differs from its events: {} vs {}",
            aggregateId,
            head(other),
            head(one));
      }
      return same;
    } catch (java.io.IOException e) {
      return java.util.Arrays.equals(one, other);
    }
  }

  private static String head(byte[] json) {
    String text = new String(json, java.nio.charset.StandardCharsets.UTF_8);
    return text.length() <= 2_000 ? text : text.substring(0, 2_000) + "…";
  }

  private static JsonNode normal(JsonNode node) {
    if (node.isArray()) {
      List<JsonNode> elements = new ArrayList<>();
      node.forEach(e -> elements.add(normal(e)));
      elements.sort(java.util.Comparator.comparing(JsonNode::toString));
      return JSON.createArrayNode().addAll(elements);
    }
    if (node.isObject()) {
      ObjectNode copy = JSON.createObjectNode();
      node.fields().forEachRemaining(f -> copy.set(f.getKey(), normal(f.getValue())));
      return copy;
    }
    return node;
  }

  private <T> AggregateLoad.Loads loads(
      AggregateConfiguration<T> aggregate,
      String aggregateId,
      boolean snapshots,
      int repeat,
      List<byte[]> states) {
    List<Double> millis = new ArrayList<>();
    Measuring<T> last = null;
    for (int i = 0; i < repeat; i++) {
      Measuring<T> repository = new Measuring<>(aggregate, axon, snapshots);
      DefaultUnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(null);
      try {
        long start = System.nanoTime();
        Aggregate<T> loaded = repository.load(aggregateId);
        millis.add((System.nanoTime() - start) / 1e6);
        if (i == repeat - 1) { // the state of the load whose counts are reported
          states.add(
              loaded.invoke(root -> axon.serializer().serialize(root, byte[].class).getData()));
        }
      } finally {
        unitOfWork.rollback();
      }
      last = repository;
    }
    List<Double> sorted = millis.stream().sorted().toList();
    return new AggregateLoad.Loads(
        last.read,
        last.snapshotSequence != null,
        last.snapshotSequence,
        last.lastSequence,
        List.copyOf(millis),
        sorted.get(sorted.size() / 2),
        sorted.get(0));
  }

  /** A repository of the aggregate without cache, counting what it reads. */
  private static final class Measuring<T> extends EventSourcingRepository<T> {
    private final EventStore store;
    private final Class<T> type;
    private final boolean snapshots;
    long read;
    Long snapshotSequence;
    long lastSequence = -1;

    Measuring(AggregateConfiguration<T> aggregate, Configuration axon, boolean snapshots) {
      super(
          EventSourcingRepository.builder(aggregate.aggregateType())
              .eventStore(axon.eventStore())
              .aggregateFactory(aggregate.aggregateFactory())
              .parameterResolverFactory(axon.parameterResolverFactory())
              .handlerDefinition(axon.handlerDefinition(aggregate.aggregateType())));
      this.store = axon.eventStore();
      this.type = aggregate.aggregateType();
      this.snapshots = snapshots;
    }

    @Override
    protected DomainEventStream readEvents(String aggregateIdentifier) {
      DomainEventStream stream =
          snapshots
              ? store.readEvents(aggregateIdentifier)
              : store.readEvents(aggregateIdentifier, 0);
      return stream.filter(this::count);
    }

    /** The stream may test a message more than once (peeking), so each is counted once. */
    private boolean count(DomainEventMessage<?> message) {
      if (read > 0 && message.getSequenceNumber() == lastSequence) {
        return true;
      }
      if (read == 0 && type.isAssignableFrom(message.getPayloadType())) {
        snapshotSequence = message.getSequenceNumber();
      }
      read++;
      lastSequence = message.getSequenceNumber();
      return true;
    }
  }
}
