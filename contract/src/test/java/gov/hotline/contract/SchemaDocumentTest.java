package gov.hotline.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The schema files themselves: what a reader outside learns from them alone. */
class SchemaDocumentTest {

  @ParameterizedTest
  @EnumSource(EventType.class)
  void a_schema_names_its_dialect_its_uri_and_the_envelope_it_travels_in(EventType type) {
    JsonNode schema = ContractSchemas.schemaOf(type);

    assertThat(schema.path("$schema").asText())
        .isEqualTo("https://json-schema.org/draft/2020-12/schema");
    assertThat(schema.path("$id").asText()).isEqualTo(type.dataSchema().toString());
    assertThat(schema.path("type").asText()).isEqualTo("object");
    assertThat(schema.path("description").asText())
        .contains(type.ceType(), type.topic(), Emitters.ceSourceOf(type), "ce_id", "de-duplicate");
  }

  @ParameterizedTest
  @EnumSource(EventType.class)
  void a_schema_stays_open_so_an_added_optional_field_keeps_the_version(EventType type) {
    JsonNode schema = ContractSchemas.schemaOf(type);

    assertThat(schema.path("additionalProperties").asBoolean(true)).isTrue();
    assertThat(schema.has("unevaluatedProperties")).isFalse();
  }

  @ParameterizedTest
  @EnumSource(EventType.class)
  void the_minimal_sample_carries_exactly_the_required_fields(EventType type) {
    JsonNode schema = ContractSchemas.schemaOf(type);
    JsonNode minimal = ContractJson.mapper().valueToTree(SampleEvents.minimal(type));

    Set<String> required = new TreeSet<>();
    schema.path("required").forEach(name -> required.add(name.asText()));
    Set<String> present = new TreeSet<>();
    minimal.fieldNames().forEachRemaining(present::add);

    assertThat(present).isEqualTo(required);
  }

  @ParameterizedTest
  @EnumSource(EventType.class)
  void the_full_sample_shows_every_field_the_schema_defines(EventType type) {
    JsonNode schema = ContractSchemas.schemaOf(type);
    Set<String> defined = new TreeSet<>();
    collectSchemaPaths(schema, schema, "", defined);
    Set<String> shown = new TreeSet<>();
    collectJsonPaths(ContractJson.mapper().valueToTree(SampleEvents.full(type)), "", shown);
    // an actor is a person or a system, never both: its fields are shown across the samples
    Set<String> actorFieldsShown = new TreeSet<>();
    for (EventType any : EventType.values()) {
      JsonNode actor = ContractJson.mapper().valueToTree(SampleEvents.full(any)).path("actor");
      actor.fieldNames().forEachRemaining(name -> actorFieldsShown.add("actor." + name));
    }

    defined.removeAll(shown);
    defined.removeAll(actorFieldsShown);
    assertThat(defined).as("defined in the schema but absent from the full sample").isEmpty();
  }

  @Test
  void a_definition_repeated_in_several_schemas_is_the_same_everywhere() {
    Map<String, List<JsonNode>> byName = new HashMap<>();
    for (EventType type : EventType.values()) {
      ContractSchemas.schemaOf(type)
          .path("$defs")
          .fields()
          .forEachRemaining(
              def ->
                  byName.computeIfAbsent(def.getKey(), k -> new ArrayList<>()).add(def.getValue()));
    }

    assertThat(byName).isNotEmpty();
    byName.forEach(
        (name, copies) -> assertThat(copies).as("$defs/%s", name).allMatch(copies.get(0)::equals));
  }

  @Test
  void no_schema_offers_a_place_for_a_callers_phone_number_name_or_id_number() {
    Set<String> forbidden =
        Set.of("phone", "phonenumber", "mobile", "tel", "idnumber", "idcard", "callername");
    Set<String> names = new TreeSet<>();
    for (EventType type : EventType.values()) {
      collectPropertyNames(ContractSchemas.schemaOf(type), names);
    }

    assertThat(names)
        .isNotEmpty()
        .noneMatch(name -> forbidden.contains(name.toLowerCase(java.util.Locale.ROOT)));
  }

  private static void collectSchemaPaths(
      JsonNode node, JsonNode root, String prefix, Set<String> out) {
    if (node.has("$ref")) {
      collectSchemaPaths(root.at(node.get("$ref").asText().substring(1)), root, prefix, out);
      return;
    }
    if (node.has("items")) {
      collectSchemaPaths(node.get("items"), root, prefix, out);
    }
    node.path("properties")
        .fields()
        .forEachRemaining(
            property -> {
              out.add(prefix + property.getKey());
              collectSchemaPaths(property.getValue(), root, prefix + property.getKey() + ".", out);
            });
  }

  private static void collectJsonPaths(JsonNode node, String prefix, Set<String> out) {
    if (node.isArray()) {
      node.forEach(element -> collectJsonPaths(element, prefix, out));
    }
    node.fields()
        .forEachRemaining(
            field -> {
              out.add(prefix + field.getKey());
              collectJsonPaths(field.getValue(), prefix + field.getKey() + ".", out);
            });
  }

  private static void collectPropertyNames(JsonNode node, Set<String> out) {
    if (node.has("properties")) {
      node.get("properties").fieldNames().forEachRemaining(out::add);
    }
    node.elements().forEachRemaining(child -> collectPropertyNames(child, out));
  }
}
