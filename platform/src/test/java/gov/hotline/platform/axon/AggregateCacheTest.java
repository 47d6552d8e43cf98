package gov.hotline.platform.axon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import gov.hotline.platform.axon.AxonMongoConfiguration.AggregateCache;
import java.time.Duration;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class AggregateCacheTest {

  private static final Duration MINUTE = Duration.ofMinutes(1);

  private final AxonMongoConfiguration configuration =
      new AxonMongoConfiguration(java.time.Duration.ofSeconds(3));

  @Test
  void keeps_the_instance_it_was_given_not_a_copy() {
    try (AggregateCache cache = configuration.aggregateCache(10, MINUTE, "dispatch")) {
      Object aggregate = new Object(); // not even serializable: nothing is copied
      cache.put("order-1", aggregate);

      assertThat((Object) cache.get("order-1")).isSameAs(aggregate);
      assertThat(cache.containsKey("order-1")).isTrue();
      assertThat(cache.remove("order-1")).isTrue();
      assertThat((Object) cache.get("order-1")).isNull();
    }
  }

  @Test
  void holds_no_more_than_its_size() {
    try (AggregateCache cache = configuration.aggregateCache(100, MINUTE, "dispatch")) {
      IntStream.range(0, 1_000).forEach(i -> cache.put("order-" + i, i));

      await()
          .atMost(Duration.ofSeconds(10))
          .until(
              () ->
                  IntStream.range(0, 1_000).filter(i -> cache.containsKey("order-" + i)).count()
                      <= 100);
    }
  }

  @Test
  void two_services_in_one_jvm_have_caches_of_their_own() {
    try (AggregateCache dispatch = configuration.aggregateCache(10, MINUTE, "dispatch");
        AggregateCache supervision = configuration.aggregateCache(10, MINUTE, "dispatch")) {
      dispatch.put("order-1", "dispatch's");

      assertThat(supervision.containsKey("order-1")).isFalse();
    }
  }

  @Test
  void a_size_below_one_is_refused_naming_the_setting() {
    assertThatThrownBy(() -> configuration.aggregateCache(0, MINUTE, "dispatch"))
        .hasMessageContaining("hotline.axon.aggregate-cache-size");
  }

  @Test
  void an_aggregate_nothing_touched_for_the_idle_time_leaves_the_cache()
      throws InterruptedException {
    try (AggregateCache cache =
        configuration.aggregateCache(10, Duration.ofSeconds(1), "dispatch")) {
      cache.put("idle", "closed order");
      cache.put("busy", "order in flight");

      // touched every 50 ms against an idle time of 1 s: a busy CI machine has room to be late
      long until = System.nanoTime() + Duration.ofMillis(2_000).toNanos();
      while (System.nanoTime() < until) { // touched more often than the idle time: stays
        assertThat((Object) cache.get("busy")).isEqualTo("order in flight");
        Thread.sleep(50);
      }

      assertThat(cache.containsKey("idle")).isFalse();
      assertThat(cache.containsKey("busy")).isTrue();
    }
  }

  @Test
  void an_idle_time_that_is_not_positive_is_refused_naming_the_setting() {
    assertThatThrownBy(() -> configuration.aggregateCache(10, Duration.ZERO, "dispatch"))
        .hasMessageContaining("hotline.axon.aggregate-cache-idle");
  }
}
