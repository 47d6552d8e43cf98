package gov.hotline.platform.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import gov.hotline.contract.Actor;
import gov.hotline.contract.ActorRole;
import gov.hotline.contract.ContractSchemas;
import gov.hotline.contract.workorder.Verdict;
import gov.hotline.contract.workorder.WorkOrderAudited;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class CloudEventCodecTest {
  private static final WorkOrderAudited AUDITED =
      new WorkOrderAudited(
          UUID.fromString("6f1c1f9e-1b7a-4d5e-9a51-5b7c2e0c1d01"),
          "20261124000001",
          Instant.parse("2026-11-24T02:00:00Z"),
          new Actor(ActorRole.SUPERVISOR, "sup-1", null, null),
          1,
          Verdict.APPROVED,
          "整改到位");

  private final CloudEventCodec codec = new CloudEventCodec("/hotline/supervision");

  @Test
  void an_event_becomes_a_cloud_event_of_the_contract_and_reads_back_the_same() {
    CloudEvent event = codec.encode("evt-1", AUDITED);
    assertThat(event.getId()).isEqualTo("evt-1");
    assertThat(event.getSource()).isEqualTo(URI.create("/hotline/supervision"));
    assertThat(event.getType()).isEqualTo("gov.hotline.workorder.audited.v1");
    assertThat(event.getSubject()).isEqualTo(AUDITED.orderId().toString());
    assertThat(event.getTime().toInstant()).isEqualTo(AUDITED.occurredAt());
    assertThat(event.getDataSchema())
        .isEqualTo(URI.create("urn:gov:hotline:schema:gov.hotline.workorder.audited.v1"));
    assertThat(ContractSchemas.validate(event.getType(), event.getData().toBytes())).isEmpty();
    assertThat(CloudEventCodec.decode(event, WorkOrderAudited.class)).isEqualTo(AUDITED);
  }

  @Test
  void data_is_read_into_whatever_class_the_reader_asks_for() {
    CloudEvent command =
        event("evt-2", "gov.unit.result.submitted.v1")
            .withData("{\"orderId\":\"o-1\",\"extra\":1}".getBytes(StandardCharsets.UTF_8))
            .build();
    assertThat(CloudEventCodec.decode(command, JsonNode.class).get("orderId").asText())
        .isEqualTo("o-1");
  }

  @Test
  void an_event_without_data_is_a_poison_record() {
    CloudEvent empty = event("evt-4", "gov.hotline.workorder.audited.v1").build();
    assertThatThrownBy(() -> CloudEventCodec.decode(empty, WorkOrderAudited.class))
        .isInstanceOf(UnreadableEventException.class)
        .hasMessageContaining("has no data");
  }

  @Test
  void a_known_type_with_unreadable_data_is_a_poison_record() {
    CloudEvent broken =
        event("evt-3", "gov.hotline.workorder.audited.v1")
            .withData("{\"attempt\":\"many\"}".getBytes(StandardCharsets.UTF_8))
            .build();
    assertThatThrownBy(() -> CloudEventCodec.decode(broken, WorkOrderAudited.class))
        .isInstanceOf(UnreadableEventException.class)
        .hasMessageContaining("evt-3");
  }

  private static CloudEventBuilder event(String id, String type) {
    return CloudEventBuilder.v1()
        .withId(id)
        .withSource(URI.create("/hotline/supervision"))
        .withType(type);
  }
}
