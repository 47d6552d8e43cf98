package gov.hotline.platform.inbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import gov.hotline.contract.EventType;
import gov.hotline.contract.Topics;
import gov.hotline.contract.workorder.WorkOrderHandled;
import org.junit.jupiter.api.Test;

class InboundTypeTest {

  @Test
  void a_public_event_is_taken_from_its_topic_into_its_record() {
    assertThat(InboundType.of(EventType.WORKORDER_HANDLED))
        .isEqualTo(
            new InboundType(
                Topics.WORKORDER_LIFECYCLE,
                "gov.hotline.workorder.handled.v1",
                WorkOrderHandled.class));
    assertThat(InboundType.allOf(EventType.WORKORDER_HANDLED, EventType.ARTICLE_RETIRED))
        .extracting(InboundType::topic)
        .containsExactly(Topics.WORKORDER_LIFECYCLE, Topics.KNOWLEDGE_ARTICLE);
  }

  @Test
  void a_command_comes_on_a_topic_of_its_own_under_a_type_outside_the_catalogue() {
    assertThat(InboundType.command("unit.results", "gov.unit.result.v1", JsonNode.class).topic())
        .isEqualTo("unit.results");
    assertThatThrownBy(
            () ->
                InboundType.command(
                    "unit.results", EventType.WORKORDER_HANDLED.ceType(), JsonNode.class))
        .hasMessageContaining("is a public event type");
    assertThatThrownBy(
            () -> InboundType.command(Topics.WORKORDER_LIFECYCLE, "gov.unit.x.v1", JsonNode.class))
        .hasMessageContaining("is a public event topic");
    assertThatThrownBy(() -> new InboundType(" ", "t", JsonNode.class))
        .hasMessageContaining("topic must not be blank");
  }
}
