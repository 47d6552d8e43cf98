package gov.hotline.system;

import static gov.hotline.testsupport.TopicClient.header;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.model.Filters;
import gov.hotline.contract.Topics;
import gov.hotline.contract.workorder.OrderState;
import gov.hotline.testsupport.PrometheusText;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/** At-least-once delivery must never show: a second copy of an event changes nothing. */
class RedeliveryIT {
  private final HotlineStack stack = HotlineStack.shared();
  private final Loop loop = new Loop(stack);

  @Test
  void an_event_delivered_twice_changes_nothing() throws Exception {
    UUID orderId = loop.closeOne();
    loop.timeline(orderId, 5);
    ConsumerRecord<String, byte[]> handled = onTopic(orderId, "gov.hotline.workorder.handled.v1");
    String handledId = header(handled, "ce_id");
    long supervisionEvents = storedEvents("supervision", orderId);
    long dispatchEvents = storedEvents("dispatch", orderId);
    double dispatchOwn = inboxEvents("dispatch", "own");
    double supervisionDuplicates = inboxEvents("supervision", "duplicate");

    // Plain redelivery: supervision sees an id it already processed; Handled is dispatch's own
    // event, which no handler of dispatch takes.
    redeliver(handled);
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                inboxEvents("dispatch", "own") > dispatchOwn
                    && inboxEvents("supervision", "duplicate") > supervisionDuplicates);

    // Redelivery after a crash between applying the event and remembering it: the inbox has
    // forgotten the id, so only the aggregate's own memory of source events protects the order.
    try (MongoClient mongo = MongoClients.create(stack.mongoUri())) {
      mongo
          .getDatabase("supervision")
          .getCollection("inbox")
          .deleteOne(Filters.eq("_id", handledId));
    }
    redeliver(handled);
    await().atMost(Duration.ofSeconds(30)).until(() -> inboxHas("supervision", handledId));

    assertThat(storedEvents("supervision", orderId)).isEqualTo(supervisionEvents);
    assertThat(storedEvents("dispatch", orderId)).isEqualTo(dispatchEvents);
    assertThat(loop.timeline(orderId, 5).events()).hasSize(5);
    assertThat(loop.as(Loop.SUPERVISOR).supervisionOrder(orderId).state())
        .isEqualTo(OrderState.CLOSED);
  }

  /**
   * An order's arrival starts each service's aggregate without looking for it in the store; a
   * forgotten redelivery of it must find the order there after all and change nothing.
   */
  @Test
  void an_arrival_delivered_again_after_a_crash_changes_nothing() throws Exception {
    UUID orderId = loop.closeOne();
    loop.timeline(orderId, 5);
    ConsumerRecord<String, byte[]> received = onTopic(orderId, "gov.hotline.workorder.received.v1");
    String receivedId = header(received, "ce_id");
    long supervisionEvents = storedEvents("supervision", orderId);
    long dispatchEvents = storedEvents("dispatch", orderId);
    try (MongoClient mongo = MongoClients.create(stack.mongoUri())) {
      for (String service : List.of("dispatch", "supervision")) {
        mongo.getDatabase(service).getCollection("inbox").deleteOne(Filters.eq("_id", receivedId));
      }
    }
    redeliver(received);
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> inboxHas("dispatch", receivedId) && inboxHas("supervision", receivedId));

    assertThat(storedEvents("supervision", orderId)).isEqualTo(supervisionEvents);
    assertThat(storedEvents("dispatch", orderId)).isEqualTo(dispatchEvents);
    assertThat(loop.as(Loop.SUPERVISOR).supervisionOrder(orderId).state())
        .isEqualTo(OrderState.CLOSED);
  }

  @Test
  void a_record_that_is_not_a_cloud_event_goes_to_each_consumers_dead_letter_topic_with_the_reason()
      throws Exception {
    String key = "poison-" + System.nanoTime();
    try (KafkaProducer<String, byte[]> producer = producer()) {
      producer
          .send(
              new ProducerRecord<>(
                  Topics.WORKORDER_LIFECYCLE, key, "{not json".getBytes(StandardCharsets.UTF_8)))
          .get();
    }
    for (String group : List.of("dispatch", "supervision")) {
      String deadLetters = Topics.deadLetter(Topics.WORKORDER_LIFECYCLE, group);
      await()
          .atMost(Duration.ofSeconds(60))
          .pollInterval(Duration.ofMillis(500))
          .untilAsserted(
              () -> {
                ConsumerRecord<String, byte[]> dead =
                    stack.topics().records(deadLetters, key).stream()
                        .findFirst()
                        // an AssertionError, so the await goes on polling until it has arrived
                        .orElseThrow(() -> new AssertionError("no dead letter in " + deadLetters));
                assertThat(header(dead, "kafka_dlt-exception-message"))
                    .contains("not a CloudEvent");
                assertThat(header(dead, "kafka_dlt-original-topic"))
                    .isEqualTo(Topics.WORKORDER_LIFECYCLE);
                assertThat(new String(dead.value(), StandardCharsets.UTF_8)).isEqualTo("{not json");
              });
    }
    // The consumers went on: the next order still travels the loop.
    loop.closeOne();
  }

  /** The order's event of a type as it stands on the lifecycle topic. */
  private ConsumerRecord<String, byte[]> onTopic(UUID orderId, String ceType) {
    return stack.topics().records(Topics.WORKORDER_LIFECYCLE, orderId.toString()).stream()
        .filter(r -> ceType.equals(header(r, "ce_type")))
        .findFirst()
        .orElseThrow();
  }

  private void redeliver(ConsumerRecord<String, byte[]> record) throws Exception {
    try (KafkaProducer<String, byte[]> producer = producer()) {
      ProducerRecord<String, byte[]> copy =
          new ProducerRecord<>(
              record.topic(), null, record.key(), record.value(), record.headers());
      producer.send(copy).get();
    }
  }

  private KafkaProducer<String, byte[]> producer() {
    return new KafkaProducer<>(
        Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers(),
            ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
            ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class));
  }

  private long storedEvents(String database, UUID orderId) {
    try (MongoClient mongo = MongoClients.create(stack.mongoUri())) {
      return mongo
          .getDatabase(database)
          .getCollection("domainevents")
          .countDocuments(Filters.eq("aggregateIdentifier", orderId.toString()));
    }
  }

  private boolean inboxHas(String database, String eventId) {
    try (MongoClient mongo = MongoClients.create(stack.mongoUri())) {
      return mongo
              .getDatabase(database)
              .getCollection("inbox")
              .countDocuments(Filters.eq("_id", eventId))
          == 1;
    }
  }

  /** The service's count of consumed events with an outcome, read from its Prometheus endpoint. */
  private double inboxEvents(String service, String outcome) throws Exception {
    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(stack.url(service) + "/actuator/prometheus"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    return PrometheusText.sum(response.body(), "hotline_inbox_events_total", "outcome", outcome);
  }
}
