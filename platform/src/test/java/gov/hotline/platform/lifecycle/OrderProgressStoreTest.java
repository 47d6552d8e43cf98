package gov.hotline.platform.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import gov.hotline.contract.Actor;
import gov.hotline.contract.ActorRole;
import gov.hotline.contract.workorder.CallerRef;
import gov.hotline.contract.workorder.Category;
import gov.hotline.contract.workorder.Channel;
import gov.hotline.contract.workorder.DeadlineBasis;
import gov.hotline.contract.workorder.DemandType;
import gov.hotline.contract.workorder.HandlingOutcome;
import gov.hotline.contract.workorder.HandlingUnit;
import gov.hotline.contract.workorder.IllegalTransition;
import gov.hotline.contract.workorder.Location;
import gov.hotline.contract.workorder.OrderLifecycle;
import gov.hotline.contract.workorder.OrderProgress;
import gov.hotline.contract.workorder.OrderState;
import gov.hotline.contract.workorder.Resolution;
import gov.hotline.contract.workorder.Routing;
import gov.hotline.contract.workorder.RoutingMode;
import gov.hotline.contract.workorder.UnitLevel;
import gov.hotline.contract.workorder.Urgency;
import gov.hotline.contract.workorder.Verdict;
import gov.hotline.contract.workorder.WorkOrderAudited;
import gov.hotline.contract.workorder.WorkOrderDispatched;
import gov.hotline.contract.workorder.WorkOrderEvent;
import gov.hotline.contract.workorder.WorkOrderHandled;
import gov.hotline.contract.workorder.WorkOrderReceived;
import gov.hotline.embedded.EmbeddedMongoServer;
import gov.hotline.platform.metrics.EventHops;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.ReplayStatus;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.bson.UuidRepresentation;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * Events in, progress out — and a second delivery or a replay of the same events changes nothing.
 */
class OrderProgressStoreTest {
  static final UUID ORDER = UUID.fromString("2a0d7c5e-7f11-4b59-8c3e-41d2f9a6b001");
  static final Instant T0 = Instant.parse("2026-12-01T01:00:00Z");
  static final HandlingUnit COMMUNITY =
      new HandlingUnit("340602-001-001", "相南街道人民路社区居委会", UnitLevel.COMMUNITY);
  static final HandlingUnit STREET = new HandlingUnit("340602-001", "相山区相南街道办事处", UnitLevel.STREET);

  private static EmbeddedMongoServer server;
  private static MongoClient client;
  private OrderProgressStore store;

  @BeforeAll
  static void startMongo() {
    server = EmbeddedMongoServer.start(null, 0);
    client =
        MongoClients.create(
            MongoClientSettings.builder()
                .applyConnectionString(new ConnectionString(server.connectionString()))
                .uuidRepresentation(UuidRepresentation.JAVA_LEGACY) // as Spring Boot configures it
                .build());
  }

  @AfterAll
  static void stopMongo() {
    client.close();
    server.close();
  }

  @BeforeEach
  void freshStore() {
    store = new OrderProgressStore(new MongoTemplate(client, "platform-test"), "order_view");
    store.reset();
    store.index("state", "receivedAt");
  }

  static List<WorkOrderEvent> history() {
    WorkOrderReceived received =
        new WorkOrderReceived(
            ORDER,
            "20261201000007",
            T0,
            new Actor(ActorRole.OPERATOR, "op-1", null, null),
            1,
            Channel.PHONE,
            DemandType.COMPLAINT,
            new Category("URBAN.NOISE", List.of("城市管理", "噪声扰民")),
            Urgency.URGENT,
            "夜间施工噪声",
            "工地每晚十一点后仍在施工",
            new Location("人民路1号", "340602", 33.95, 116.79),
            new CallerRef("ab".repeat(32), "138****8000", false, false),
            List.of(),
            Resolution.WORK_ORDER,
            null);
    WorkOrderDispatched dispatched =
        new WorkOrderDispatched(
            ORDER,
            "20261201000007",
            T0.plusSeconds(600),
            new Actor(ActorRole.DISPATCHER, "disp-1", null, null),
            1,
            COMMUNITY,
            List.of(STREET),
            new Routing(RoutingMode.DIRECT_TO_GRASSROOTS, null),
            Instant.parse("2026-12-15T15:59:59Z"),
            new DeadlineBasis(10, "weekdays"),
            null);
    WorkOrderHandled handled =
        new WorkOrderHandled(
            ORDER,
            "20261201000007",
            T0.plusSeconds(3600),
            new Actor(ActorRole.UNIT_HANDLER, "h-1", COMMUNITY.id(), null),
            1,
            COMMUNITY,
            HandlingOutcome.RESOLVED,
            "已责令停工",
            null,
            List.of());
    WorkOrderAudited rejected =
        new WorkOrderAudited(
            ORDER,
            "20261201000007",
            T0.plusSeconds(7200),
            new Actor(ActorRole.SUPERVISOR, "sup-1", null, null),
            1,
            Verdict.REJECTED,
            "未到现场核实");
    return List.of(received, dispatched, handled, rejected);
  }

