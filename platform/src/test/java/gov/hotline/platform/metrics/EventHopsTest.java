package gov.hotline.platform.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class EventHopsTest {
  private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");
  private static final String RECEIVED = "gov.hotline.workorder.received.v1";
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final EventHops hops =
      EventHops.consumed(registry).withClock(Clock.fixed(NOW, ZoneOffset.UTC));

  @Test
  void times_from_the_event_time_to_now_per_type() {
    hops.record(RECEIVED, NOW.minusMillis(250));
    hops.record("gov.hotline.workorder.handled.v1", NOW.minusMillis(40));

    Timer received = registry.get(EventHops.CONSUMED).tag("type", RECEIVED).timer();
    assertThat(received.count()).isEqualTo(1);
    assertThat(received.totalTime(TimeUnit.MILLISECONDS)).isEqualTo(250);
    assertThat(registry.get(EventHops.CONSUMED).timers()).hasSize(2);
  }

  @Test
  void an_event_time_after_now_counts_as_zero_and_a_missing_one_is_not_counted() {
    hops.record(RECEIVED, NOW.plusMillis(3));
    hops.record(RECEIVED, null);

    Timer timer = registry.get(EventHops.CONSUMED).tag("type", RECEIVED).timer();
    assertThat(timer.count()).isEqualTo(1);
    assertThat(timer.totalTime(TimeUnit.MILLISECONDS)).isZero();
  }

  @Test
  void publishes_prometheus_histogram_buckets_from_a_millisecond_to_two_minutes() {
    PrometheusMeterRegistry prometheus = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    EventHops.applied(prometheus)
        .withClock(Clock.fixed(NOW, ZoneOffset.UTC))
        .record(RECEIVED, NOW.minusSeconds(1));

    String scraped = prometheus.scrape();
    assertThat(scraped)
        .contains("hotline_event_applied_seconds_bucket{type=\"" + RECEIVED + "\",le=\"0.001\"} 0")
        .contains("hotline_event_applied_seconds_bucket{type=\"" + RECEIVED + "\",le=\"+Inf\"} 1")
        .contains("hotline_event_applied_seconds_count{type=\"" + RECEIVED + "\"} 1");
    assertThat(scraped).containsPattern("le=\"1(2[0-9]|[3-9][0-9])\\.[0-9]+\"");
  }
}
