package gov.hotline.supervision.timeline;

import static gov.hotline.testsupport.OrderSteps.COMMUNITY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import gov.hotline.api.admin.AggregateLoad;
import gov.hotline.api.admin.Replay;
import gov.hotline.api.admin.ReplayState;
import gov.hotline.api.client.ApiException;
import gov.hotline.api.client.HotlineClient;
import gov.hotline.api.client.HotlineClient.Actor;
import gov.hotline.api.client.HotlineClient.Endpoints;
import gov.hotline.api.client.RetryPolicy;
import gov.hotline.contract.workorder.DeadlineBasis;
import gov.hotline.contract.workorder.OrderState;
import gov.hotline.contract.workorder.Routing;
import gov.hotline.contract.workorder.RoutingMode;
import gov.hotline.contract.workorder.WorkOrderDispatched;
import gov.hotline.supervision.SupervisionApplication;
import gov.hotline.testsupport.EmbeddedInfrastructure;
import gov.hotline.testsupport.OnEmbeddedInfrastructure;
import gov.hotline.testsupport.OrderSteps;
import gov.hotline.testsupport.TopicClient;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * Replays on a real broker and Mongo server: the timeline rebuilt from the topic equals the live
 * one, a view rebuilt by a token reset equals the view before it, and an aggregate's load from the
 * store reads the events it reports, with and without a snapshot.
 */
