package gov.hotline.system;

import static gov.hotline.testsupport.TopicClient.header;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import gov.hotline.api.StepDone;
import gov.hotline.api.client.ApiException;
import gov.hotline.api.client.HotlineClient;
import gov.hotline.api.dispatch.DispatchRequest;
import gov.hotline.api.dispatch.ResultRequest;
import gov.hotline.api.supervision.CallbackRequest;
import gov.hotline.api.supervision.ReviewRequest;
import gov.hotline.api.supervision.Timeline;
import gov.hotline.contract.Topics;
import gov.hotline.contract.workorder.CallbackChannel;
import gov.hotline.contract.workorder.HandlingOutcome;
import gov.hotline.contract.workorder.OrderState;
import gov.hotline.contract.workorder.Satisfaction;
import gov.hotline.contract.workorder.Verdict;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.search.Search;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.axonframework.config.Configuration;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two instances of dispatch and of supervision on one stack share the work — Kafka partitions of
 * their consumer group, segments of their processors — while commands for the same order arrive at
 * either instance: nothing is lost or doubled, and a cached aggregate one instance holds never
 * decides on a state the other has moved on from.
 */
class ScaleOutIT {
  private static final List<String> SCALED = List.of("dispatch", "supervision");

  private final HotlineStack stack = HotlineStack.shared();
  private final Loop loop = new Loop(stack);

  @BeforeEach
  void secondInstances() {
    SCALED.forEach(service -> stack.start(service + "-2"));
  }

