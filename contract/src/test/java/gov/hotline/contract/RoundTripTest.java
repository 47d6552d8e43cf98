package gov.hotline.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import gov.hotline.contract.workorder.WorkOrderReceived;
import java.io.InputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class RoundTripTest {

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("gov.hotline.contract.SampleEvents#all")
  void a_sample_read_back_by_its_catalogued_type_is_the_same_event(
      String label, EventType type, PublicEvent event) throws Exception {
    byte[] json = ContractJson.mapper().writeValueAsBytes(event);

    PublicEvent read = ContractJson.mapper().readValue(json, type.payloadType());

    assertThat(read).isEqualTo(event);
    assertThat(read.subject()).isEqualTo(event.subject());
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("gov.hotline.contract.SampleEvents#all")
  void a_service_mapper_configured_by_the_contract_reads_the_same_event(
      String label, EventType type, PublicEvent event) throws Exception {
    ObjectMapper serviceMapper = ContractJson.configure(new ObjectMapper());

    String json = serviceMapper.writeValueAsString(event);

    assertThat(json).isEqualTo(ContractJson.mapper().writeValueAsString(event));
    assertThat(serviceMapper.readValue(json, type.payloadType())).isEqualTo(event);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("gov.hotline.contract.SampleEvents#fullSamples")
  void the_approved_json_reads_as_the_full_sample(EventType type, PublicEvent sample)
      throws Exception {
    try (InputStream approved =
        RoundTripTest.class.getResourceAsStream("/approved/" + type.ceType() + ".json")) {
      assertThat(approved).as("approved snapshot of %s", type.ceType()).isNotNull();

      assertThat(ContractJson.mapper().readValue(approved, type.payloadType())).isEqualTo(sample);
    }
  }

  @Test
  void a_reader_of_v1_ignores_a_field_added_later() throws Exception {
    EventType type = EventType.WORKORDER_RECEIVED;
    ObjectNode json = ContractJson.mapper().valueToTree(SampleEvents.full(type));
    json.put("priorityScore", 7);
    json.withObjectProperty("caller").put("preferredLanguage", "zh");

    WorkOrderReceived read = ContractJson.mapper().treeToValue(json, WorkOrderReceived.class);

    assertThat(read).isEqualTo(SampleEvents.full(type));
  }

  @Test
  void absent_lists_read_as_empty_lists() throws Exception {
    ObjectNode json =
        ContractJson.mapper().valueToTree(SampleEvents.full(EventType.WORKORDER_RECEIVED));
    json.remove("attachments");

    WorkOrderReceived read = ContractJson.mapper().treeToValue(json, WorkOrderReceived.class);

    assertThat(read.attachments()).isEmpty();
  }
}
