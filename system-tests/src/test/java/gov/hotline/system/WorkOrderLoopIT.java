package gov.hotline.system;

import static gov.hotline.testsupport.TopicClient.header;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import gov.hotline.api.StepDone;
import gov.hotline.api.client.ApiException;
import gov.hotline.api.client.HotlineClient.Actor;
import gov.hotline.api.client.Problem;
import gov.hotline.api.dispatch.DispatchRequest;
import gov.hotline.api.dispatch.ResultRequest;
import gov.hotline.api.intake.OpenOrderRequest;
import gov.hotline.api.knowledge.ArticleState;
import gov.hotline.api.knowledge.DraftArticleRequest;
import gov.hotline.api.supervision.ReviewRequest;
import gov.hotline.api.supervision.SupervisionOrderSummary;
import gov.hotline.api.supervision.Timeline;
import gov.hotline.contract.ContractSchemas;
import gov.hotline.contract.Topics;
import gov.hotline.contract.knowledge.ArticleKind;
import gov.hotline.contract.workorder.HandlingOutcome;
import gov.hotline.contract.workorder.OrderState;
import gov.hotline.contract.workorder.Satisfaction;
import gov.hotline.contract.workorder.Verdict;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** A citizen's demand travels the whole loop through the four services over the real broker. */
class WorkOrderLoopIT {
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private final HotlineStack stack = HotlineStack.shared();
  private final Loop loop = new Loop(stack);

  @Test
  void complaints_travel_from_intake_to_a_satisfied_callback_and_each_timeline_shows_five_steps() {
    List<UUID> orders = new java.util.ArrayList<>();
    for (int i = 0; i < 5; i++) {
      orders.add(loop.closeOne());
    }
    for (UUID orderId : orders) {
      Timeline timeline = loop.timeline(orderId, 5);
      List<Timeline.Entry> events = timeline.events();
      assertThat(events).hasSize(5);
      assertThat(Loop.steps(timeline))
          .containsExactly("RECEIVED", "DISPATCHED", "HANDLED", "AUDITED", "REVISITED");
      assertThat(events)
          .extracting(Timeline.Entry::type)
          .containsExactly(
              "gov.hotline.workorder.received.v1",
              "gov.hotline.workorder.dispatched.v1",
              "gov.hotline.workorder.handled.v1",
              "gov.hotline.workorder.audited.v1",
              "gov.hotline.workorder.revisited.v1");
      assertThat(events)
          .extracting(Timeline.Entry::service)
          .containsExactly(
              "/hotline/intake",
              "/hotline/dispatch",
              "/hotline/dispatch",
              "/hotline/supervision",
              "/hotline/supervision");
      assertThat(events)
          .extracting(e -> e.actor().get("role"))
          .containsExactly("OPERATOR", "DISPATCHER", "UNIT_HANDLER", "SUPERVISOR", "SUPERVISOR");
      assertThat(events.get(2).actor()).containsEntry("unitId", Loop.COMMUNITY);
      assertThat(loop.data(events.get(1)).at("/unit/level").asText()).isEqualTo("COMMUNITY");
      assertThat(loop.data(events.get(1)).at("/routing/mode").asText())
          .isEqualTo("DIRECT_TO_GRASSROOTS");
      assertThat(loop.data(events.get(4)).at("/outcome").asText()).isEqualTo("CLOSED");
      Set<String> ids = new HashSet<>(events.stream().map(Timeline.Entry::eventId).toList());
      assertThat(ids).hasSize(5);

      String number = timeline.orderNumber();
      loop.awaitAtSupervision(orderId, OrderState.CLOSED);
      assertThat(number).matches("\\d{14}");
      List<SupervisionOrderSummary> found = loop.as(Loop.AUDITOR).supervisionOrdersByNumber(number);
      assertThat(found)
          .singleElement()
          .satisfies(
              o -> {
                assertThat(o.orderId()).isEqualTo(orderId);
                assertThat(o.state()).isEqualTo(OrderState.CLOSED);
              });
    }
  }

