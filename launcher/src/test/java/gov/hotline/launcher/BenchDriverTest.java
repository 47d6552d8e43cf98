package gov.hotline.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpExchange;
import gov.hotline.api.client.HotlineClient;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The driver against a stand-in for the services that "publishes" each step's event by handing it
 * to the driver as its topic reader would: sometimes before the command is answered, and a dispatch
 * sent before dispatch has "consumed" the order is answered 404 once.
 */
class BenchDriverTest {
  private StandIn services;
  private BenchDriver driver;
  private final AtomicLong offset = new AtomicLong();
  private final AtomicInteger opened = new AtomicInteger();
  private final Map<String, AtomicInteger> dispatchTries = new ConcurrentHashMap<>();

  @BeforeEach
  void start() throws IOException {
    services = StandIn.serving(this::handle);
    driver =
        new BenchDriver(
            List.of(HotlineClient.Endpoints.all(services.base())),
            null,
            "340602-001",
            "test",
            true,
            4,
            4);
  }

  @AfterEach
  void stop() throws InterruptedException {
    driver.close();
    services.close();
  }

  private void handle(HttpExchange exchange) throws IOException {
    String path = exchange.getRequestURI().getPath();
    exchange.getRequestBody().readAllBytes();
    if (path.equals("/orders")) {
      String id = UUID.randomUUID().toString();
      boolean early = opened.incrementAndGet() % 2 == 0;
      if (early) { // on the topic before the answer reaches the bench
        publish(id, BenchStep.OPEN);
      }
      answer(
          exchange,
          201,
          "{\"orderId\":\"%s\",\"orderNumber\":\"2026%s\",\"state\":\"RECEIVED\"}"
              .formatted(id, opened.get()));
      if (!early) {
        publish(id, BenchStep.OPEN);
      }
      return;
    }
    String[] parts = path.split("/"); // "", "orders", id, command
    String id = parts[2];
    BenchStep step =
        switch (parts[3]) {
          case "dispatch" -> BenchStep.DISPATCH;
          case "result" -> BenchStep.HANDLE;
          case "review" -> BenchStep.REVIEW;
          default -> BenchStep.CALLBACK;
        };
    if (step == BenchStep.DISPATCH
        && dispatchTries.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet() == 1) {
      answer(exchange, 404, "{\"status\":404,\"title\":\"Not Found\"}");
      return;
    }
    answer(exchange, 200, "{\"orderId\":\"%s\",\"state\":\"%s\"}".formatted(id, step.state));
    publish(id, step);
  }

  private void publish(String orderId, BenchStep step) {
    driver.onRecord(orderId, step.ceType, 0, offset.getAndIncrement(), System.nanoTime());
  }

  private static void answer(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
    exchange.close();
  }

  @Test
  void lifecycles_go_through_every_step_when_each_event_is_on_the_topic() throws Exception {
    driver.openWindow(System.nanoTime());
    for (int k = 1; k <= 6; k++) {
      assertThat(driver.startWhenFree(k, 5_000)).isTrue();
    }

    await().atMost(Duration.ofSeconds(20)).until(() -> driver.counts().completed() == 6);
    driver.closeWindow(System.nanoTime());

    BenchDriver.Counts counts = driver.counts();
    assertThat(counts.failed()).isZero();
    assertThat(counts.completedInWindow()).isEqualTo(6);
    assertThat(counts.eventsInWindow()).isEqualTo(30);
    assertThat(driver.errors()).isEmpty();
    assertThat(driver.retries()).containsEntry("dispatch: 404 not yet", 6L);
    assertThat(driver.measuredInFlight()).isZero();
    assertThat(driver.lifecycleLatency().count()).isEqualTo(6);
    List<BenchReport.StepLatency> steps = driver.stepLatencies();
    assertThat(steps)
        .extracting(BenchReport.StepLatency::step)
        .containsExactly("open", "dispatch", "handle", "review", "callback");
    assertThat(steps).allSatisfy(s -> assertThat(s.onTopic().count()).isEqualTo(6));
  }

  @Test
  void a_lifecycle_started_before_the_window_is_not_measured_but_its_completion_in_it_counts()
      throws Exception {
    assertThat(driver.startWhenFree(1, 5_000)).isTrue();
    driver.openWindow(System.nanoTime());

    await().atMost(Duration.ofSeconds(20)).until(() -> driver.counts().completed() == 1);

    assertThat(driver.counts().completedInWindow()).isEqualTo(1);
    assertThat(driver.counts().startedInWindow()).isZero();
    assertThat(driver.lifecycleLatency().count()).isZero();
  }

  @Test
  void an_open_loop_over_its_in_flight_cap_drops_arrivals_and_counts_them() throws Exception {
    BenchDriver capped =
        new BenchDriver(
            List.of(HotlineClient.Endpoints.all(URI.create("http://127.0.0.1:9"))),
            null,
            "340602-001",
            "test",
            false,
            1,
            1);
    try {
      assertThat(capped.start(1, System.nanoTime())).isTrue();
      assertThat(capped.start(2, System.nanoTime())).isFalse();
      assertThat(capped.counts().dropped()).isEqualTo(1);
    } finally {
      capped.close();
    }
  }
}
