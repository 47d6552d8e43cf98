package gov.hotline.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import gov.hotline.contract.ContractSchemas;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;

/** A citizen's demand travels the whole loop through the four services over the real broker. */
class WorkOrderLoopIT {
  private final HotlineStack stack = HotlineStack.shared();
  private final Api api = new Api(stack);
  private final Loop loop = new Loop(api);

  @Test
  void complaints_travel_from_intake_to_a_satisfied_callback_and_each_timeline_shows_five_steps() {
    List<String> orders = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      orders.add(loop.closeOne());
    }
    for (String orderId : orders) {
      JsonNode timeline = loop.timeline(orderId, 5);
      JsonNode events = timeline.get("events");
      assertThat(events).hasSize(5);
      assertThat(field(events, "step"))
          .containsExactly("RECEIVED", "DISPATCHED", "HANDLED", "AUDITED", "REVISITED");
      assertThat(field(events, "type"))
          .containsExactly(
              "gov.hotline.workorder.received.v1",
              "gov.hotline.workorder.dispatched.v1",
              "gov.hotline.workorder.handled.v1",
              "gov.hotline.workorder.audited.v1",
              "gov.hotline.workorder.revisited.v1");
      assertThat(field(events, "service"))
          .containsExactly(
              "/hotline/intake",
              "/hotline/dispatch",
              "/hotline/dispatch",
              "/hotline/supervision",
              "/hotline/supervision");
      List<String> roles = new ArrayList<>();
      events.forEach(e -> roles.add(e.at("/actor/role").asText()));
      assertThat(roles)
          .containsExactly("OPERATOR", "DISPATCHER", "UNIT_HANDLER", "SUPERVISOR", "SUPERVISOR");
      assertThat(events.get(2).at("/actor/unitId").asText()).isEqualTo(Loop.COMMUNITY);
      assertThat(events.get(1).at("/data/unit/level").asText()).isEqualTo("COMMUNITY");
      assertThat(events.get(1).at("/data/routing/mode").asText()).isEqualTo("DIRECT_TO_GRASSROOTS");
      assertThat(events.get(4).at("/data/outcome").asText()).isEqualTo("CLOSED");
      Set<String> ids = new HashSet<>(field(events, "eventId"));
      assertThat(ids).hasSize(5);

      String number = timeline.get("orderNumber").asText();
      loop.awaitState("supervision", orderId, "CLOSED");
      assertThat(number).matches("\\d{14}");
      Api.Response found = api.get("supervision", "/orders?number=" + number, Api.As.auditor());
      assertThat(found.body().get(0).get("orderId").asText()).isEqualTo(orderId);
      assertThat(found.body().get(0).get("state").asText()).isEqualTo("CLOSED");
    }
  }

  @Test
  void every_published_event_is_a_valid_contract_cloud_event_without_the_callers_number() {
    String phone = Loop.nextPhone();
    String orderId = loop.open(phone);
    loop.dispatch(orderId);
    loop.handle(orderId);
    loop.review(orderId, "APPROVED", "整改到位");
    loop.callback(orderId, "SATISFIED");
    loop.timeline(orderId, 5);

    List<ConsumerRecord<String, byte[]>> records =
        TopicReader.lifecycle(stack.bootstrapServers()).stream()
            .filter(r -> orderId.equals(r.key()))
            .toList();
    assertThat(records).hasSize(5);
    for (ConsumerRecord<String, byte[]> record : records) {
      String type = header(record, "ce_type");
      assertThat(header(record, "ce_specversion")).isEqualTo("1.0");
      assertThat(header(record, "ce_id")).isNotBlank();
      assertThat(header(record, "ce_subject")).isEqualTo(orderId);
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
    Api.Response drafted =
        api.post(
            "knowledge",
            "/articles",
            new Api.As("EDITOR", "editor-1", null),
            Map.of("kind", "SERVICE_GUIDE", "title", "夜间施工许可办理指南", "body", "夜间施工须经住建部门批准并公示。"));
    assertThat(drafted.status()).as(drafted.body().toString()).isEqualTo(201);
    org.awaitility.Awaitility.await()
        .atMost(java.time.Duration.ofSeconds(30))
        .until(
            () ->
                TopicReader.readAll(
                        stack.bootstrapServers(), gov.hotline.contract.Topics.KNOWLEDGE_ARTICLE)
                    .stream()
                    .anyMatch(r -> drafted.at("/articleId").asText().equals(r.key())));
    for (String service : List.of("intake", "dispatch", "supervision", "knowledge")) {
      java.net.http.HttpResponse<String> response =
          java.net.http.HttpClient.newHttpClient()
              .send(
                  java.net.http.HttpRequest.newBuilder(
                          java.net.URI.create(stack.url(service) + "/actuator/prometheus"))
                      .build(),
                  java.net.http.HttpResponse.BodyHandlers.ofString());
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
    String orderId = loop.open(Loop.nextPhone());
    loop.dispatch(orderId);
    loop.handle(orderId);
    assertThat(loop.review(orderId, "REJECTED", "未到现场核实").at("/state").asText())
        .isEqualTo("DISPATCHED");
    loop.awaitState("dispatch", orderId, "DISPATCHED");
    await("dispatch", orderId, 2);
    assertThat(loop.handle(orderId).at("/state").asText()).isEqualTo("HANDLED");
    loop.review(orderId, "APPROVED", "复查合格");
    assertThat(loop.callback(orderId, "UNSATISFIED").at("/state").asText()).isEqualTo("REOPENED");
    loop.awaitState("dispatch", orderId, "REOPENED");
    Api.Response redispatched =
        api.post(
            "dispatch",
            "/orders/" + orderId + "/dispatch",
            Api.As.dispatcher(),
            Map.of("unitId", "340602-001", "workingDays", 5));
    assertThat(redispatched.status()).as(redispatched.body().toString()).isEqualTo(200);
    assertThat(
            api.post(
                    "dispatch",
                    "/orders/" + orderId + "/result",
                    Api.As.unit("340602-001"),
                    Map.of("outcome", "RESOLVED", "reply", "街道牵头已彻底整改"))
                .at("/state")
                .asText())
        .isEqualTo("HANDLED");
    loop.review(orderId, "APPROVED", "整改到位");
    assertThat(loop.callback(orderId, "BASICALLY_SATISFIED").at("/state").asText())
        .isEqualTo("CLOSED");

    JsonNode events = loop.timeline(orderId, 11).get("events");
    assertThat(field(events, "step"))
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
    List<Integer> attempts = new ArrayList<>();
    events.forEach(e -> attempts.add(e.get("attempt").asInt()));
    assertThat(attempts).containsExactly(1, 1, 1, 1, 2, 2, 2, 3, 3, 3, 3);
    assertThat(events.get(3).at("/data/verdict").asText()).isEqualTo("REJECTED");
    assertThat(events.get(6).at("/data/outcome").asText()).isEqualTo("REOPENED");
  }

  @Test
  void bad_input_is_refused_with_a_problem_naming_the_field_and_opens_nothing() {
    Map<String, Object> noTitle = new java.util.HashMap<>(Loop.complaint(Loop.nextPhone()));
    noTitle.remove("title");
    Api.Response missing = api.post("intake", "/orders", Api.As.operator(), noTitle);
    assertThat(missing.status()).isEqualTo(400);
    assertThat(missing.at("/type").asText()).isEqualTo("urn:hotline:problem:invalid-field");
    assertThat(missing.at("/errors/0/field").asText()).isEqualTo("title");

    Map<String, Object> badChannel = new java.util.HashMap<>(Loop.complaint(Loop.nextPhone()));
    badChannel.put("channel", "PIGEON");
    Api.Response unreadable = api.post("intake", "/orders", Api.As.operator(), badChannel);
    assertThat(unreadable.status()).isEqualTo(400);
    assertThat(unreadable.at("/errors/0/field").asText()).isEqualTo("channel");

    Api.Response noActor = api.post("intake", "/orders", null, Loop.complaint(Loop.nextPhone()));
    assertThat(noActor.status()).isEqualTo(400);
    assertThat(noActor.at("/errors/0/field").asText()).isEqualTo("X-Actor-Role");

    Api.Response wrongRole =
        api.post("intake", "/orders", Api.As.auditor(), Loop.complaint(Loop.nextPhone()));
    assertThat(wrongRole.status()).isEqualTo(403);

    String orderId = loop.open(Loop.nextPhone());
    loop.awaitState("supervision", orderId, "RECEIVED");
    Api.Response early =
        api.post(
            "supervision",
            "/orders/" + orderId + "/review",
            Api.As.supervisor(),
            Map.of("verdict", "APPROVED"));
    assertThat(early.status()).isEqualTo(409);
    assertThat(early.at("/type").asText()).isEqualTo("urn:hotline:problem:order-not-handled");

    loop.awaitState("dispatch", orderId, "RECEIVED");
    Api.Response unknownUnit =
        api.post(
            "dispatch",
            "/orders/" + orderId + "/dispatch",
            Api.As.dispatcher(),
            Map.of("unitId", "nowhere", "workingDays", 3));
    assertThat(unknownUnit.status()).isEqualTo(400);
    assertThat(unknownUnit.at("/errors/0/field").asText()).isEqualTo("unitId");
    loop.awaitState("dispatch", orderId, "RECEIVED");
  }

  private void await(String service, String orderId, int attempt) {
    org.awaitility.Awaitility.await()
        .atMost(java.time.Duration.ofSeconds(30))
        .until(
            () ->
                api.get(service, "/orders/" + orderId, Api.As.dispatcher()).at("/attempt").asInt()
                    == attempt);
  }

  static List<String> field(JsonNode events, String name) {
    List<String> values = new ArrayList<>();
    events.forEach(e -> values.add(e.get(name).asText()));
    return values;
  }

  static String header(ConsumerRecord<String, byte[]> record, String name) {
    Header header = record.headers().lastHeader(name);
    return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
  }
}