  @Test
  void every_published_event_is_a_valid_contract_cloud_event_without_the_callers_number() {
    String phone = Loop.nextPhone();
    UUID orderId = loop.open(phone);
    loop.dispatch(orderId);
    loop.handle(orderId);
    loop.review(orderId, Verdict.APPROVED, "整改到位");
    loop.callback(orderId, Satisfaction.SATISFIED);
    loop.timeline(orderId, 5);

    List<ConsumerRecord<String, byte[]>> records =
        stack.topics().records(Topics.WORKORDER_LIFECYCLE, orderId.toString());
    assertThat(records).hasSize(5);
    for (ConsumerRecord<String, byte[]> record : records) {
      String type = header(record, "ce_type");
      assertThat(header(record, "ce_specversion")).isEqualTo("1.0");
      assertThat(header(record, "ce_id")).isNotBlank();
      assertThat(header(record, "ce_subject")).isEqualTo(orderId.toString());
      assertThat(header(record, "ce_source")).startsWith("/hotline/");
      assertThat(header(record, "ce_time")).isNotBlank();
      assertThat(header(record, "ce_dataschema")).isEqualTo("urn:gov:hotline:schema:" + type);
      assertThat(header(record, "content-type")).isEqualTo("application/json");
      assertThat(ContractSchemas.validate(type, record.value())).as(type).isEmpty();
      String json = new String(record.value(), StandardCharsets.UTF_8);
      assertThat(json).doesNotContain(phone).doesNotContain("张三");
    }
    String received = new String(records.get(0).value(), StandardCharsets.UTF_8);
    assertThat(received).contains(phone.substring(0, 3) + "****" + phone.substring(7));
  }

  @Test
  void every_service_exposes_axon_and_kafka_client_metrics_to_prometheus() throws Exception {
    loop.closeOne();
    ArticleState drafted =
        loop.as(Actor.editor("editor-1"))
            .draftArticle(
                DraftArticleRequest.of(
                    ArticleKind.SERVICE_GUIDE, "夜间施工许可办理指南", "夜间施工须经住建部门批准并公示。"));
    Awaitility.await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                !stack
                    .topics()
                    .records(Topics.KNOWLEDGE_ARTICLE, drafted.articleId().toString())
                    .isEmpty());
    for (String service : List.of("intake", "dispatch", "supervision", "knowledge")) {
      HttpResponse<String> response =
          HTTP.send(
              HttpRequest.newBuilder(URI.create(stack.url(service) + "/actuator/prometheus"))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(response.statusCode()).isEqualTo(200);
      String metrics = response.body();
      assertThat(metrics)
          .as(service)
          .contains("kafka_producer_")
          .contains("hotline_relay_published_total")
          .containsPattern("(?m)^(commandBus|eventStore|eventProcessor)\\w*\\{");
      if (!service.equals("intake") && !service.equals("knowledge")) {
        assertThat(metrics)
            .as(service)
            .contains("kafka_consumer_")
            .contains("hotline_inbox_events_total");
      }
    }
  }

  @Test
  void complaint_is_redone_after_failed_review_and_reopened_after_unsatisfied_callback() {
    UUID orderId = loop.open(Loop.nextPhone());
    loop.dispatch(orderId);
    loop.handle(orderId);
    assertThat(loop.review(orderId, Verdict.REJECTED, "未到现场核实").state())
        .isEqualTo(OrderState.DISPATCHED);
    loop.awaitAtDispatch(orderId, OrderState.DISPATCHED);
    Awaitility.await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> loop.as(Loop.DISPATCHER).dispatchOrder(orderId).attempt() == 2);
    assertThat(loop.handle(orderId).state()).isEqualTo(OrderState.HANDLED);
    loop.review(orderId, Verdict.APPROVED, "复查合格");
    assertThat(loop.callback(orderId, Satisfaction.UNSATISFIED).state())
        .isEqualTo(OrderState.REOPENED);
    loop.awaitAtDispatch(orderId, OrderState.REOPENED);
    StepDone redispatched =
        loop.as(Loop.DISPATCHER)
            .dispatch(orderId, new DispatchRequest("340602-001", null, 5, null, null));
    assertThat(redispatched.state()).isEqualTo(OrderState.DISPATCHED);
    assertThat(
            loop.as(Loop.unit("340602-001"))
                .reportResult(
                    orderId, new ResultRequest(HandlingOutcome.RESOLVED, "街道牵头已彻底整改", null, null))
                .state())
        .isEqualTo(OrderState.HANDLED);
    loop.review(orderId, Verdict.APPROVED, "整改到位");
    assertThat(loop.callback(orderId, Satisfaction.BASICALLY_SATISFIED).state())
        .isEqualTo(OrderState.CLOSED);

