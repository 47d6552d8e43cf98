package gov.hotline.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import gov.hotline.api.client.HotlineClient;
import gov.hotline.api.client.RetryPolicy;
import gov.hotline.api.intake.OpenOrderRequest;
import gov.hotline.api.supervision.Timeline;
import gov.hotline.contract.workorder.Channel;
import gov.hotline.contract.workorder.DemandType;
import gov.hotline.contract.workorder.OrderState;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/**
 * What the {@code kill -9} tests ({@link KillNineIT}, {@link OneJvmIT}) share: a client that rides
 * through restarts, the demo running in the background meanwhile, the operator's demands, and the
 * check that every acknowledged order reached each view.
 */
final class KillDrill {
  private KillDrill() {}

  /** A client that tries again through every restart: no answer and 5xx, for up to 4 minutes. */
  static HotlineClient patientClient(StackConfig config) {
    return HotlineClient.builder(config.endpoints())
        .retry(RetryPolicy.within(Duration.ofSeconds(240)))
        .requestTimeout(Duration.ofSeconds(15))
        .connectTimeout(Duration.ofSeconds(2))
        .build();
  }

  /** {@code ./hotline demo orders}, on another thread; its exit code, its report in {@code out}. */
  static CompletableFuture<Integer> demoInBackground(
      StackConfig config, ByteArrayOutputStream out, LifecycleTopic topic, int orders) {
    return CompletableFuture.supplyAsync(
        () -> {
          try {
            return new Demo(
                    config,
                    new PrintStream(out, true, StandardCharsets.UTF_8),
                    topic,
                    new Demo.Patience(
                        Duration.ofSeconds(240), Duration.ofSeconds(15), Duration.ofSeconds(60)))
                .run(orders);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
          }
        });
  }

  /** An operator's demand number {@code i}, titled {@code title + i}, from its own phone number. */
  static OpenOrderRequest demand(String title, String phonePrefix, int i) {
    return new OpenOrderRequest(
        Channel.PHONE,
        DemandType.HELP,
        new OpenOrderRequest.CategoryRequest("WATER.OUTAGE", List.of("供水")),
        null,
        title + i,
        "小区停水",
        new OpenOrderRequest.LocationRequest("人民路" + i + "号", "340602", null, null),
        new OpenOrderRequest.CallerRequest(
            String.format("%s%04d", phonePrefix, i % 10_000), null, false, false),
        null);
  }

  /** Each order reached supervision's timeline and both views, received once. */
  static void awaitReceivedInEveryView(HotlineClient reader, List<UUID> orders) {
    for (UUID orderId : orders) {
      await("views of " + orderId)
          .atMost(Duration.ofMinutes(3))
          .ignoreExceptions()
          .untilAsserted(
              () -> {
                Timeline timeline = reader.timeline(orderId);
                assertThat(timeline.events())
                    .extracting(Timeline.Entry::step)
                    .containsExactly("RECEIVED");
                assertThat(reader.dispatchOrder(orderId).state()).isEqualTo(OrderState.RECEIVED);
                assertThat(reader.supervisionOrder(orderId).state()).isEqualTo(OrderState.RECEIVED);
              });
    }
  }
}
