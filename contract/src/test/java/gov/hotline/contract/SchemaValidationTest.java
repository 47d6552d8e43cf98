package gov.hotline.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class SchemaValidationTest {

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("gov.hotline.contract.SampleEvents#all")
  void every_sample_as_published_validates_against_its_schema(
      String label, EventType type, PublicEvent event) throws Exception {
    byte[] value = ContractJson.mapper().writeValueAsBytes(event);

    assertThat(ContractSchemas.validate(type.ceType(), value)).isEmpty();
    assertThat(ContractSchemas.validate(type, ContractJson.mapper().readTree(value))).isEmpty();
    assertThat(ContractSchemas.validate(event)).isEmpty();
  }

  @Test
  void an_order_without_its_id_is_rejected() {
    assertViolation(EventType.WORKORDER_DISPATCHED, json -> json.remove("orderId"), "orderId");
  }

  @Test
  void an_order_id_that_is_not_a_uuid_is_rejected() {
    assertViolation(EventType.WORKORDER_HANDLED, json -> json.put("orderId", "order-1"), "orderId");
  }

  @Test
  void an_order_number_of_the_wrong_shape_is_rejected() {
    // 13 digits: the day and only a 5-digit sequence
    assertViolation(
        EventType.WORKORDER_RECEIVED,
        json -> json.put("orderNumber", "2026112400001"),
        "orderNumber");
    assertViolation(
        EventType.WORKORDER_RECEIVED,
        json -> json.put("orderNumber", "20261324000001"),
        "orderNumber");
  }

  @Test
  void a_value_outside_an_enum_is_rejected() {
    assertViolation(
        EventType.WORKORDER_RECEIVED, json -> json.put("demandType", "GOSSIP"), "demandType");
    assertViolation(
        EventType.WORKORDER_AUDITED,
        json -> json.withObjectProperty("actor").put("role", "ROOT"),
        "role");
  }

  @Test
  void attempt_zero_is_rejected() {
    assertViolation(EventType.WORKORDER_AUDITED, json -> json.put("attempt", 0), "attempt");
  }

  @Test
  void an_instant_that_is_not_a_date_time_is_rejected() {
    assertViolation(
        EventType.ARTICLE_PUBLISHED, json -> json.put("occurredAt", "24/11/2026"), "occurredAt");
  }

  @Test
  void an_actor_without_a_role_is_rejected() {
    assertViolation(
        EventType.ARTICLE_RETIRED, json -> json.withObjectProperty("actor").remove("role"), "role");
  }

  @Test
  void a_unit_handler_names_the_unit_and_the_system_names_itself() {
    assertViolation(
        EventType.WORKORDER_HANDLED,
        json -> json.withObjectProperty("actor").remove("unitId"),
        "unitId");
    assertViolation(
        EventType.WORKORDER_DISPATCHED,
        json -> json.withObjectProperty("actor").remove("system"),
        "system");
  }

  @Test
  void a_rejection_without_a_reason_is_rejected() {
    assertViolation(EventType.WORKORDER_AUDITED, json -> json.remove("reason"), "reason");
    assertViolation(EventType.WORKORDER_AUDITED, json -> json.put("reason", ""), "reason");
  }

  @Test
  void a_direct_answer_names_its_article() {
    assertViolation(EventType.WORKORDER_RECEIVED, json -> json.remove("articleId"), "articleId");
  }

  @Test
  void a_rule_dispatch_names_its_rule() {
    assertViolation(
        EventType.WORKORDER_DISPATCHED,
        json -> json.withObjectProperty("routing").remove("ruleId"),
        "ruleId");
  }

  @Test
  void working_days_come_with_their_calendar() {
    assertViolation(
        EventType.WORKORDER_DISPATCHED,
        json -> json.withObjectProperty("deadlineBasis").remove("calendar"),
        "calendar");
  }

  @Test
  void an_unreached_caller_gives_no_satisfaction_and_closing_unreachable_means_unreached() {
    assertViolation(
        EventType.WORKORDER_REVISITED, json -> json.put("reached", false), "satisfaction");
    assertViolation(
        EventType.WORKORDER_REVISITED,
        json -> json.put("outcome", "CLOSED_UNREACHABLE"),
        "reached");
  }

  @Test
  void a_phone_number_in_clear_text_is_not_a_masked_phone() {
    assertViolation(
        EventType.WORKORDER_RECEIVED,
        json -> json.withObjectProperty("caller").put("maskedPhone", "13800005678"),
        "maskedPhone");
    assertViolation(
        EventType.WORKORDER_RECEIVED,
        json -> json.withObjectProperty("caller").put("ref", "13800005678"),
        "ref");
  }

  @Test
  void a_short_number_masked_but_for_its_last_digits_is_a_masked_phone() {
    ObjectNode json = sampleJson(EventType.WORKORDER_RECEIVED);
    json.withObjectProperty("caller").put("maskedPhone", "***45");

    assertThat(ContractSchemas.validate(EventType.WORKORDER_RECEIVED, json)).isEmpty();
  }

  @Test
  void an_attachment_hash_must_be_sha256_hex() {
    assertViolation(
        EventType.WORKORDER_HANDLED,
        json -> ((ObjectNode) json.withArrayProperty("evidence").get(0)).put("sha256", "abc"),
        "sha256");
  }

  @Test
  void an_added_optional_field_keeps_the_version() {
    ObjectNode json = sampleJson(EventType.WORKORDER_RECEIVED);
    json.put("priorityScore", 7);
    json.withObjectProperty("location").put("gridCode", "G-0042");

    assertThat(ContractSchemas.validate(EventType.WORKORDER_RECEIVED, json)).isEmpty();
  }

  @Test
  void null_is_never_a_value() {
    assertViolation(EventType.WORKORDER_AUDITED, json -> json.putNull("reason"), "reason");
  }

  @Test
  void unknown_types_and_bytes_that_are_not_json_are_violations() {
    assertThat(
            ContractSchemas.validate(
                "gov.hotline.workorder.teleported.v1", "{}".getBytes(StandardCharsets.UTF_8)))
        .singleElement(InstanceOfAssertFactories.STRING)
        .contains("gov.hotline.workorder.teleported.v1");
    assertThat(
            ContractSchemas.validate(
                EventType.WORKORDER_RECEIVED.ceType(),
                "{not json".getBytes(StandardCharsets.UTF_8)))
        .singleElement(InstanceOfAssertFactories.STRING)
        .contains("not JSON");
    assertThat(ContractSchemas.validate(EventType.WORKORDER_RECEIVED.ceType(), new byte[0]))
        .singleElement(InstanceOfAssertFactories.STRING)
        .contains("empty");
  }

  @Test
  void the_caller_definition_offers_no_place_for_a_number_name_or_id_number() {
    JsonNode caller =
        ContractSchemas.schemaOf(EventType.WORKORDER_RECEIVED).at("/$defs/callerRef/properties");

    List<String> names = new ArrayList<>();
    caller.fieldNames().forEachRemaining(names::add);
    assertThat(names).containsExactlyInAnyOrder("ref", "maskedPhone", "anonymous", "confidential");
    assertThat(names)
        .doesNotContain("phone", "phoneNumber", "mobile", "name", "idNumber", "idCard");
  }

  @Test
  void validation_gives_the_same_answers_from_many_threads() throws Exception {
    ObjectNode bad = sampleJson(EventType.WORKORDER_AUDITED);
    bad.put("attempt", 0);
    Set<String> expected = ContractSchemas.validate(EventType.WORKORDER_AUDITED, bad);
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<Set<String>>> results = new ArrayList<>();
      for (int i = 0; i < 200; i++) {
        results.add(pool.submit(() -> ContractSchemas.validate(EventType.WORKORDER_AUDITED, bad)));
      }
      for (Future<Set<String>> result : results) {
        assertThat(result.get()).isEqualTo(expected).isNotEmpty();
      }
    } finally {
      pool.shutdownNow();
    }
  }

  private static ObjectNode sampleJson(EventType type) {
    return ContractJson.mapper().valueToTree(SampleEvents.full(type));
  }

  private static void assertViolation(EventType type, Consumer<ObjectNode> edit, String field) {
    ObjectNode json = sampleJson(type);
    assertThat(ContractSchemas.validate(type, json)).as("the full sample is valid").isEmpty();
    edit.accept(json);

    Set<String> violations = ContractSchemas.validate(type, json);

    assertThat(violations).as("violations of %s", json).isNotEmpty();
    assertThat(violations).anySatisfy(message -> assertThat(message).contains(field));
  }
}
