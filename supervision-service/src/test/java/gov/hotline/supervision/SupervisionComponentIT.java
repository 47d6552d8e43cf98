package gov.hotline.supervision;

import static gov.hotline.testsupport.ContractAssertions.assertPublished;
import static gov.hotline.testsupport.OrderSteps.COMMUNITY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import gov.hotline.api.client.ApiException;
import gov.hotline.api.client.HotlineClient;
import gov.hotline.api.client.HotlineClient.Actor;
import gov.hotline.api.client.HotlineClient.Endpoints;
import gov.hotline.api.client.RetryPolicy;
import gov.hotline.api.supervision.CallbackRequest;
import gov.hotline.api.supervision.ReviewRequest;
import gov.hotline.api.supervision.SupervisionOrderSummary;
import gov.hotline.api.supervision.Timeline;
import gov.hotline.contract.Topics;
import gov.hotline.contract.workorder.CallbackChannel;
import gov.hotline.contract.workorder.OrderState;
import gov.hotline.contract.workorder.RevisitOutcome;
import gov.hotline.contract.workorder.Satisfaction;
import gov.hotline.contract.workorder.Verdict;
import gov.hotline.contract.workorder.WorkOrderAudited;
import gov.hotline.contract.workorder.WorkOrderRevisited;
import gov.hotline.testsupport.EmbeddedInfrastructure;
import gov.hotline.testsupport.OnEmbeddedInfrastructure;
import gov.hotline.testsupport.OrderSteps;
import gov.hotline.testsupport.TopicClient;
import io.cloudevents.CloudEvent;
import java.net.URI;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Supervision alone on a real broker and Mongo server: the steps intake and dispatch would publish
 * arrive on the lifecycle topic, supervisors review and call back over REST, and auditors read the
 * timeline of everything the topic carried.
 */