  private void applyAll(List<WorkOrderEvent> events) {
    for (int sequence = 0; sequence < events.size(); sequence++) {
      store.apply(events.get(sequence), sequence);
    }
  }

  @Test
  void the_view_holds_what_the_lifecycle_fold_gives_and_reads_it_back_whole() {
    applyAll(history());

    OrderProgress expected = OrderLifecycle.replay(history());
    assertThat(store.find(ORDER)).contains(expected);
    assertThat(expected.state()).isEqualTo(OrderState.DISPATCHED);
    assertThat(expected.attempt()).isEqualTo(2);
  }

  @Test
  void the_same_events_delivered_twice_or_replayed_give_the_same_view() {
    applyAll(history());
    OrderProgress once = store.find(ORDER).orElseThrow();

    applyAll(history()); // a redelivery of every event
    assertThat(store.find(ORDER)).contains(once);

    store.reset();
    applyAll(history()); // a replay from an empty view
    assertThat(store.find(ORDER)).contains(once);
  }

  @Test
  void a_step_folded_in_regular_processing_is_timed_once_a_replayed_or_redelivered_one_not() {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    OrderProgressProjection view = new OrderProgressProjection(store, registry) {};
    WorkOrderEvent received = history().get(0);
    WorkOrderEvent dispatched = history().get(1);

    view.on(new StepObserved(ORDER, "ce-0", received), 0, ReplayStatus.REGULAR);
    view.on(new StepObserved(ORDER, "ce-0", received), 0, ReplayStatus.REGULAR); // redelivered
    view.on(dispatched, 1, ReplayStatus.REPLAY);

    assertThat(registry.get(EventHops.APPLIED).timers())
        .singleElement()
        .satisfies(
            timer -> {
              assertThat(timer.getId().getTag("type"))
                  .isEqualTo("gov.hotline.workorder.received.v1");
              assertThat(timer.count()).isEqualTo(1);
            });
    assertThat(store.find(ORDER).orElseThrow().state()).isEqualTo(OrderState.DISPATCHED);
  }

  @Test
  void an_event_the_lifecycle_refuses_does_not_change_the_view() {
    applyAll(history().subList(0, 2));
    OrderProgress dispatched = store.find(ORDER).orElseThrow();

    assertThatThrownBy(() -> store.apply(history().get(3), 2))
        .isInstanceOf(IllegalTransition.class);
    assertThat(store.find(ORDER)).contains(dispatched);
  }

  @Test
  void worklists_query_fields_of_the_progress() {
    applyAll(history().subList(0, 2));

    assertThat(
            store.list(
                Filters.eq(OrderProgressStore.PROGRESS + ".state", "DISPATCHED"),
                Sorts.ascending(OrderProgressStore.PROGRESS + ".receivedAt"),
                10))
        .extracting(OrderProgress::orderId)
        .containsExactly(ORDER);
    assertThat(
            store.findOne(
                Filters.eq(OrderProgressStore.PROGRESS + ".assistingUnits._id", STREET.id())))
        .isPresent();
    assertThat(store.findOne(Filters.eq(OrderProgressStore.PROGRESS + ".state", "CLOSED")))
        .isEmpty();
  }

  @Test
  void a_batch_is_written_once_at_its_last_event_and_timed_only_then() {
    List<WorkOrderEvent> events = history();
    List<GenericEventMessage<WorkOrderEvent>> messages =
        events.stream().map(GenericEventMessage::new).toList();
    List<Integer> timed = new java.util.ArrayList<>();
    List<Long> storedWhileBatching = new java.util.ArrayList<>();
    new BatchingUnitOfWork<>(messages)
        .executeWithResult(
            () -> {
              int sequence = messages.indexOf(CurrentUnitOfWork.get().getMessage());
              store.apply(events.get(sequence), sequence, () -> timed.add(sequence));
              storedWhileBatching.add(documents());
              return null;
            });

    // nothing reached the store before the last event; then all four folds, timed after the write
    assertThat(storedWhileBatching).containsExactly(0L, 0L, 0L, 1L);
    assertThat(timed).containsExactly(0, 1, 2, 3);
    assertThat(store.find(ORDER).orElseThrow())
        .isEqualTo(events.stream().reduce(null, OrderLifecycle::evolve, (a, b) -> b));
  }

