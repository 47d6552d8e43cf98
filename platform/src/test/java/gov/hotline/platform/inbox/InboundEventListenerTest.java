package gov.hotline.platform.inbox;

import static gov.hotline.platform.inbox.Records.OTHER_SOURCE;
import static gov.hotline.platform.inbox.Records.audited;
import static gov.hotline.platform.inbox.Records.consumed;
import static gov.hotline.platform.inbox.Records.event;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import gov.hotline.contract.EventType;
import gov.hotline.contract.Topics;
import gov.hotline.contract.workorder.WorkOrderAudited;
import gov.hotline.platform.Infrastructure;
import gov.hotline.platform.metrics.EventHops;
import gov.hotline.platform.relay.UnreadableEventException;
import io.cloudevents.CloudEvent;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.kafka.listener.BatchListenerFailedException;

/** The listener driven record by record, with a real inbox in an in-memory Mongo server. */
class InboundEventListenerTest {
  private static final String OWN_SOURCE = "/hotline/supervision";
  private static final String UNIT_RESULTS = "unit.results";
  private static final String RESULT_SUBMITTED = "gov.unit.result.submitted.v1";

  /** Audited, read as a JSON tree instead of its record. */
  private static final InboundType AUDITED_AS_JSON =
      new InboundType(
          Topics.WORKORDER_LIFECYCLE, EventType.WORKORDER_AUDITED.ceType(), JsonNode.class);

  private final MongoClient client = MongoClients.create(Infrastructure.mongo().connectionString());
  private final InboxStore inbox =
      new InboxStore(new MongoTemplate(client, "listener-" + UUID.randomUUID()), Clock.systemUTC());
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

  @AfterEach
  void close() {
    client.close();
  }

  /** Remembers what reached it; fails the next call when told to. */
  static class Recording implements InboxHandler {
    private final Set<InboundType> takes;
    private final boolean includesOwn;
    final List<InboundEvent> received = new ArrayList<>();
    RuntimeException failNext;
    String failOn; // when set, failNext is thrown only for this event id

    Recording(boolean includesOwn, Set<InboundType> takes) {
      this.takes = takes;
      this.includesOwn = includesOwn;
    }

    @Override
    public Set<InboundType> takes() {
      return takes;
    }

    @Override
    public boolean includesOwnEvents() {
      return includesOwn;
    }

    @Override
    public void handle(InboundEvent event) {
      received.add(event);
      if (failNext != null && (failOn == null || failOn.equals(event.id()))) {
        RuntimeException failure = failNext;
        failNext = null;
        throw failure;
      }
    }
  }

  private InboundEventListener listener(InboxHandler... handlers) {
    return new InboundEventListener(List.of(handlers), inbox, registry, OWN_SOURCE);
  }

  private double count(String outcome, String type) {
    var counter =
        registry.find("hotline.inbox.events").tags("outcome", outcome, "type", type).counter();
    return counter == null ? 0 : counter.count();
  }

  private long consumedTimed(String type) {
    var timer = registry.find(EventHops.CONSUMED).tag("type", type).timer();
    return timer == null ? 0 : timer.count();
  }

  @Test
  void an_event_reaches_every_handler_that_takes_its_type_each_read_into_the_class_it_asked_for() {
    Recording reviews = new Recording(false, Set.of(InboundType.of(EventType.WORKORDER_AUDITED)));
    Recording trail = new Recording(false, Set.of(AUDITED_AS_JSON));
    Recording intake = new Recording(false, Set.of(InboundType.of(EventType.WORKORDER_RECEIVED)));
    Recording articles = new Recording(false, Set.of(InboundType.of(EventType.ARTICLE_PUBLISHED)));
    WorkOrderAudited payload = audited();
    CloudEvent event = event(OTHER_SOURCE, payload);
    ConsumerRecord<String, byte[]> record = consumed(Topics.WORKORDER_LIFECYCLE, event);

    listener(reviews, trail, intake, articles).onMessage(poll(record));

    assertThat(reviews.received).hasSize(1);
    InboundEvent received = reviews.received.get(0);
    assertThat(received.payload(WorkOrderAudited.class)).isEqualTo(payload);
    assertThat(received.eventType()).contains(EventType.WORKORDER_AUDITED);
    assertThat(received.id()).isEqualTo(event.getId());
    assertThat(received.source()).hasToString(OTHER_SOURCE);
    assertThat(received.type()).isEqualTo("gov.hotline.workorder.audited.v1");
    assertThat(received.subject()).isEqualTo(payload.orderId().toString());
    assertThat(received.time()).isEqualTo(event.getTime().toInstant());
    assertThat(received.data()).isEqualTo(event.getData().toBytes());
    assertThat(received.topic()).isEqualTo(Topics.WORKORDER_LIFECYCLE);
    assertThat(received.offset()).isEqualTo(record.offset());
    assertThat(trail.received)
        .singleElement()
        .satisfies(
            e -> assertThat(e.payload(JsonNode.class).get("reason").asText()).isEqualTo("整改到位"));
    assertThat(intake.received).isEmpty();
    assertThat(articles.received).isEmpty();
    assertThat(count("processed", EventType.WORKORDER_AUDITED.ceType())).isEqualTo(1);
    assertThat(inbox.seen(event.getId())).isTrue();
    assertThat(consumedTimed(EventType.WORKORDER_AUDITED.ceType())).isEqualTo(1);
  }

