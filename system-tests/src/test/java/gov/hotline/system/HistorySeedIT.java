package gov.hotline.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import gov.hotline.api.supervision.Timeline;
import gov.hotline.contract.ContractJson;
import gov.hotline.contract.Topics;
import gov.hotline.contract.workorder.OrderState;
import gov.hotline.platform.history.SyntheticHistory;
import gov.hotline.testsupport.TopicClient;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A seeded history ({@code ./hotline seed}) reads back through every service's API like orders the
 * loop ran, is on the topic once, and seeding the same range again changes nothing.
 */
class HistorySeedIT {
  private static final ObjectMapper JSON = ContractJson.mapper();
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private static final List<String> SEEDERS = List.of("intake", "dispatch", "supervision");
  private static final int FROM = 3_000_000;
  private static final int ORDERS = 60;

  private static HotlineStack stack;
  private static Loop loop;
  private static Map<String, JsonNode> firstSeed;

  @BeforeAll
  static void seed() {
    stack = HotlineStack.shared();
    loop = new Loop(stack);
    loop.closeOne(); // every tracking processor has a position past the history
    firstSeed = seedAll(FROM, ORDERS);
  }

  @Test
  void seeded_orders_read_back_through_each_service_like_looped_ones() {
    for (int index : List.of(FROM, FROM + ORDERS / 2, FROM + ORDERS - 1)) {
      SyntheticHistory.Order order = SyntheticHistory.order(index);
      UUID orderId = order.orderId();

      assertThat(loop.as(Loop.OPERATOR).intakeOrder(orderId).orderNumber())
          .isEqualTo(order.orderNumber());
      assertThat(loop.as(Loop.DISPATCHER).dispatchOrder(orderId).state())
          .isEqualTo(OrderState.CLOSED);
      assertThat(loop.as(Loop.DISPATCHER).dispatchOrder(orderId).unit().id())
          .isEqualTo(SyntheticHistory.UNIT.id());
      assertThat(loop.as(Loop.SUPERVISOR).supervisionOrder(orderId).state())
          .isEqualTo(OrderState.CLOSED);
      Timeline timeline = loop.timeline(orderId, 5);
      assertThat(Loop.steps(timeline))
          .containsExactly("RECEIVED", "DISPATCHED", "HANDLED", "AUDITED", "REVISITED");
      assertThat(timeline.events().stream().map(Timeline.Entry::eventId))
          .containsExactlyElementsOf(
              order.steps().stream().map(SyntheticHistory.Step::eventId).toList());
    }
    assertThat(firstSeed.get("intake").path("seeded").asInt()).isEqualTo(ORDERS);
    assertThat(firstSeed.get("intake").path("stored").asLong()).isEqualTo(ORDERS);
    assertThat(firstSeed.get("dispatch").path("published").asLong()).isEqualTo(2L * ORDERS);
    assertThat(firstSeed.get("supervision").path("stored").asLong()).isEqualTo(5L * ORDERS);
  }

  @Test
  void the_loop_runs_on_after_the_seed_and_no_relay_publishes_the_history_again() {
    UUID live = loop.closeOne(); // the relays and views move on past the seeded history
    loop.timeline(live, 5);

    Map<String, Long> copies = historyRecordsById();
    assertThat(copies).hasSize(5 * ORDERS);
    assertThat(copies.values()).allMatch(n -> n == 1L);
  }

  @Test
  void seeding_the_same_range_again_changes_nothing() {
    Map<String, JsonNode> again = seedAll(FROM, ORDERS);

    for (String service : SEEDERS) {
      assertThat(again.get(service).path("seeded").asInt()).as(service).isZero();
      assertThat(again.get(service).path("skipped").asInt()).as(service).isEqualTo(ORDERS);
      assertThat(again.get(service).path("published").asLong()).as(service).isZero();
    }
    assertThat(historyRecordsById()).hasSize(5 * ORDERS);
    SyntheticHistory.Order order = SyntheticHistory.order(FROM + 1);
    assertThat(loop.as(Loop.AUDITOR).timeline(order.orderId()).events()).hasSize(5);
  }

  @Test
  void a_seed_is_refused_with_the_field_named_when_the_range_is_wrong() throws Exception {
    HttpResponse<String> answer =
        post("dispatch", "/admin/history/seed", "{\"from\":-1,\"orders\":5}");
    assertThat(answer.statusCode()).isEqualTo(400);
    assertThat(JSON.readTree(answer.body()).at("/errors/0/field").asText()).isEqualTo("from");
  }

  /** Every record of the seeded range on the lifecycle topic, counted by its id. */
  private static Map<String, Long> historyRecordsById() {
    List<ConsumerRecord<String, byte[]>> records =
        stack.topics().records(Topics.WORKORDER_LIFECYCLE);
    return records.stream()
        .filter(r -> isSeeded(UUID.fromString(r.key())))
        .map(r -> TopicClient.header(r, "ce_id"))
        .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
  }

  private static boolean isSeeded(UUID orderId) {
    if (!SyntheticHistory.isHistory(orderId)) {
      return false;
    }
    long index = orderId.getLeastSignificantBits() >>> 6;
    return index >= FROM && index < FROM + ORDERS;
  }

  private static Map<String, JsonNode> seedAll(int from, int orders) {
    Map<String, JsonNode> outcomes = new java.util.LinkedHashMap<>();
    SEEDERS.forEach(s -> call(s, "/admin/history/hold", "{}"));
    String body = "{\"from\":" + from + ",\"orders\":" + orders + "}";
    SEEDERS.forEach(s -> outcomes.put(s, call(s, "/admin/history/seed", body)));
    SEEDERS.forEach(s -> call(s, "/admin/history/settle", "{}"));
    return outcomes;
  }

  private static JsonNode call(String service, String path, String body) {
    try {
      HttpResponse<String> answer = post(service, path, body);
      assertThat(answer.statusCode()).as(service + path + ": " + answer.body()).isEqualTo(200);
      return JSON.readTree(answer.body());
    } catch (IOException | InterruptedException e) {
      throw new IllegalStateException(e);
    }
  }

  private static HttpResponse<String> post(String service, String path, String body)
      throws IOException, InterruptedException {
    return HTTP.send(
        HttpRequest.newBuilder(URI.create(stack.url(service) + path))
            .timeout(Duration.ofSeconds(60))
            .header("Content-Type", "application/json")
            .header("X-Actor-Role", "SUPERVISOR")
            .header("X-Actor-Id", "ops-1")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
