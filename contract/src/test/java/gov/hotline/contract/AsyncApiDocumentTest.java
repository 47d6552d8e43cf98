package gov.hotline.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The AsyncAPI document describes exactly the catalogue: no type missing, no message invented. */
class AsyncApiDocumentTest {

  private static final String MESSAGES = "#/components/messages/";
  private static final JsonNode DOC = read("/asyncapi.yaml");

  @Test
  void the_document_is_asyncapi_3_and_every_reference_resolves() {
    assertThat(DOC.path("asyncapi").asText()).isEqualTo("3.0.0");
    assertThat(DOC.at("/info/version").asText()).isNotBlank();

    List<String> refs = new ArrayList<>();
    collectRefs(DOC, refs);

    assertThat(refs).isNotEmpty();
    assertThat(refs)
        .allSatisfy(
            ref -> {
              if (ref.startsWith("#")) {
                assertThat(DOC.at(ref.substring(1)).isMissingNode()).as(ref).isFalse();
              } else {
                assertThat(ref).startsWith("./");
                assertThat(AsyncApiDocumentTest.class.getResource("/" + ref.substring(2)))
                    .as(ref)
                    .isNotNull();
              }
            });
  }

  @ParameterizedTest
  @EnumSource(EventType.class)
  void every_type_is_a_message_with_its_ce_type_schema_and_headers(EventType type) {
    JsonNode message = DOC.at("/components/messages/" + messageIdOf(type));

    assertThat(message.path("contentType").asText()).isEqualTo("application/json");
    assertThat(message.at("/payload/schemaFormat").asText()).contains("draft-2020-12");
    assertThat(message.at("/payload/schema/$ref").asText()).isEqualTo("." + type.schemaResource());
    JsonNode ceHeaders = message.at("/headers/allOf/1/properties");
    assertThat(message.at("/headers/allOf/0/$ref").asText())
        .isEqualTo("#/components/schemas/cloudEventHeaders");
    assertThat(ceHeaders.at("/ce_type/const").asText()).isEqualTo(type.ceType());
    assertThat(ceHeaders.at("/ce_dataschema/const").asText())
        .isEqualTo(type.dataSchema().toString());
    assertThat(ceHeaders.at("/ce_source/const").asText()).isEqualTo(Emitters.ceSourceOf(type));
    assertThat(message.at("/bindings/kafka/key/$ref").asText())
        .isEqualTo(
            type.topic().equals(Topics.WORKORDER_LIFECYCLE)
                ? "#/components/schemas/orderKey"
                : "#/components/schemas/articleKey");
  }

  @ParameterizedTest
  @EnumSource(EventType.class)
  void every_type_travels_on_its_topic_only(EventType type) {
    String ref = MESSAGES + messageIdOf(type);
    List<String> addresses = new ArrayList<>();
    DOC.path("channels")
        .forEach(
            channel ->
                channel
                    .path("messages")
                    .forEach(
                        m -> {
                          if (ref.equals(m.path("$ref").asText())) {
                            addresses.add(channel.path("address").asText());
                            assertThat(channel.at("/bindings/kafka/topic").asText())
                                .isEqualTo(type.topic());
                          }
                        }));

    assertThat(addresses).containsExactly(type.topic());
  }

  @ParameterizedTest
  @EnumSource(EventType.class)
  void every_type_is_sent_by_exactly_the_service_named_in_its_ce_source(EventType type) {
    List<String> senders = new ArrayList<>();
    DOC.path("operations")
        .forEach(
            operation -> {
              if ("send".equals(operation.path("action").asText())
                  && operationMessageIds(operation).contains(messageIdOf(type))) {
                senders.add(operation.path("x-service").asText());
              }
            });

    assertThat(senders).containsExactly(Emitters.serviceOf(type));
  }

  @Test
  void no_message_exists_without_a_catalogued_type_except_the_dead_letter() {
    Set<String> deadLetterIds = new TreeSet<>();
    DOC.path("channels")
        .forEach(
            channel -> {
              if (channel.path("address").asText().endsWith(Topics.DEAD_LETTER_SUFFIX)) {
                channel.path("messages").forEach(m -> deadLetterIds.add(idOf(m)));
              }
            });
    assertThat(deadLetterIds).containsExactly("deadLetter");

    DOC.at("/components/messages")
        .fields()
        .forEachRemaining(
            entry -> {
              if (!deadLetterIds.contains(entry.getKey())) {
                String name = entry.getValue().path("name").asText();
                assertThat(EventType.ofCeType(name)).as("message %s", entry.getKey()).isPresent();
                assertThat(entry.getKey()).isEqualTo(messageIdOf(EventType.ofCeType(name).get()));
              }
            });
    DOC.path("channels")
        .forEach(
            channel -> {
              String address = channel.path("address").asText();
              if (!address.endsWith(Topics.DEAD_LETTER_SUFFIX)) {
                channel
                    .path("messages")
                    .forEach(
                        m ->
                            assertThat(
                                    EventType.ofCeType(
                                            DOC.at("/components/messages/" + idOf(m))
                                                .path("name")
                                                .asText())
                                        .map(EventType::topic))
                                .as("%s on %s", idOf(m), address)
                                .contains(address));
              }
            });
  }

