package gov.hotline.supervision.timeline;

import static gov.hotline.testsupport.OrderSteps.COMMUNITY;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import gov.hotline.contract.ContractJson;
import gov.hotline.contract.EventType;
import gov.hotline.contract.Topics;
import gov.hotline.contract.workorder.WorkOrderEvent;
import gov.hotline.platform.inbox.InboundEvent;
import gov.hotline.testsupport.EmbeddedMongo;
import gov.hotline.testsupport.OrderSteps;
import java.io.IOException;
import java.net.URI;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The audit trail as supervision records it from the topic: one entry per {@code ce_id}, in the
 * order the partition holds them, each with the data exactly as it was published.
 */
class TimelineStoreTest {
  @RegisterExtension static final EmbeddedMongo mongo = new EmbeddedMongo();

  private static final Instant T0 = Instant.parse("2026-12-01T01:00:00Z");
  private static final Instant RECORDED_AT = Instant.parse("2026-12-01T09:00:00Z");

  private TimelineStore store;
  private OrderSteps order;

  @BeforeEach
  void freshStore() {
    store = new TimelineStore(mongo.template("supervision-" + UUID.randomUUID()));
    order = OrderSteps.of(UUID.randomUUID(), "20261201000009", T0);
  }

  @Test
  void the_same_event_recorded_twice_is_one_entry() {
    InboundEvent received = inbound(order.received(), "ce-1", 0, 40);

    assertThat(store.recordAll(List.of(entry(received, RECORDED_AT)))).isEqualTo(1);
    assertThat(store.recordAll(List.of(entry(received, RECORDED_AT.plusSeconds(5))))).isZero();

    List<Document> entries = store.entries(order.orderId());
    assertThat(entries).extracting(e -> e.getString("_id")).containsExactly("ce-1");
    assertThat(entries.get(0).getDate("recordedAt")).isEqualTo(Date.from(RECORDED_AT));
  }

  @Test
  void entries_come_back_in_the_order_of_their_partition_and_offset() {
    InboundEvent received = inbound(order.received(), "ce-received", 2, 10);
    InboundEvent dispatched = inbound(order.dispatched(COMMUNITY), "ce-dispatched", 2, 11);
    InboundEvent handled = inbound(order.handled(), "ce-handled", 2, 12);
    OrderSteps other = OrderSteps.of(UUID.randomUUID(), "20261201000010", T0);
    InboundEvent otherReceived = inbound(other.received(), "ce-other", 2, 9);

    // recorded out of order, as two consumer threads or a redelivery may record them
    record(handled, received, otherReceived, dispatched);

    assertThat(store.entries(order.orderId()))
        .extracting(e -> e.getString("_id"))
        .containsExactly("ce-received", "ce-dispatched", "ce-handled");
    assertThat(store.entries(order.orderId()))
        .extracting(e -> e.getString("step"))
        .containsExactly("RECEIVED", "DISPATCHED", "HANDLED");
  }

  @Test
  void an_entry_holds_the_published_json_as_it_stood() throws IOException {
    order.received();
    // a newer intake's optional member this reader's contract does not know yet
    ObjectNode published = ContractJson.mapper().valueToTree(order.events().get(0));
    published.putObject("channelDetail").put("line", "12345-2").put("queueSeconds", 42);
    InboundEvent received =
        inbound(
            order.events().get(0),
            "ce-1",
            0,
            0,
            ContractJson.mapper().writeValueAsBytes(published));

    store.recordAll(List.of(entry(received, RECORDED_AT)));

    Document entry = store.entries(order.orderId()).get(0);
    JsonNode stored = ContractJson.mapper().readTree(entry.get("data", Document.class).toJson());
    assertThat(stored).isEqualTo(published);
    assertThat(entry.getString("type")).isEqualTo(EventType.WORKORDER_RECEIVED.ceType());
    assertThat(entry.getString("service")).isEqualTo("/hotline/intake");
    assertThat(entry.getString("orderNumber")).isEqualTo("20261201000009");
    assertThat(entry.getDate("occurredAt")).isEqualTo(Date.from(T0));
    assertThat(entry.get("actor", Document.class))
        .isEqualTo(new Document("role", "OPERATOR").append("userId", "op-1"));
  }

  private void record(InboundEvent... events) {
    for (InboundEvent event : events) {
      store.recordAll(List.of(entry(event, RECORDED_AT)));
    }
  }

  private static Document entry(InboundEvent event, java.time.Instant recordedAt) {
    return TimelineStore.entry(event, (WorkOrderEvent) event.payload(), recordedAt);
  }

  private static InboundEvent inbound(
      WorkOrderEvent step, String eventId, int partition, long offset) {
    try {
      return inbound(
          step, eventId, partition, offset, ContractJson.mapper().writeValueAsBytes(step));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The step as the inbox hands it over after reading it at {@code partition}@{@code offset}. */
  private static InboundEvent inbound(
      WorkOrderEvent step, String eventId, int partition, long offset, byte[] data) {
    EventType type = EventType.ofPayload(step.getClass()).orElseThrow();
    String source = type == EventType.WORKORDER_RECEIVED ? "/hotline/intake" : "/hotline/dispatch";
    return new InboundEvent(
        eventId,
        URI.create(source),
        type.ceType(),
        step.subject(),
        step.occurredAt(),
        step,
        data,
        Topics.WORKORDER_LIFECYCLE,
        partition,
        offset);
  }
}
