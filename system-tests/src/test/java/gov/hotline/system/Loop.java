package gov.hotline.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import gov.hotline.api.StepDone;
import gov.hotline.api.client.HotlineClient;
import gov.hotline.api.client.HotlineClient.Actor;
import gov.hotline.api.dispatch.DispatchRequest;
import gov.hotline.api.dispatch.ResultRequest;
import gov.hotline.api.intake.OpenOrderRequest;
import gov.hotline.api.supervision.CallbackRequest;
import gov.hotline.api.supervision.ReviewRequest;
import gov.hotline.api.supervision.Timeline;
import gov.hotline.contract.workorder.CallbackChannel;
import gov.hotline.contract.workorder.Channel;
import gov.hotline.contract.workorder.DemandType;
import gov.hotline.contract.workorder.HandlingOutcome;
import gov.hotline.contract.workorder.OrderState;
import gov.hotline.contract.workorder.Satisfaction;
import gov.hotline.contract.workorder.Urgency;
import gov.hotline.contract.workorder.Verdict;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The steps of the loop as the people at each desk take them, over the public REST APIs through the
 * API client.
 */
final class Loop {
  static final String COMMUNITY = "340602-001-001";
  static final Actor OPERATOR = Actor.operator("op-1");
  static final Actor DISPATCHER = Actor.dispatcher("disp-1");
  static final Actor SUPERVISOR = Actor.supervisor("sup-1");
  static final Actor AUDITOR = Actor.auditor("aud-1");
  private static final AtomicInteger CALLERS = new AtomicInteger();

  private final HotlineStack stack;
  private final HotlineClient client;

  Loop(HotlineStack stack) {
    this.stack = stack;
    this.client = HotlineClient.builder(stack.endpoints()).build();
  }

  /** The client acting as {@code actor}, on the services where they run now. */
  HotlineClient as(Actor actor) {
    return client.withEndpoints(stack.endpoints()).as(actor);
  }

  static Actor unit(String unitId) {
    return Actor.unitHandler("handler-1", unitId);
  }

  static OpenOrderRequest complaint(String phone) {
    return new OpenOrderRequest(
        Channel.PHONE,
        DemandType.COMPLAINT,
        new OpenOrderRequest.CategoryRequest("URBAN.NOISE", List.of("城市管理", "噪声扰民")),
        Urgency.NORMAL,
        "夜间施工噪声",
        "工地每晚十一点后仍在施工",
        new OpenOrderRequest.LocationRequest("淮北市相山区人民路1号", "340602", null, null),
        new OpenOrderRequest.CallerRequest(phone, "张三", false, false),
        null);
  }

  static String nextPhone() {
    return String.format("139%08d", CALLERS.incrementAndGet());
  }

  /** 受理: returns the order id. */
  UUID open(String phone) {
    return as(OPERATOR).openOrder(complaint(phone)).orderId();
  }

  /** Waits until dispatch's view shows the order in {@code state}. */
  void awaitAtDispatch(UUID orderId, OrderState state) {
    awaitState(() -> as(DISPATCHER).dispatchOrder(orderId).state(), state);
  }

  /** Waits until supervision's view shows the order in {@code state}. */
  void awaitAtSupervision(UUID orderId, OrderState state) {
    awaitState(() -> as(SUPERVISOR).supervisionOrder(orderId).state(), state);
  }

  private static void awaitState(
      java.util.concurrent.Callable<OrderState> current, OrderState state) {
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(50))
        .ignoreExceptions() // 404 until the view has the order
        .until(current, state::equals);
  }

  StepDone dispatch(UUID orderId) {
    awaitAtDispatch(orderId, OrderState.RECEIVED);
    return as(DISPATCHER).dispatch(orderId, new DispatchRequest(COMMUNITY, null, 10, null, null));
  }

  StepDone handle(UUID orderId) {
    return as(unit(COMMUNITY))
        .reportResult(
            orderId, new ResultRequest(HandlingOutcome.RESOLVED, "已责令工地夜间停工", "现场检查并下达整改通知", null));
  }

  StepDone review(UUID orderId, Verdict verdict, String reason) {
    awaitAtSupervision(orderId, OrderState.HANDLED);
    return as(SUPERVISOR).review(orderId, new ReviewRequest(verdict, reason));
  }

  StepDone callback(UUID orderId, Satisfaction satisfaction) {
    return as(SUPERVISOR)
        .callback(
            orderId,
            new CallbackRequest(
                true,
                1,
                satisfaction,
                satisfaction != Satisfaction.UNSATISFIED,
                CallbackChannel.PHONE));
  }

  /** Takes one new complaint all the way to a satisfied callback; returns its order id. */
  UUID closeOne() {
    UUID orderId = open(nextPhone());
    assertThat(dispatch(orderId).state()).isEqualTo(OrderState.DISPATCHED);
    assertThat(handle(orderId).state()).isEqualTo(OrderState.HANDLED);
    assertThat(review(orderId, Verdict.APPROVED, "整改到位").state())
        .isEqualTo(OrderState.AWAITING_CALLBACK);
    assertThat(callback(orderId, Satisfaction.SATISFIED).state()).isEqualTo(OrderState.CLOSED);
    return orderId;
  }

  /** The timeline once it holds {@code events} entries. */
  Timeline timeline(UUID orderId, int events) {
    return await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(100))
        .ignoreExceptions()
        .until(() -> as(AUDITOR).timeline(orderId), t -> t.events().size() >= events);
  }

  /** The steps of a timeline, in order. */
  static List<String> steps(Timeline timeline) {
    return timeline.events().stream().map(Timeline.Entry::step).toList();
  }

  /** An event's payload, to read with JSON pointers. */
  JsonNode data(Timeline.Entry event) {
    return client.json().valueToTree(event.data());
  }
}
