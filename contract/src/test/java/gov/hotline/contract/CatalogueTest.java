package gov.hotline.contract;

import static org.assertj.core.api.Assertions.assertThat;

import gov.hotline.contract.knowledge.ArticleEvent;
import gov.hotline.contract.workorder.OrderState;
import gov.hotline.contract.workorder.RevisitOutcome;
import gov.hotline.contract.workorder.WorkOrderAudited;
import gov.hotline.contract.workorder.WorkOrderEvent;
import gov.hotline.contract.workorder.WorkOrderReceived;
import gov.hotline.contract.workorder.WorkOrderRevisited;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

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

  /** The rows of the state table in EVENTS.md that have a prior state. */
  static Stream<Arguments> stateTable() {
    return Stream.of(
        Arguments.of(OrderState.RECEIVED, "Dispatched", dispatched(), OrderState.DISPATCHED),
        Arguments.of(OrderState.RETURNED, "Dispatched", dispatched(), OrderState.DISPATCHED),
        Arguments.of(OrderState.REOPENED, "Dispatched", dispatched(), OrderState.DISPATCHED),
        // DISPATCHED --Returned--> RETURNED: `Returned` is not in the catalogue yet
        Arguments.of(OrderState.DISPATCHED, "Handled", handled(), OrderState.HANDLED),
        Arguments.of(
            OrderState.HANDLED, "Audited APPROVED", approved(), OrderState.AWAITING_CALLBACK),
        Arguments.of(OrderState.HANDLED, "Audited REJECTED", rejected(), OrderState.DISPATCHED),
        Arguments.of(
            OrderState.AWAITING_CALLBACK, "Revisited CLOSED", revisitedClosed(), OrderState.CLOSED),
        Arguments.of(
            OrderState.AWAITING_CALLBACK,
            "Revisited CLOSED_UNREACHABLE",
            revisitedUnreachable(),
            OrderState.CLOSED),
        Arguments.of(
            OrderState.AWAITING_CALLBACK,
            "Revisited REOPENED",
            revisitedReopened(),
            OrderState.REOPENED));
  }

  @ParameterizedTest(name = "{0} --{1}--> {3}")
  @MethodSource("stateTable")
  void the_state_after_an_event_follows_the_table(
      OrderState from, String label, WorkOrderEvent event, OrderState to) {
    assertThat(from.after(event)).isEqualTo(to);
  }

  @ParameterizedTest(name = "— --Received--> RECEIVED or CLOSED (checked from {0})")
  @EnumSource(OrderState.class)
  void received_starts_an_order_or_closes_it_at_once_with_a_direct_answer(OrderState any) {
    // the table's "—": Received has no prior state, and after() has no way to say "none"
    assertThat(any.after(receivedWorkOrder())).isEqualTo(OrderState.RECEIVED);
    assertThat(any.after(receivedDirectAnswer())).isEqualTo(OrderState.CLOSED);
  }

  @Test
  void a_failed_review_or_a_reopening_starts_the_next_attempt_and_nothing_else_does() {
    assertThat(OrderState.attemptAfter(rejected())).isEqualTo(rejected().attempt() + 1);
    assertThat(OrderState.attemptAfter(revisitedReopened()))
        .isEqualTo(revisitedReopened().attempt() + 1);
    for (WorkOrderEvent same :
        List.of(
            receivedWorkOrder(),
            dispatched(),
            handled(),
            approved(),
            revisitedClosed(),
            revisitedUnreachable())) {
      assertThat(OrderState.attemptAfter(same)).as(same.toString()).isEqualTo(same.attempt());
    }
  }

  @Test
  void an_order_redone_after_review_and_reopened_after_callback_closes_only_after_the_callback() {
    List<WorkOrderEvent> journey =
        List.of(
            dispatched(),
            handled(),
            rejected(),
            dispatched(),
            handled(),
            approved(),
            revisitedReopened(),
            dispatched(),
            handled(),
            approved(),
            revisitedClosed());
    OrderState state = OrderState.RECEIVED.after(receivedWorkOrder());
    List<OrderState> states = new java.util.ArrayList<>();
    for (WorkOrderEvent event : journey) {
      state = state.after(event);
      states.add(state);
    }

    assertThat(states)
        .containsExactly(
            OrderState.DISPATCHED,
            OrderState.HANDLED,
            OrderState.DISPATCHED,
            OrderState.DISPATCHED,
            OrderState.HANDLED,
            OrderState.AWAITING_CALLBACK,
            OrderState.REOPENED,
            OrderState.DISPATCHED,
            OrderState.HANDLED,
            OrderState.AWAITING_CALLBACK,
            OrderState.CLOSED);
  }

  private static List<EventType> typesOf(Class<?> payload) {
    return Arrays.stream(EventType.values()).filter(t -> t.payloadType().equals(payload)).toList();
  }

  private static WorkOrderReceived receivedWorkOrder() {
    return (WorkOrderReceived) SampleEvents.minimal(EventType.WORKORDER_RECEIVED);
  }

  private static WorkOrderReceived receivedDirectAnswer() {
    return (WorkOrderReceived) SampleEvents.full(EventType.WORKORDER_RECEIVED);
  }

  private static WorkOrderEvent dispatched() {
    return (WorkOrderEvent) SampleEvents.full(EventType.WORKORDER_DISPATCHED);
  }

  private static WorkOrderEvent handled() {
    return (WorkOrderEvent) SampleEvents.full(EventType.WORKORDER_HANDLED);
  }

  private static WorkOrderAudited approved() {
    return (WorkOrderAudited) SampleEvents.minimal(EventType.WORKORDER_AUDITED);
  }

  private static WorkOrderAudited rejected() {
    return (WorkOrderAudited) SampleEvents.full(EventType.WORKORDER_AUDITED);
  }

  private static WorkOrderRevisited revisitedClosed() {
    return (WorkOrderRevisited) SampleEvents.full(EventType.WORKORDER_REVISITED);
  }

  private static WorkOrderRevisited revisitedUnreachable() {
    return (WorkOrderRevisited) SampleEvents.minimal(EventType.WORKORDER_REVISITED);
  }

  private static WorkOrderRevisited revisitedReopened() {
    WorkOrderRevisited closed = revisitedClosed();
    return new WorkOrderRevisited(
        closed.orderId(),
        closed.orderNumber(),
        closed.occurredAt(),
        closed.actor(),
        closed.attempt(),
        true,
        1,
        gov.hotline.contract.workorder.Satisfaction.UNSATISFIED,
        false,
        closed.via(),
        RevisitOutcome.REOPENED);
  }
}