  @Test
  void this_services_own_events_reach_only_the_handlers_that_include_them() {
    Recording timeline = new Recording(true, Set.of(InboundType.of(EventType.WORKORDER_AUDITED)));
    Recording oversight = new Recording(false, Set.of(InboundType.of(EventType.WORKORDER_AUDITED)));

    listener(timeline, oversight)
        .onMessage(poll(consumed(Topics.WORKORDER_LIFECYCLE, event(OWN_SOURCE, audited()))));

    assertThat(timeline.received).hasSize(1);
    assertThat(oversight.received).isEmpty();
    assertThat(count("processed", EventType.WORKORDER_AUDITED.ceType())).isEqualTo(1);
    assertThat(consumedTimed(EventType.WORKORDER_AUDITED.ceType()))
        .as("every record the inbox picks up is timed, its own events too")
        .isEqualTo(1);
  }

  @Test
  void an_own_event_that_every_handler_skips_is_counted_as_own_and_not_remembered() {
    Recording oversight = new Recording(false, Set.of(InboundType.of(EventType.WORKORDER_AUDITED)));
    CloudEvent own = event(OWN_SOURCE, audited());

    listener(oversight).onMessage(poll(consumed(Topics.WORKORDER_LIFECYCLE, own)));

    assertThat(oversight.received).isEmpty();
    assertThat(count("own", EventType.WORKORDER_AUDITED.ceType())).isEqualTo(1);
    assertThat(inbox.seen(own.getId())).isFalse();
  }

  @Test
  void a_record_no_handler_takes_is_counted_as_unhandled_not_dropped_silently() {
    Recording oversight = new Recording(false, Set.of(InboundType.of(EventType.WORKORDER_AUDITED)));
    InboundEventListener listener = listener(oversight);
    String future = "gov.hotline.workorder.audited.v2";
    CloudEvent newer = event(OTHER_SOURCE, future, "o-1", "{}");
    CloudEvent notTaken =
        event(OTHER_SOURCE, EventType.WORKORDER_RECEIVED.ceType(), "o-1", "{\"x\":1}");

    listener.onMessage(poll(consumed(Topics.WORKORDER_LIFECYCLE, newer)));
    listener.onMessage(poll(consumed(Topics.WORKORDER_LIFECYCLE, notTaken)));
    // the right type on a topic the handler does not take it from
    listener.onMessage(poll(consumed(Topics.KNOWLEDGE_ARTICLE, event(OTHER_SOURCE, audited()))));

    assertThat(oversight.received).isEmpty();
    assertThat(count("unhandled", future)).isEqualTo(1);
    assertThat(count("unhandled", EventType.WORKORDER_RECEIVED.ceType())).isEqualTo(1);
    assertThat(count("unhandled", EventType.WORKORDER_AUDITED.ceType())).isEqualTo(1);
    assertThat(inbox.seen(newer.getId())).isFalse();
  }

  @Test
  void the_same_id_delivered_twice_is_remembered_once_and_counted_as_a_duplicate() {
    Recording oversight = new Recording(false, Set.of(InboundType.of(EventType.WORKORDER_AUDITED)));
    InboundEventListener listener = listener(oversight);
    CloudEvent event = event(OTHER_SOURCE, audited());

    listener.onMessage(poll(consumed(Topics.WORKORDER_LIFECYCLE, event)));
    listener.onMessage(poll(consumed(Topics.WORKORDER_LIFECYCLE, event)));

    // handlers are idempotent: the redelivery reaches them again and changes nothing there
    assertThat(oversight.received).hasSize(2);
    assertThat(oversight.received.get(1).id()).isEqualTo(oversight.received.get(0).id());
    assertThat(inbox.seen(event.getId())).isTrue();
    assertThat(count("processed", EventType.WORKORDER_AUDITED.ceType())).isEqualTo(1);
    assertThat(count("duplicate", EventType.WORKORDER_AUDITED.ceType())).isEqualTo(1);
  }

  @Test
  void the_id_is_remembered_only_after_all_handlers_succeeded() {
    Recording timeline = new Recording(false, Set.of(InboundType.of(EventType.WORKORDER_AUDITED)));
    Recording oversight = new Recording(false, Set.of(InboundType.of(EventType.WORKORDER_AUDITED)));
    oversight.failNext = new IllegalStateException("command bus busy");
    InboundEventListener listener = listener(timeline, oversight);
    CloudEvent event = event(OTHER_SOURCE, audited());

    assertThatThrownBy(() -> listener.onMessage(poll(consumed(Topics.WORKORDER_LIFECYCLE, event))))
        .isInstanceOf(BatchListenerFailedException.class)
        .hasRootCauseMessage("command bus busy");
    assertThat(inbox.seen(event.getId())).isFalse();

    // the container's retry delivers it again: every handler runs again (they are idempotent)
    listener.onMessage(poll(consumed(Topics.WORKORDER_LIFECYCLE, event)));
    assertThat(timeline.received).hasSize(2);
    assertThat(oversight.received).hasSize(2);
    assertThat(inbox.seen(event.getId())).isTrue();
  }

