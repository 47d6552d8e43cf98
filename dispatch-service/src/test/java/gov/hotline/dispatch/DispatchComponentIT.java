package gov.hotline.dispatch;

import static gov.hotline.testsupport.ContractAssertions.assertPublished;
import static gov.hotline.testsupport.OrderSteps.COMMUNITY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import gov.hotline.api.StepDone;
import gov.hotline.api.client.HotlineClient;
import gov.hotline.api.client.HotlineClient.Actor;
import gov.hotline.api.client.HotlineClient.Endpoints;
import gov.hotline.api.client.RetryPolicy;
import gov.hotline.api.dispatch.DispatchOrderSummary;
import gov.hotline.api.dispatch.DispatchRequest;
import gov.hotline.api.dispatch.ResultRequest;
import gov.hotline.contract.Topics;
import gov.hotline.contract.workorder.DeadlineBasis;
import gov.hotline.contract.workorder.HandlingOutcome;
import gov.hotline.contract.workorder.OrderState;
import gov.hotline.contract.workorder.RoutingMode;
import gov.hotline.contract.workorder.Verdict;
import gov.hotline.contract.workorder.WorkOrderDispatched;
import gov.hotline.contract.workorder.WorkOrderHandled;
import gov.hotline.contract.workorder.WorkOrderReceived;
import gov.hotline.testsupport.EmbeddedInfrastructure;
import gov.hotline.testsupport.OnEmbeddedInfrastructure;
import gov.hotline.testsupport.OrderSteps;
import gov.hotline.testsupport.PrometheusText;
import gov.hotline.testsupport.TopicClient;
import io.cloudevents.CloudEvent;
import java.net.URI;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Dispatch alone on a real broker and Mongo server: the steps intake and supervision would publish
 * arrive on the lifecycle topic, dispatchers and units act over REST, and what dispatch publishes
 * and dead-letters is read back from the topics.
 */