    Timeline timeline = loop.timeline(orderId, 11);
    assertThat(Loop.steps(timeline))
        .containsExactly(
            "RECEIVED",
            "DISPATCHED",
            "HANDLED",
            "AUDITED",
            "HANDLED",
            "AUDITED",
            "REVISITED",
            "DISPATCHED",
            "HANDLED",
            "AUDITED",
            "REVISITED");
    assertThat(timeline.events())
        .extracting(Timeline.Entry::attempt)
        .containsExactly(1, 1, 1, 1, 2, 2, 2, 3, 3, 3, 3);
    assertThat(loop.data(timeline.events().get(3)).at("/verdict").asText()).isEqualTo("REJECTED");
    assertThat(loop.data(timeline.events().get(6)).at("/outcome").asText()).isEqualTo("REOPENED");
  }

  @Test
  void bad_input_is_refused_with_a_problem_naming_the_field_and_opens_nothing() throws Exception {
    OpenOrderRequest complaint = Loop.complaint(Loop.nextPhone());
    OpenOrderRequest noTitle =
        new OpenOrderRequest(
            complaint.channel(),
            complaint.demandType(),
            complaint.category(),
            complaint.urgency(),
            null,
            complaint.description(),
            complaint.location(),
            complaint.caller(),
            null);
    ApiException missing = refused(() -> loop.as(Loop.OPERATOR).openOrder(noTitle));
    assertThat(missing.status()).isEqualTo(400);
    assertThat(missing.type()).isEqualTo("urn:hotline:problem:invalid-field");
    assertThat(missing.errors()).extracting(Problem.FieldError::field).containsExactly("title");

    // malformed input the typed client cannot send: an unknown channel
    ObjectNode badChannel = new ObjectMapper().valueToTree(Loop.complaint(Loop.nextPhone()));
    badChannel.put("channel", "PIGEON");
    HttpResponse<String> unreadable =
        postRaw(URI.create(stack.url("intake") + "/orders"), badChannel);
    assertThat(unreadable.statusCode()).isEqualTo(400);
    assertThat(new ObjectMapper().readTree(unreadable.body()).at("/errors/0/field").asText())
        .isEqualTo("channel");

    ApiException noActor = refused(() -> loop.as(null).openOrder(Loop.complaint(Loop.nextPhone())));
    assertThat(noActor.status()).isEqualTo(400);
    assertThat(noActor.errors().get(0).field()).isEqualTo("X-Actor-Role");

    ApiException wrongRole =
        refused(() -> loop.as(Loop.AUDITOR).openOrder(Loop.complaint(Loop.nextPhone())));
    assertThat(wrongRole.status()).isEqualTo(403);

    UUID orderId = loop.open(Loop.nextPhone());
    loop.awaitAtSupervision(orderId, OrderState.RECEIVED);
    ApiException early =
        refused(
            () ->
                loop.as(Loop.SUPERVISOR)
                    .review(orderId, new ReviewRequest(Verdict.APPROVED, null)));
    assertThat(early.status()).isEqualTo(409);
    assertThat(early.type()).isEqualTo("urn:hotline:problem:order-not-handled");

    loop.awaitAtDispatch(orderId, OrderState.RECEIVED);
    ApiException unknownUnit =
        refused(
            () ->
                loop.as(Loop.DISPATCHER)
                    .dispatch(orderId, new DispatchRequest("nowhere", null, 3, null, null)));
    assertThat(unknownUnit.status()).isEqualTo(400);
    assertThat(unknownUnit.errors().get(0).field()).isEqualTo("unitId");
    loop.awaitAtDispatch(orderId, OrderState.RECEIVED);
  }

  private static ApiException refused(Runnable call) {
    ApiException refusal = catchThrowableOfType(ApiException.class, call::run);
    assertThat(refusal).as("the service refused the call").isNotNull();
    return refusal;
  }

  private static HttpResponse<String> postRaw(URI uri, JsonNode body) throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(uri)
            .header("Content-Type", "application/json")
            .header("X-Actor-Role", "OPERATOR")
            .header("X-Actor-Id", "op-1")
            .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