  @Test
  void a_batch_ending_with_an_event_no_view_folds_is_written_by_the_batch_end() {
    List<WorkOrderEvent> events = history();
    List<GenericEventMessage<Object>> messages = new java.util.ArrayList<>();
    events.forEach(e -> messages.add(new GenericEventMessage<>(e)));
    messages.add(new GenericEventMessage<>("an event of another kind"));
    List<Long> storedAtTheEnd = new java.util.ArrayList<>();
    BatchingUnitOfWork<GenericEventMessage<Object>> batch = new BatchingUnitOfWork<>(messages);
    batch.executeWithResult(
        () -> {
          Object payload = batch.getMessage().getPayload();
          if (payload instanceof WorkOrderEvent event) {
            store.apply(event, events.indexOf(event));
          }
          new BatchEnd().handle(batch, () -> null);
          if (batch.isLastMessage()) {
            storedAtTheEnd.add(documents()); // written by the batch end, before any commit step
          }
          return null;
        });
    assertThat(batch.isRolledBack()).isFalse();
    assertThat(storedAtTheEnd).containsExactly(1L);

    assertThat(store.find(ORDER).orElseThrow())
        .isEqualTo(events.stream().reduce(null, OrderLifecycle::evolve, (a, b) -> b));
  }

  @Test
  void a_rolled_back_batch_leaves_nothing_behind_and_its_retry_folds_everything() {
    List<WorkOrderEvent> events = history();
    List<GenericEventMessage<WorkOrderEvent>> messages =
        events.stream().map(GenericEventMessage::new).toList();
    BatchingUnitOfWork<GenericEventMessage<WorkOrderEvent>> failing =
        new BatchingUnitOfWork<>(messages);
    failing.executeWithResult(
        () -> {
          int sequence = messages.indexOf(CurrentUnitOfWork.get().getMessage());
          if (sequence == 2) {
            throw new IllegalStateException("the handler fails mid-batch");
          }
          store.apply(events.get(sequence), sequence);
          return null;
        });
    assertThat(failing.isRolledBack()).isTrue();
    assertThat(documents()).isZero();

    applyAll(events); // the retry: nothing of the failed batch may make it skip an event

    assertThat(store.find(ORDER).orElseThrow())
        .isEqualTo(events.stream().reduce(null, OrderLifecycle::evolve, (a, b) -> b));
  }

  @Test
  void a_fold_made_stale_by_another_writer_is_refolded_on_what_is_stored() {
    List<WorkOrderEvent> events = history();
    applyAll(events.subList(0, 2)); // this store caches the order at sequence 1
    OrderProgressStore other =
        new OrderProgressStore(new MongoTemplate(client, "platform-test"), "order_view");
    other.apply(events.get(2), 2); // another instance folds Handled meanwhile

    assertThat(store.apply(events.get(3), 3)).isTrue(); // folded on its cache it would be refused

    // the stale cache (sequence 1) did not overwrite Handled: all four events are in the view
    assertThat(store.find(ORDER).orElseThrow())
        .isEqualTo(events.stream().reduce(null, OrderLifecycle::evolve, (a, b) -> b));
  }

  private long documents() {
    return client.getDatabase("platform-test").getCollection("order_view").countDocuments();
  }

  /**
   * Scale-out: a view's segment moves to another instance and back. The store that had it first
   * still remembers the order as it left it; its next write must not put that old state back.
   */
  @Test
  void a_stale_remembered_order_never_overwrites_what_another_instance_folded_meanwhile() {
    OrderProgressStore other =
        new OrderProgressStore(new MongoTemplate(client, "platform-test"), "order_view");
    List<WorkOrderEvent> history = history();
    store.apply(history.get(0), 0);
    store.apply(history.get(1), 1); // this instance remembers the order at sequence 1

    assertThat(other.apply(history.get(2), 2)).isTrue(); // the segment moved: handled elsewhere

    store.apply(history.get(2), 2); // a redelivery, seen through the stale entry
    assertThat(store.apply(history.get(3), 3)).isTrue(); // the segment came back
    assertThat(store.find(ORDER)).contains(OrderLifecycle.replay(history));
    assertThat(store.staleWrites()).isEqualTo(1);

    other.apply(history.get(3), 3); // and the other way round: a redelivery through its stale entry
    assertThat(other.staleWrites()).isEqualTo(1);
    assertThat(store.find(ORDER)).contains(OrderLifecycle.replay(history));
  }

  @Test
  void two_instances_folding_a_new_order_at_once_keep_one_document_with_the_later_event() {
    OrderProgressStore other =
        new OrderProgressStore(new MongoTemplate(client, "platform-test"), "order_view");
    List<WorkOrderEvent> history = history();
    other.find(ORDER); // neither remembers the order
    store.apply(history.get(0), 0);

    other.apply(history.get(0), 0); // a first event is not looked up: its write finds the order
    assertThat(other.apply(history.get(1), 1)).isTrue();
    assertThat(store.find(ORDER)).contains(OrderLifecycle.replay(history.subList(0, 2)));
  }
}