@OnEmbeddedInfrastructure
@SpringBootTest(
    classes = SupervisionApplication.class,
    properties = "spring.config.name=supervision-service",
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SupervisionComponentIT {
  private static final String INTAKE = "/hotline/intake";
  private static final String DISPATCH = "/hotline/dispatch";
  private static final String SUPERVISION = "/hotline/supervision";
  private static final String LIFECYCLE = Topics.WORKORDER_LIFECYCLE;

  @LocalServerPort int port;
  private final TopicClient topics = EmbeddedInfrastructure.topics();

  @Test
  void a_supervisor_approves_a_handled_order_and_a_satisfied_caller_closes_it() {
    OrderSteps order = handledByCommunity();
    UUID orderId = order.orderId();

    SupervisionOrderSummary handled = awaitAtSupervision(orderId, OrderState.HANDLED);
    assertThat(handled)
        .isEqualTo(
            new SupervisionOrderSummary(
                orderId,
                order.orderNumber(),
                OrderState.HANDLED,
                1,
                COMMUNITY.id(),
                order.progress().dueAt()));

    assertThat(supervisor().review(orderId, new ReviewRequest(Verdict.APPROVED, "整改到位")).state())
        .isEqualTo(OrderState.AWAITING_CALLBACK);
    WorkOrderAudited audited =
        assertPublished(event(orderId, 4), WorkOrderAudited.class, SUPERVISION);
    assertThat(audited.verdict()).isEqualTo(Verdict.APPROVED);
    assertThat(audited.attempt()).isEqualTo(1);
    assertThat(audited.actor().userId()).isEqualTo("sup-1");

    assertThat(supervisor().callback(orderId, satisfied()).state()).isEqualTo(OrderState.CLOSED);
    WorkOrderRevisited revisited =
        assertPublished(event(orderId, 5), WorkOrderRevisited.class, SUPERVISION);
    assertThat(revisited.outcome()).isEqualTo(RevisitOutcome.CLOSED);
    assertThat(revisited.satisfaction()).isEqualTo(Satisfaction.SATISFIED);
    assertThat(awaitAtSupervision(orderId, OrderState.CLOSED).attempt()).isEqualTo(1);
  }

  @Test
  void an_auditor_reads_every_step_in_topic_order_supervisions_own_included() {
    OrderSteps order = handledByCommunity();
    UUID orderId = order.orderId();
    awaitAtSupervision(orderId, OrderState.HANDLED);
    supervisor().review(orderId, new ReviewRequest(Verdict.APPROVED, "整改到位"));
    supervisor().callback(orderId, satisfied());

    Timeline timeline =
        await()
            .atMost(TopicClient.PATIENCE)
            .ignoreExceptions() // 404 until supervision recorded the first step
            .until(() -> as(Actor.auditor("aud-1")).timeline(orderId), t -> t.events().size() >= 5);

    List<CloudEvent> onTopic = topics.events(LIFECYCLE, orderId.toString());
    assertThat(timeline.orderNumber()).isEqualTo(order.orderNumber());
    assertThat(timeline.events())
        .extracting(Timeline.Entry::eventId)
        .containsExactlyElementsOf(onTopic.stream().map(CloudEvent::getId).toList());
    assertThat(timeline.events())
        .extracting(Timeline.Entry::step)
        .containsExactly("RECEIVED", "DISPATCHED", "HANDLED", "AUDITED", "REVISITED");
    assertThat(timeline.events())
        .extracting(Timeline.Entry::service)
        .containsExactly(INTAKE, DISPATCH, DISPATCH, SUPERVISION, SUPERVISION);
    assertThat(timeline.events().get(1).actor()).containsEntry("userId", "disp-1");
    assertThat(timeline.events().get(4).data()).containsEntry("outcome", "CLOSED");
  }

  @Test
  void a_review_repeated_after_it_was_done_is_refused_naming_the_current_state() {
    UUID orderId = handledByCommunity().orderId();
    awaitAtSupervision(orderId, OrderState.HANDLED);
    supervisor().review(orderId, new ReviewRequest(Verdict.APPROVED, "整改到位"));

    assertThatThrownBy(
            () -> supervisor().review(orderId, new ReviewRequest(Verdict.APPROVED, "整改到位")))
        .isInstanceOfSatisfying(
            ApiException.class,
            e -> {
              assertThat(e.status()).isEqualTo(409);
              assertThat(e.type()).isEqualTo("urn:hotline:problem:order-not-handled");
              assertThat(e.properties()).containsEntry("state", "AWAITING_CALLBACK");
              assertThat(e.orderState()).contains(OrderState.AWAITING_CALLBACK);
            });
  }

  @Test
  void a_supervisor_finds_an_order_by_its_number() {
    OrderSteps order = OrderSteps.newOrder();
    topics.publish(INTAKE, order.received());
    awaitAtSupervision(order.orderId(), OrderState.RECEIVED);

    assertThat(supervisor().findSupervisionOrderByNumber(order.orderNumber()))
        .map(SupervisionOrderSummary::orderId)
        .contains(order.orderId());
    assertThat(supervisor().supervisionOrdersByNumber("20261201999999")).isEmpty();
  }

  /** An order intake received and dispatch sent to the community, which reported its result. */
  private OrderSteps handledByCommunity() {
    OrderSteps order = OrderSteps.newOrder();
    topics.publish(INTAKE, order.received());
    topics.publish(DISPATCH, order.dispatched(COMMUNITY));
    topics.publish(DISPATCH, order.handled());
    return order;
  }

  private static CallbackRequest satisfied() {
    return new CallbackRequest(true, 1, Satisfaction.SATISFIED, true, CallbackChannel.PHONE);
  }

  private HotlineClient supervisor() {
    return as(Actor.supervisor("sup-1"));
  }

  private HotlineClient as(Actor actor) {
    return HotlineClient.builder(Endpoints.all(URI.create("http://127.0.0.1:" + port)))
        .retry(RetryPolicy.NONE)
        .actor(actor)
        .build();
  }

  private SupervisionOrderSummary awaitAtSupervision(UUID orderId, OrderState state) {
    return await()
        .atMost(TopicClient.PATIENCE)
        .until(
            () -> supervisor().findSupervisionOrder(orderId),
            found -> found.filter(o -> o.state() == state).isPresent())
        .orElseThrow();
  }

  /** The {@code position}-th event about the order on the lifecycle topic, once it is there. */
  private CloudEvent event(UUID orderId, int position) {
    return topics.awaitEvents(LIFECYCLE, orderId.toString(), position).get(position - 1);
  }
}