  @Test
  void an_operation_handles_only_messages_of_its_channel() {
    DOC.path("operations")
        .fields()
        .forEachRemaining(
            entry -> {
              JsonNode operation = entry.getValue();
              String channelRef = operation.at("/channel/$ref").asText();
              assertThat(channelRef).as(entry.getKey()).startsWith("#/channels/");
              assertThat(operation.path("messages")).as(entry.getKey()).isNotEmpty();
              operation
                  .path("messages")
                  .forEach(
                      m ->
                          assertThat(m.path("$ref").asText())
                              .startsWith(channelRef + "/messages/"));
              assertThat(operation.path("x-service").asText())
                  .as(entry.getKey())
                  .isIn("intake", "dispatch", "supervision", "knowledge");
            });
  }

  @Test
  void every_consumer_group_has_its_dead_letter_topic_named_by_the_convention() {
    Map<String, Set<String>> groupsByTopic = new java.util.HashMap<>();
    DOC.path("operations")
        .forEach(
            operation -> {
              if ("receive".equals(operation.path("action").asText())) {
                String group = operation.at("/bindings/kafka/groupId/const").asText();
                assertThat(group).isNotBlank().isEqualTo(operation.path("x-service").asText());
                groupsByTopic
                    .computeIfAbsent(
                        channelOf(operation).path("address").asText(), t -> new TreeSet<>())
                    .add(group);
              }
            });
    assertThat(groupsByTopic).containsOnlyKeys(Topics.WORKORDER_LIFECYCLE);

    groupsByTopic.forEach(
        (topic, groups) -> {
          String address = Topics.deadLetter(topic, "{consumerGroup}");
          List<JsonNode> channels = new ArrayList<>();
          DOC.path("channels")
              .forEach(
                  c -> {
                    if (address.equals(c.path("address").asText())) {
                      channels.add(c);
                    }
                  });
          assertThat(channels).as(address).hasSize(1);
          JsonNode parameter =
              DOC.at(channels.get(0).at("/parameters/consumerGroup/$ref").asText().substring(1));
          Set<String> declared = new TreeSet<>();
          parameter.path("enum").forEach(g -> declared.add(g.asText()));
          assertThat(declared).isEqualTo(groups);
        });
    Set<String> required = new TreeSet<>();
    DOC.at("/components/schemas/deadLetterHeaders/required").forEach(h -> required.add(h.asText()));
    assertThat(required)
        .contains(
            "kafka_dlt-exception-message",
            "kafka_dlt-original-topic",
            "kafka_dlt-original-partition",
            "kafka_dlt-original-offset");
  }

  @Test
  void the_cloud_event_headers_are_the_envelope_of_the_contract() {
    JsonNode headers = DOC.at("/components/schemas/cloudEventHeaders");
    Set<String> required = new TreeSet<>();
    headers.path("required").forEach(h -> required.add(h.asText()));

    assertThat(required)
        .containsExactlyInAnyOrder(
            "ce_specversion",
            "ce_id",
            "ce_source",
            "ce_type",
            "ce_subject",
            "ce_time",
            "ce_dataschema",
            "content-type");
    assertThat(headers.at("/properties/ce_specversion/const").asText()).isEqualTo("1.0");
    assertThat(headers.at("/properties/content-type/const").asText()).isEqualTo("application/json");
    Set<String> sources = new TreeSet<>();
    headers.at("/properties/ce_source/enum").forEach(s -> sources.add(s.asText()));
    for (EventType type : EventType.values()) {
      assertThat(sources).contains(Emitters.ceSourceOf(type));
    }
  }

  /** The document's id of a type's message, e.g. {@code workorderReceivedV1}. */
  private static String messageIdOf(EventType type) {
    List<String> ids = new ArrayList<>();
    DOC.at("/components/messages")
        .fields()
        .forEachRemaining(
            e -> {
              if (type.ceType().equals(e.getValue().path("name").asText())) {
                ids.add(e.getKey());
              }
            });
    assertThat(ids).as("messages named %s", type.ceType()).hasSize(1);
    return ids.get(0);
  }

  private static Set<String> operationMessageIds(JsonNode operation) {
    Set<String> ids = new TreeSet<>();
    operation
        .path("messages")
        .forEach(m -> ids.add(idOf(DOC.at(m.path("$ref").asText().substring(1)))));
    return ids;
  }

  /** The component id a channel's message entry refers to. */
  private static String idOf(JsonNode channelMessage) {
    String ref = channelMessage.path("$ref").asText();
    assertThat(ref).startsWith(MESSAGES);
    return ref.substring(MESSAGES.length());
  }

  private static JsonNode channelOf(JsonNode operation) {
    return DOC.at(operation.at("/channel/$ref").asText().substring(1));
  }

  private static void collectRefs(JsonNode node, List<String> out) {
    if (node.has("$ref")) {
      out.add(node.get("$ref").asText());
    }
    node.elements().forEachRemaining(child -> collectRefs(child, out));
  }

  private static JsonNode read(String resource) {
    try (InputStream in = AsyncApiDocumentTest.class.getResourceAsStream(resource)) {
      assertThat(in).as(resource).isNotNull();
      return new ObjectMapper(new YAMLFactory()).readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
