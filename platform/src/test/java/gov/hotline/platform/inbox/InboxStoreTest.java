package gov.hotline.platform.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import gov.hotline.contract.Topics;
import gov.hotline.platform.Infrastructure;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.UUID;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.MongoTemplate;

/** The inbox against a Mongo wire server (mongo-java-server, in memory). */
class InboxStoreTest {
  private static final Instant NOW = Instant.parse("2026-11-24T02:00:05Z");

  private final MongoClient client = MongoClients.create(Infrastructure.mongo().connectionString());
  private final MongoTemplate mongo = new MongoTemplate(client, "inbox-" + UUID.randomUUID());
  private final InboxStore inbox = new InboxStore(mongo, Clock.fixed(NOW, ZoneOffset.UTC));

  @AfterEach
  void close() {
    client.close();
  }

  @Test
  void an_id_counts_as_seen_once_it_was_remembered() {
    InboundEvent event = event("evt-1");
    assertThat(inbox.seen("evt-1")).isFalse();

    inbox.remember(event);

    assertThat(inbox.seen("evt-1")).isTrue();
    assertThat(inbox.seen("evt-2")).isFalse();
    Document stored = mongo.getCollection(InboxStore.COLLECTION).find().first();
    assertThat(stored)
        .containsEntry("_id", "evt-1")
        .containsEntry("type", "gov.hotline.workorder.audited.v1")
        .containsEntry("topic", Topics.WORKORDER_LIFECYCLE)
        .containsEntry("offset", 42L)
        .containsEntry("processedAt", Date.from(NOW));
  }

  @Test
  void the_same_id_remembered_twice_is_kept_once() {
    inbox.remember(event("evt-1"));
    inbox.remember(event("evt-1"));

    assertThat(mongo.getCollection(InboxStore.COLLECTION).countDocuments()).isEqualTo(1);
  }

  @Test
  void remembering_no_ids_writes_nothing() {
    // a history chunk of the service's own events only: nothing to remember, not a failed insert
    assertThat(inbox.rememberAll(java.util.List.of())).isEmpty();
    assertThat(mongo.getCollection(InboxStore.COLLECTION).countDocuments()).isZero();
  }

  private static InboundEvent event(String id) {
    return new InboundEvent(
        id,
        URI.create("/hotline/intake"),
        "gov.hotline.workorder.audited.v1",
        "o-1",
        NOW,
        null,
        new byte[0],
        Topics.WORKORDER_LIFECYCLE,
        0,
        42L);
  }
}