@OnEmbeddedInfrastructure
@SpringBootTest(
    classes = DispatchApplication.class,
    properties = "spring.config.name=dispatch-service",
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureObservability // the inbox's counters on /actuator/prometheus
class DispatchComponentIT {
  private static final String INTAKE = "/hotline/intake";
  private static final String SUPERVISION = "/hotline/supervision";
  private static final String DISPATCH = "/hotline/dispatch";
  private static final String LIFECYCLE = Topics.WORKORDER_LIFECYCLE;
  private static final String DEAD_LETTERS = Topics.deadLetter(LIFECYCLE, "dispatch");

  @LocalServerPort int port;
  @Autowired TestRestTemplate http;
  private final TopicClient topics = EmbeddedInfrastructure.topics();

  @Test
  void a_dispatcher_sends_an_order_to_a_community_which_reports_and_a_rejection_sends_it_back() {
    OrderSteps order = OrderSteps.newOrder();
    UUID orderId = order.orderId();
    topics.publish(INTAKE, order.received());

    DispatchOrderSummary received = awaitAtDispatch(orderId, OrderState.RECEIVED, 1);
    assertThat(received.orderNumber()).isEqualTo(order.orderNumber());
    assertThat(received.categoryCode()).isEqualTo("URBAN.NOISE");
    assertThat(received.divisionCode()).isEqualTo("340602");
    assertThat(received.unit()).isNull();

    StepDone dispatched =
        as(Actor.dispatcher("disp-1"))
            .dispatch(orderId, new DispatchRequest(COMMUNITY.id(), null, 10, null, null));
    assertThat(dispatched.state()).isEqualTo(OrderState.DISPATCHED);
    assertThat(dispatched.unit()).isEqualTo(COMMUNITY);

    WorkOrderDispatched sent =
        assertPublished(event(orderId, 2), WorkOrderDispatched.class, DISPATCH);
    assertThat(sent.routing().mode()).isEqualTo(RoutingMode.DIRECT_TO_GRASSROOTS);
    assertThat(sent.deadlineBasis()).isEqualTo(new DeadlineBasis(10, "weekdays"));
    assertThat(sent.unit()).isEqualTo(COMMUNITY);
    assertThat(sent.attempt()).isEqualTo(1);
    assertThat(sent.dueAt()).isEqualTo(dispatched.dueAt());

    StepDone handled =
        as(Actor.unitHandler("h-1", COMMUNITY.id()))
            .reportResult(
                orderId,
                new ResultRequest(HandlingOutcome.RESOLVED, "已责令工地夜间停工", "现场检查并下达整改通知", null));
    assertThat(handled.state()).isEqualTo(OrderState.HANDLED);
    WorkOrderHandled reported =
        assertPublished(event(orderId, 3), WorkOrderHandled.class, DISPATCH);
    assertThat(reported.unit()).isEqualTo(COMMUNITY);
    assertThat(reported.outcome()).isEqualTo(HandlingOutcome.RESOLVED);
    assertThat(reported.actor().unitId()).isEqualTo(COMMUNITY.id());

    // Supervision's copy of the order follows what dispatch published, then rejects pass 1.
    order.dispatched(COMMUNITY);
    order.handled();
    topics.publish(SUPERVISION, order.audited(Verdict.REJECTED));

    DispatchOrderSummary redo = awaitAtDispatch(orderId, OrderState.DISPATCHED, 2);
    assertThat(redo.unit()).isEqualTo(COMMUNITY);
  }

  @Test
  void a_received_order_delivered_twice_is_one_order() {
    OrderSteps order = OrderSteps.newOrder();
    WorkOrderReceived received = order.received();
    String eventId = topics.publish(INTAKE, received);
    DispatchOrderSummary once = awaitAtDispatch(order.orderId(), OrderState.RECEIVED, 1);
    double duplicates = inboxEvents("duplicate");

    topics.publish(INTAKE, eventId, received);

    await().atMost(TopicClient.PATIENCE).until(() -> inboxEvents("duplicate") > duplicates);
    assertThat(as(Actor.dispatcher("disp-1")).dispatchOrder(order.orderId())).isEqualTo(once);
    assertThat(as(Actor.dispatcher("disp-1")).dispatchOrders(OrderState.RECEIVED, null, 500))
        .filteredOn(summary -> summary.orderId().equals(order.orderId()))
        .containsExactly(once);
    assertThat(topics.records(DEAD_LETTERS, order.orderId().toString())).isEmpty();
  }

  @Test
  void a_review_of_an_order_dispatch_never_received_goes_to_the_dead_letters_with_the_reason() {
    OrderSteps order = OrderSteps.newOrder();
    order.received();
    order.dispatched(COMMUNITY);
    order.handled();
    String eventId = topics.publish(SUPERVISION, order.audited(Verdict.APPROVED));

    ConsumerRecord<String, byte[]> dead =
        topics.awaitRecords(DEAD_LETTERS, order.orderId().toString(), 1).get(0);

    assertThat(TopicClient.header(dead, "kafka_dlt-exception-message")).contains("never received");
    assertThat(TopicClient.header(dead, "kafka_dlt-original-topic")).isEqualTo(LIFECYCLE);
    assertThat(TopicClient.cloudEvent(dead).getId()).isEqualTo(eventId);
    assertThat(as(Actor.dispatcher("disp-1")).findDispatchOrder(order.orderId())).isEmpty();
  }

  @Test
  void dispatchs_own_events_coming_back_from_the_topic_are_skipped() {
    OrderSteps order = OrderSteps.newOrder();
    WorkOrderReceived received = order.received();
    double own = inboxEvents("own");

    // Had dispatch taken its own Dispatched before the order's Received, the lifecycle would
    // have refused it to the dead letters; the Received behind it on the partition shows when
    // dispatch is past it.
    topics.publish(DISPATCH, order.dispatched(COMMUNITY));
    topics.publish(INTAKE, received);

    awaitAtDispatch(order.orderId(), OrderState.RECEIVED, 1);
    assertThat(inboxEvents("own")).isGreaterThan(own);
    assertThat(topics.records(DEAD_LETTERS, order.orderId().toString())).isEmpty();
  }

  private HotlineClient as(Actor actor) {
    return HotlineClient.builder(Endpoints.all(URI.create("http://127.0.0.1:" + port)))
        .retry(RetryPolicy.NONE)
        .actor(actor)
        .build();
  }

  /** The order in dispatch's view once it is in {@code state} and pass {@code attempt}. */
  private DispatchOrderSummary awaitAtDispatch(UUID orderId, OrderState state, int attempt) {
    Predicate<DispatchOrderSummary> there = o -> o.state() == state && o.attempt() == attempt;
    return await()
        .atMost(TopicClient.PATIENCE)
        .until(
            () -> as(Actor.dispatcher("disp-1")).findDispatchOrder(orderId),
            found -> found.filter(there).isPresent())
        .orElseThrow();
  }

  /** The {@code position}-th event about the order on the lifecycle topic, once it is there. */
  private CloudEvent event(UUID orderId, int position) {
    return topics.awaitEvents(LIFECYCLE, orderId.toString(), position).get(position - 1);
  }

  /** How many records dispatch's inbox counted with {@code outcome}, over all types. */
  private double inboxEvents(String outcome) {
    String scrape = http.getForObject("/actuator/prometheus", String.class);
    return PrometheusText.sum(scrape, "hotline_inbox_events_total", "outcome", outcome);
  }
}