  @Test
  void
      a_poll_is_remembered_with_one_insert_and_a_failing_record_is_named_after_the_ones_before_it_are_remembered() {
    Recording oversight = new Recording(false, Set.of(InboundType.of(EventType.WORKORDER_AUDITED)));
    InboundEventListener listener = listener(oversight);
    CloudEvent first = event(OTHER_SOURCE, audited());
    CloudEvent second = event(OTHER_SOURCE, audited());
    CloudEvent third = event(OTHER_SOURCE, audited());

    listener.onMessage(
        List.of(
            consumed(Topics.WORKORDER_LIFECYCLE, first),
            consumed(Topics.WORKORDER_LIFECYCLE, second)));
    assertThat(inbox.seen(first.getId())).isTrue();
    assertThat(inbox.seen(second.getId())).isTrue();

    oversight.failNext = new IllegalStateException("command bus busy");
    oversight.failOn = null;
    // a redelivered poll: the first two again, then one that fails
    List<ConsumerRecord<String, byte[]>> redelivered =
        List.of(
            consumed(Topics.WORKORDER_LIFECYCLE, first),
            consumed(Topics.WORKORDER_LIFECYCLE, third));
    oversight.failOn = third.getId();

    assertThatThrownBy(() -> listener.onMessage(redelivered))
        .isInstanceOfSatisfying(
            BatchListenerFailedException.class, e -> assertThat(e.getIndex()).isEqualTo(1));
    assertThat(inbox.seen(third.getId())).isFalse();
    assertThat(count("processed", EventType.WORKORDER_AUDITED.ceType())).isEqualTo(2);
    assertThat(count("duplicate", EventType.WORKORDER_AUDITED.ceType())).isEqualTo(1);
  }

  @Test
  void a_record_that_is_not_a_cloud_event_is_a_poison_record() {
    InboundEventListener listener =
        listener(new Recording(false, Set.of(InboundType.of(EventType.WORKORDER_AUDITED))));

    assertThatThrownBy(
            () -> listener.onMessage(poll(Records.plain(Topics.WORKORDER_LIFECYCLE, "{not json"))))
        .isInstanceOf(BatchListenerFailedException.class)
        .cause()
        .isInstanceOf(UnreadableEventException.class)
        .hasMessageContaining("is not a CloudEvent");
  }

  @Test
  void data_that_does_not_fit_the_type_is_a_poison_record_and_reaches_no_handler() {
    Recording lenient = new Recording(false, Set.of(AUDITED_AS_JSON));
    Recording strict = new Recording(false, Set.of(InboundType.of(EventType.WORKORDER_AUDITED)));
    CloudEvent broken =
        event(OTHER_SOURCE, EventType.WORKORDER_AUDITED.ceType(), "o-1", "{\"attempt\":\"many\"}");

    assertThatThrownBy(
            () ->
                listener(lenient, strict)
                    .onMessage(poll(consumed(Topics.WORKORDER_LIFECYCLE, broken))))
        .isInstanceOf(BatchListenerFailedException.class)
        .cause()
        .isInstanceOf(UnreadableEventException.class)
        .hasMessageContaining("is unreadable");
    assertThat(lenient.received).isEmpty();
    assertThat(strict.received).isEmpty();
  }

  @Test
  void a_command_on_an_inbound_topic_is_routed_like_an_event() {
    Recording results =
        new Recording(
            false, Set.of(InboundType.command(UNIT_RESULTS, RESULT_SUBMITTED, JsonNode.class)));
    CloudEvent command =
        event("/unit/340602-001", RESULT_SUBMITTED, "o-1", "{\"orderId\":\"o-1\"}");

    listener(results).onMessage(poll(consumed(UNIT_RESULTS, command)));

    assertThat(results.received)
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.eventType()).isEmpty();
              assertThat(e.payload(JsonNode.class).get("orderId").asText()).isEqualTo("o-1");
            });
    assertThat(count("processed", RESULT_SUBMITTED)).isEqualTo(1);
  }

  @Test
  void the_topics_to_read_are_those_the_handlers_take() {
    InboundEventListener listener =
        listener(
            new Recording(false, Set.of(InboundType.of(EventType.WORKORDER_AUDITED))),
            new Recording(
                true, Set.of(InboundType.command(UNIT_RESULTS, RESULT_SUBMITTED, JsonNode.class))),
            new Recording(false, Set.of(InboundType.of(EventType.WORKORDER_RECEIVED))));

    assertThat(listener.topics()).containsExactly(Topics.WORKORDER_LIFECYCLE, UNIT_RESULTS);
  }

  private static java.util.List<org.apache.kafka.clients.consumer.ConsumerRecord<String, byte[]>>
      poll(org.apache.kafka.clients.consumer.ConsumerRecord<String, byte[]> record) {
    return java.util.List.of(record);
  }
}
