package gov.hotline.contract;

import static org.assertj.core.api.Assertions.assertThat;

import gov.hotline.contract.knowledge.ArticleEvent;
import gov.hotline.contract.workorder.WorkOrderEvent;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class CatalogueTest {

  @Test
  void every_work_order_event_has_exactly_one_type_on_the_lifecycle_topic() {
    for (Class<?> event : WorkOrderEvent.class.getPermittedSubclasses()) {
      assertThat(typesOf(event)).as(event.getSimpleName()).hasSize(1);
      assertThat(EventType.ofPayload(event))
          .get()
          .extracting(EventType::topic)
          .isEqualTo(Topics.WORKORDER_LIFECYCLE);
    }
  }

  @Test
  void every_article_event_has_exactly_one_type_on_the_knowledge_topic() {
    for (Class<?> event : ArticleEvent.class.getPermittedSubclasses()) {
      assertThat(typesOf(event)).as(event.getSimpleName()).hasSize(1);
      assertThat(EventType.ofPayload(event))
          .get()
          .extracting(EventType::topic)
          .isEqualTo(Topics.KNOWLEDGE_ARTICLE);
    }
  }

  @Test
  void every_type_is_a_permitted_event_of_a_stream() {
    List<Class<?>> permitted =
        Stream.concat(
                Arrays.stream(WorkOrderEvent.class.getPermittedSubclasses()),
                Arrays.stream(ArticleEvent.class.getPermittedSubclasses()))
            .toList();

    assertThat(Arrays.stream(EventType.values()).<Class<?>>map(EventType::payloadType).toList())
        .containsExactlyInAnyOrderElementsOf(permitted);
  }

  @Test
  void ce_types_are_unique_and_versioned() {
    List<String> ceTypes = Arrays.stream(EventType.values()).map(EventType::ceType).toList();

    assertThat(ceTypes).doesNotHaveDuplicates();
    assertThat(EventType.values())
        .allSatisfy(
            type -> {
              assertThat(type.ceType())
                  .matches("^gov\\.hotline\\.[a-z]+(\\.[a-z]+)+\\.v[1-9][0-9]*$")
                  .endsWith(".v" + type.version());
              assertThat(EventType.ofCeType(type.ceType())).contains(type);
              assertThat(EventType.ofPayload(type.payloadType())).contains(type);
            });
  }

  @ParameterizedTest
  @EnumSource(EventType.class)
  void the_schema_of_every_type_ships_in_the_artifact_under_its_uri(EventType type) {
    assertThat(type.dataSchema()).hasToString(EventType.SCHEMA_URI_PREFIX + type.ceType());
    assertThat(type.schemaResource()).isEqualTo("/schemas/" + type.ceType() + ".json");
    assertThat(CatalogueTest.class.getResource(type.schemaResource())).isNotNull();
    assertThat(ContractSchemas.schemaOf(type).path("$id").asText())
        .isEqualTo(type.dataSchema().toString());
  }

  @Test
  void a_dead_letter_topic_is_named_after_the_topic_and_the_consumer_group() {
    assertThat(Topics.deadLetter(Topics.WORKORDER_LIFECYCLE, "dispatch"))
        .isEqualTo("hotline.workorder.lifecycle.dispatch.dlt");
  }

  private static List<EventType> typesOf(Class<?> payload) {
    return Arrays.stream(EventType.values()).filter(t -> t.payloadType().equals(payload)).toList();
  }
}