  /**
   * The other journeys count on one instance of each service: the second ones stop, and the first
   * ones take their segments back (a stopping instance releases its claims).
   */
  @AfterEach
  void firstInstancesOnly() {
    SCALED.forEach(service -> stack.stop(service + "-2"));
    await("the first instances hold every segment again")
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(250))
        .untilAsserted(
            () -> {
              for (String service : SCALED) {
                for (String processor : processors(service)) {
                  assertThat(segmentsHeld(service, processor))
                      .as(service + " " + processor)
                      .isEqualTo(2);
                }
              }
            });
  }

  @Test
  void two_instances_share_the_work_and_lose_or_double_nothing_with_commands_on_either() {
    await("each instance holds one segment of each processor")
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(250))
        .untilAsserted(
            () -> {
              for (String service : SCALED) {
                for (String instance : List.of(service, service + "-2")) {
                  for (String processor : processors(service)) {
                    assertThat(segmentsHeld(instance, processor))
                        .as(instance + " " + processor)
                        .isEqualTo(1);
                  }
                }
              }
            });

    HotlineClient one = client("dispatch", "supervision");
    HotlineClient two = client("dispatch-2", "supervision-2");
    List<UUID> orders = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      orders.add(loop.open(Loop.nextPhone()));
    }
    for (int i = 0; i < orders.size(); i++) {
      UUID orderId = orders.get(i);
      HotlineClient a = i % 2 == 0 ? one : two;
      HotlineClient b = i % 2 == 0 ? two : one;
      loop.awaitAtDispatch(orderId, OrderState.RECEIVED);
      // the same order on both instances, back to back
      assertThat(dispatch(a, orderId).state()).isEqualTo(OrderState.DISPATCHED);
      assertThat(handle(b, orderId).state()).isEqualTo(OrderState.HANDLED);
      // a stale aggregate on a must not decide a second result: judged on what b stored
      assertThatThrownBy(() -> handle(a, orderId))
          .isInstanceOfSatisfying(
              ApiException.class,
              e -> {
                assertThat(e.status()).isEqualTo(409);
                assertThat(e.properties()).containsEntry("state", "HANDLED");
              });
      loop.awaitAtSupervision(orderId, OrderState.HANDLED);
      // rejected on one supervision instance, redone, approved and called back on the other
      assertThat(review(a, orderId, Verdict.REJECTED).state()).isEqualTo(OrderState.DISPATCHED);
      // dispatch learns of the rejection on whichever instance reads the order's partition; b,
      // which reported the first result, may still hold the order as HANDLED in its cache
      await()
          .atMost(Duration.ofSeconds(60))
          .pollInterval(Duration.ofMillis(50))
          .ignoreExceptions()
          .until(
              () -> one.as(Loop.DISPATCHER).dispatchOrder(orderId),
              o -> o.state() == OrderState.DISPATCHED && o.attempt() == 2);
      assertThat(handle(b, orderId).state()).isEqualTo(OrderState.HANDLED);
      await()
          .atMost(Duration.ofSeconds(60))
          .pollInterval(Duration.ofMillis(50))
          .ignoreExceptions()
          .until(
              () -> one.as(Loop.SUPERVISOR).supervisionOrder(orderId),
              o -> o.state() == OrderState.HANDLED && o.attempt() == 2);
      // a, which rejected, holds the order as DISPATCHED in its cache if b's inbox read the result
      assertThat(review(b, orderId, Verdict.APPROVED).state())
          .isEqualTo(OrderState.AWAITING_CALLBACK);
      assertThat(callback(a, orderId).state()).isEqualTo(OrderState.CLOSED);
    }

    List<String> steps =
        List.of("RECEIVED", "DISPATCHED", "HANDLED", "AUDITED", "HANDLED", "AUDITED", "REVISITED");
    for (UUID orderId : orders) {
      Timeline timeline = loop.timeline(orderId, steps.size());
      assertThat(Loop.steps(timeline)).as(orderId.toString()).containsExactlyElementsOf(steps);
      // the redone result was decided on attempt 2, as the stored order said, not on a cached 1
      assertThat(timeline.events().get(4).attempt()).isEqualTo(2);

      List<ConsumerRecord<String, byte[]>> records =
          stack.topics().records(Topics.WORKORDER_LIFECYCLE, orderId.toString());
      Map<String, Long> copies =
          records.stream()
              .collect(Collectors.groupingBy(r -> header(r, "ce_id"), Collectors.counting()));
      assertThat(records).as("on the topic once each").hasSize(steps.size());
      assertThat(copies.values()).allMatch(n -> n == 1);
      assertThat(records.stream().map(r -> r.partition()).distinct()).hasSize(1);

      for (HotlineClient instance : List.of(one, two)) {
        await()
            .atMost(Duration.ofSeconds(30))
            .untilAsserted(
                () -> {
                  assertThat(instance.as(Loop.DISPATCHER).dispatchOrder(orderId).state())
                      .isEqualTo(OrderState.CLOSED);
                  assertThat(instance.as(Loop.SUPERVISOR).supervisionOrder(orderId).state())
                      .isEqualTo(OrderState.CLOSED);
                });
      }
    }
    // the stale caches were there and were caught: some command was judged twice
    double retried = 0;
    for (String service : SCALED) {
      for (String instance : List.of(service, service + "-2")) {
        retried +=
            Search.in(stack.bean(instance, MeterRegistry.class))
                .name("hotline.commands.retried")
                .counters()
                .stream()
                .mapToDouble(c -> c.count())
                .sum();
      }
    }
    assertThat(retried).isPositive();
  }

  private List<String> processors(String service) {
    return List.of("kafka-relay", service + "-order-view");
  }

  private int segmentsHeld(String instance, String processor) {
    return stack
        .bean(instance, Configuration.class)
        .eventProcessingConfiguration()
        .eventProcessor(processor, TrackingEventProcessor.class)
        .orElseThrow()
        .processingStatus()
        .size();
  }

  private HotlineClient client(String dispatch, String supervision) {
    return HotlineClient.builder(stack.endpoints(dispatch, supervision)).build();
  }

  private static StepDone dispatch(HotlineClient client, UUID orderId) {
    return client
        .as(Loop.DISPATCHER)
        .dispatch(orderId, new DispatchRequest(Loop.COMMUNITY, null, 10, null, null));
  }

  private static StepDone handle(HotlineClient client, UUID orderId) {
    return client
        .as(Loop.unit(Loop.COMMUNITY))
        .reportResult(
            orderId, new ResultRequest(HandlingOutcome.RESOLVED, "已责令工地夜间停工", "现场检查并下达整改通知", null));
  }

  private static StepDone review(HotlineClient client, UUID orderId, Verdict verdict) {
    return client
        .as(Loop.SUPERVISOR)
        .review(
            orderId, new ReviewRequest(verdict, verdict == Verdict.REJECTED ? "未到现场核实" : "整改到位"));
  }

  private static StepDone callback(HotlineClient client, UUID orderId) {
    return client
        .as(Loop.SUPERVISOR)
        .callback(
            orderId,
            new CallbackRequest(true, 1, Satisfaction.SATISFIED, true, CallbackChannel.PHONE));
  }
}
