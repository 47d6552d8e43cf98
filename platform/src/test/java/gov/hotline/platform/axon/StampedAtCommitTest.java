package gov.hotline.platform.axon;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.junit.jupiter.api.Test;

class StampedAtCommitTest {

  private static final Instant MADE = Instant.parse("2026-12-01T10:00:00Z");
  private static final Instant COMMITTED = Instant.parse("2026-12-01T10:00:02.500Z");

  @Test
  void a_unit_of_works_events_are_stored_with_the_commits_time_and_nothing_else_changed() {
    InMemoryEventStorageEngine engine = new InMemoryEventStorageEngine();
    EmbeddedEventStore store =
        StampedAtCommit.stampedBuilder()
            .clock(Clock.fixed(COMMITTED, ZoneOffset.UTC))
            .storageEngine(engine)
            .build();
    try {
      DomainEventMessage<String> first =
          new GenericDomainEventMessage<>(
              "Order", "order-1", 0, "received", Map.of("by", "op-1"), "event-1", MADE);
      DomainEventMessage<String> second =
          new GenericDomainEventMessage<>(
              "Order", "order-1", 1, "dispatched", Map.of(), "event-2", MADE.plusMillis(700));

      DefaultUnitOfWork.startAndGet(null).execute(() -> store.publish(first, second));

      List<DomainEventMessage<?>> stored =
          store.readEvents("order-1").asStream().collect(Collectors.toList());
      assertThat(stored).hasSize(2);
      assertThat(stored).extracting(EventMessage::getTimestamp).containsOnly(COMMITTED);
      assertThat(stored)
          .extracting(EventMessage::getIdentifier)
          .containsExactly("event-1", "event-2");
      assertThat(stored).extracting(DomainEventMessage::getSequenceNumber).containsExactly(0L, 1L);
      assertThat(stored.stream().map(e -> (Object) e.getPayload()).toList())
          .containsExactly("received", "dispatched");
      assertThat(stored.get(0).getMetaData()).containsEntry("by", "op-1");
      assertThat(stored.get(0).getType()).isEqualTo("Order");
      assertThat(stored.get(0).getAggregateIdentifier()).isEqualTo("order-1");

      List<? extends TrackedEventMessage<?>> tracked =
          engine.readEvents(null, false).collect(Collectors.toList());
      assertThat(tracked).extracting(EventMessage::getTimestamp).containsOnly(COMMITTED);
    } finally {
      store.shutDown();
    }
  }

  @Test
  void an_insert_that_ends_beyond_the_look_back_window_is_counted() {
    java.util.Deque<Instant> times =
        new java.util.ArrayDeque<>(
            List.of(MADE, MADE.plusMillis(500), MADE.plusSeconds(10), MADE.plusSeconds(14)));
    Clock stepping =
        new Clock() {
          @Override
          public Instant instant() {
            return times.poll();
          }

          @Override
          public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
          }

          @Override
          public Clock withZone(java.time.ZoneId zone) {
            return this;
          }
        };
    io.micrometer.core.instrument.simple.SimpleMeterRegistry registry =
        new io.micrometer.core.instrument.simple.SimpleMeterRegistry();
    EmbeddedEventStore store =
        StampedAtCommit.stampedBuilder()
            .clock(stepping)
            .reportLateInserts(java.time.Duration.ofSeconds(3), registry)
            .storageEngine(new InMemoryEventStorageEngine())
            .build();
    try {
      // stamped at MADE, stored 0.5 s later: in time
      DefaultUnitOfWork.startAndGet(null)
          .execute(() -> store.publish(new GenericEventMessage<>("in time")));
      assertThat(registry.counter(StampedAtCommit.LATE_INSERTS).count()).isZero();
      // stamped at +10 s, stored at +14 s: beyond the 3 s window
      DefaultUnitOfWork.startAndGet(null)
          .execute(
              () ->
                  store.publish(
                      new GenericEventMessage<>("late 1"), new GenericEventMessage<>("late 2")));
      assertThat(registry.counter(StampedAtCommit.LATE_INSERTS).count()).isEqualTo(2.0);
    } finally {
      store.shutDown();
    }
  }

  @Test
  void an_event_outside_an_aggregate_keeps_its_identity_too() {
    EventMessage<String> made =
        new GenericEventMessage<>("event-9", "notice", Map.of("k", "v"), MADE);
    List<EventMessage<?>> stamped = StampedAtCommit.stamped(List.of(made), COMMITTED);
    assertThat(stamped)
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.getTimestamp()).isEqualTo(COMMITTED);
              assertThat(e.getIdentifier()).isEqualTo("event-9");
              assertThat(e.getPayload()).isEqualTo("notice");
              assertThat(e.getMetaData()).containsEntry("k", "v");
            });
  }
}