@OnEmbeddedInfrastructure
@SpringBootTest(
    classes = SupervisionApplication.class,
    properties = "spring.config.name=supervision-service",
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ReplayComponentIT {
  private static final String INTAKE = "/hotline/intake";
  private static final String DISPATCH = "/hotline/dispatch";

  @LocalServerPort int port;
  @Autowired MongoTemplate mongo;
  private final TopicClient topics = EmbeddedInfrastructure.topics();

  @Test
  void the_timeline_replayed_from_the_topic_equals_the_live_one_and_leaves_it_untouched() {
    List<OrderSteps> orders = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      orders.add(handledByCommunity());
    }
    TimelineStore live = new TimelineStore(mongo);
    for (OrderSteps order : orders) {
      await().atMost(TopicClient.PATIENCE).until(() -> live.entries(order.orderId()).size() == 3);
    }
    List<List<Document>> before = orders.stream().map(o -> live.entries(o.orderId())).toList();

    Replay done = awaitDone(auditor().replayTimeline(true));

    assertThat(done.kind()).isEqualTo("timeline");
    assertThat(done.target()).startsWith(TimelineReplay.PREFIX);
    assertThat(done.events()).isEqualTo(done.expectedEvents());
    assertThat(done.figures().get("replayedDocuments"))
        .isEqualTo(done.figures().get("liveDocumentsAtStart"))
        .isEqualTo(done.figures().get("liveDocumentsAtEnd"))
        .isGreaterThanOrEqualTo(12);
    TimelineStore replayed = new TimelineStore(mongo, done.target());
    for (int i = 0; i < orders.size(); i++) {
      UUID orderId = orders.get(i).orderId();
      assertThat(withoutRecordedAt(replayed.entries(orderId)))
          .as("replayed timeline of %s", orderId)
          .isEqualTo(withoutRecordedAt(before.get(i)));
      assertThat(live.entries(orderId)).isEqualTo(before.get(i));
    }
  }

  @Test
  void a_timeline_replay_not_kept_is_dropped_after_it_was_counted() {
    Replay done = awaitDone(auditor().replayTimeline(false));

    assertThat(done.figures()).containsEntry("kept", 0L);
    assertThat(mongo.collectionExists(done.target())).isFalse();
  }

  @Test
  void a_token_reset_rebuilds_the_view_to_the_same_documents() {
    for (int i = 0; i < 3; i++) {
      UUID orderId = handledByCommunity().orderId();
      awaitAtSupervision(orderId, OrderState.HANDLED);
    }
    List<Document> before = view();

    // the default: folded per order outside the processor (the view is an order view)
    Replay folded = awaitDone(auditor().replayProcessor("supervision", "supervision-order-view"));

    assertThat(folded.kind()).isEqualTo("fold");
    assertThat(folded.events()).isGreaterThanOrEqualTo(before.size() * 3L);
    assertThat(view()).isEqualTo(before);

    // every event through the processor's handlers
    Replay handled =
        awaitDone(auditor().replayProcessor("supervision", "supervision-order-view", "processor"));

    assertThat(handled.kind()).isEqualTo("processor");
    assertThat(handled.events()).isGreaterThanOrEqualTo(before.size() * 3L);
    assertThat(view()).isEqualTo(before);

    // after a fold the processor goes on from the head: a new order reaches the view
    UUID later = handledByCommunity().orderId();
    awaitDone(auditor().replayProcessor("supervision", "supervision-order-view", "fold"));
    awaitAtSupervision(later, OrderState.HANDLED);
    UUID after = handledByCommunity().orderId();
    awaitAtSupervision(after, OrderState.HANDLED);
  }

  @Test
  void a_replay_in_a_mode_that_does_not_exist_is_refused_naming_the_parameter() {
    assertThatThrownBy(
            () -> auditor().replayProcessor("supervision", "supervision-order-view", "quick"))
        .isInstanceOfSatisfying(
            ApiException.class,
            e -> {
              assertThat(e.status()).isEqualTo(400);
              assertThat(e.errors())
                  .anySatisfy(error -> assertThat(error.toString()).contains("mode"));
            });
  }

  @Test
  void loading_an_aggregate_reads_every_event_without_a_snapshot_and_fewer_with_one() {
    OrderSteps order = OrderSteps.newOrder();
    topics.publish(INTAKE, order.received());
    topics.publish(DISPATCH, order.dispatched(COMMUNITY));
    int redispatches = 249; // with the two above, 251 events: snapshots after 100 and 200
    for (int i = 0; i < redispatches; i++) {
      topics.publish(DISPATCH, redispatched(order, i));
    }
    long last = 1 + redispatches;
    AggregateLoad load =
        await()
            .atMost(TopicClient.PATIENCE)
            .ignoreExceptions()
            .until(
                () -> auditor().aggregateLoad("supervision", "Oversight", order.orderId(), 3),
                l ->
                    l.withoutSnapshot().lastSequence() == last
                        && l.withSnapshot().lastSequence() == last);

    assertThat(load.aggregateType()).isEqualTo("oversight");
    assertThat(load.withoutSnapshot().eventsRead()).isEqualTo(last + 1);
    assertThat(load.withoutSnapshot().fromSnapshot()).isFalse();
    assertThat(load.withoutSnapshot().millis()).hasSize(3);
    assertThat(load.withSnapshot().fromSnapshot()).isTrue();
    assertThat(load.withSnapshot().lastSequence()).isEqualTo(last);
    assertThat(load.withSnapshot().snapshotSequence()).isGreaterThanOrEqualTo(100);
    assertThat(load.withSnapshot().eventsRead())
        .isEqualTo(last - load.withSnapshot().snapshotSequence() + 1)
        .isLessThan(load.withoutSnapshot().eventsRead());
    assertThat(load.sameState()).isTrue(); // the snapshot holds what the events fold into
  }

  private static WorkOrderDispatched redispatched(OrderSteps order, int i) {
    WorkOrderDispatched first = (WorkOrderDispatched) order.events().get(1);
    return new WorkOrderDispatched(
        order.orderId(),
        order.orderNumber(),
        first.occurredAt().plusSeconds(60L * (i + 1)),
        first.actor(),
        1,
        COMMUNITY,
        List.of(),
        new Routing(RoutingMode.MANUAL, null),
        first.dueAt(),
        new DeadlineBasis(10, "weekdays"),
        "改派复核 " + i);
  }

  private List<Document> view() {
    List<Document> documents = new ArrayList<>();
    mongo.getCollection("order_view").find().sort(new Document("_id", 1)).forEach(documents::add);
    return documents;
  }

  private static List<Document> withoutRecordedAt(List<Document> entries) {
    return entries.stream()
        .map(
            d -> {
              Document copy = new Document(d);
              copy.remove("recordedAt");
              return copy;
            })
        .toList();
  }

  private Replay awaitDone(Replay started) {
    assertThat(started.state()).isEqualTo(ReplayState.RUNNING);
    Replay done =
        await()
            .atMost(Duration.ofSeconds(120))
            .until(() -> auditor().replay("supervision", started.replayId()), Replay::done);
    assertThat(done.state()).as("replay failed: %s", done.error()).isEqualTo(ReplayState.DONE);
    return done;
  }

  private OrderSteps handledByCommunity() {
    OrderSteps order = OrderSteps.newOrder();
    topics.publish(INTAKE, order.received());
    topics.publish(DISPATCH, order.dispatched(COMMUNITY));
    topics.publish(DISPATCH, order.handled());
    return order;
  }

  private HotlineClient auditor() {
    return HotlineClient.builder(Endpoints.all(URI.create("http://127.0.0.1:" + port)))
        .retry(RetryPolicy.NONE)
        .actor(Actor.auditor("aud-1"))
        .build();
  }

  private void awaitAtSupervision(UUID orderId, OrderState state) {
    await()
        .atMost(TopicClient.PATIENCE)
        .until(
            () -> auditor().findSupervisionOrder(orderId),
            found -> found.filter(o -> o.state() == state).isPresent());
  }
}
