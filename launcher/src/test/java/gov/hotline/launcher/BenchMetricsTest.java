package gov.hotline.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import gov.hotline.launcher.BenchReport.Hop;
import gov.hotline.launcher.BenchReport.KafkaCommits;
import gov.hotline.launcher.BenchReport.Lag;
import gov.hotline.launcher.BenchReport.MongoCommands;
import gov.hotline.launcher.PrometheusText.Sample;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Two scrapes of one service, shaped like what /actuator/prometheus answers. */
class BenchMetricsTest {
  private static final String RECEIVED = "gov.hotline.workorder.received.v1";

  private static String scrape(
      int hopsAt10ms, int hopsAt100ms, double hopSum, int finds, int inserts, int commits) {
    return """
        # TYPE hotline_event_consumed_seconds histogram
        hotline_event_consumed_seconds_bucket{service="dispatch",type="%1$s",le="0.001"} 0
        hotline_event_consumed_seconds_bucket{service="dispatch",type="%1$s",le="0.01"} %2$d
        hotline_event_consumed_seconds_bucket{service="dispatch",type="%1$s",le="0.1"} %3$d
        hotline_event_consumed_seconds_bucket{service="dispatch",type="%1$s",le="+Inf"} %3$d
        hotline_event_consumed_seconds_count{service="dispatch",type="%1$s"} %3$d
        hotline_event_consumed_seconds_sum{service="dispatch",type="%1$s"} %4$s
        mongodb_driver_commands_seconds_count{collection="domainevents",command="find",service="dispatch",status="SUCCESS"} %5$d
        mongodb_driver_commands_seconds_sum{collection="domainevents",command="find",service="dispatch",status="SUCCESS"} %6$s
        mongodb_driver_commands_seconds_count{collection="domainevents",command="insert",service="dispatch",status="SUCCESS"} %7$d
        mongodb_driver_commands_seconds_sum{collection="domainevents",command="insert",service="dispatch",status="SUCCESS"} 0.5
        kafka_consumer_coordinator_commit_total{client_id="dispatch-inbox-0",service="dispatch"} %8$d
        kafka_consumer_coordinator_commit_total{client_id="dispatch-inbox-1",service="dispatch"} %8$d
        kafka_consumer_commit_sync_time_ns_total{client_id="dispatch-inbox-0",service="dispatch"} %9$d
        kafka_consumer_fetch_manager_records_lag{client_id="dispatch-inbox-0",partition="0",service="dispatch"} 3.0
        kafka_consumer_fetch_manager_records_lag{client_id="dispatch-inbox-0",partition="1",service="dispatch"} NaN
        kafka_consumer_fetch_manager_records_lag{client_id="dispatch-inbox-1",partition="2",service="dispatch"} 4.0
        kafka_consumer_fetch_manager_records_lag_max{client_id="dispatch-inbox-1",partition="2",service="dispatch"} 9.0
        eventProcessor_latency{processorName="dispatch-order-view",service="dispatch"} 48.0
        eventProcessor_latency{processorName="kafka-relay",service="dispatch"} 7.0
        jvm_memory_used_bytes{area="heap",id="Eden Space",service="dispatch"} 1048576.0
        jvm_memory_used_bytes{area="heap",id="Tenured Gen",service="dispatch"} 2097152.0
        jvm_memory_used_bytes{area="nonheap",id="Metaspace",service="dispatch"} 9.0E7
        jvm_memory_max_bytes{area="heap",id="Eden Space",service="dispatch"} 1.048576E8
        jvm_memory_max_bytes{area="nonheap",id="Metaspace",service="dispatch"} -1.0
        """
        .formatted(
            RECEIVED,
            hopsAt10ms,
            hopsAt10ms + hopsAt100ms,
            hopSum,
            finds,
            finds / 100.0,
            inserts,
            commits,
            commits * 1_000_000L);
  }

  private static Map<String, List<Sample>> dispatch(String text) {
    Map<String, List<Sample>> scrape = new LinkedHashMap<>();
    scrape.put("dispatch", PrometheusText.parse(text));
    return scrape;
  }

  /** The window starts here in every test. */
  private static final String BEFORE = scrape(5, 0, 0.02, 100, 10, 7);

  private static BenchMetrics since(String after, long lifecycles) {
    return new BenchMetrics(dispatch(BEFORE), dispatch(after), lifecycles);
  }

  private final BenchMetrics metrics = since(scrape(5, 10, 0.52, 300, 30, 17), 10);

  @Test
  void hops_come_from_the_bucket_deltas_of_each_type() {
    List<Hop> hops = metrics.hops();

    assertThat(hops).hasSize(1);
    Hop hop = hops.get(0);
    assertThat(hop.timer()).isEqualTo("hotline.event.consumed");
    assertThat(hop.service()).isEqualTo("dispatch");
    assertThat(hop.type()).isEqualTo("received");
    assertThat(hop.latency().count()).isEqualTo(10);
    assertThat(hop.latency().mean()).isCloseTo(50, within(1e-6)); // 0.5 s over 10
    assertThat(hop.latency().p50()).isCloseTo(10 + 90 * 0.5, within(1e-6));
  }

  @Test
  void mongo_commands_and_kafka_commits_are_counted_per_lifecycle() {
    List<MongoCommands> mongo = metrics.mongoCommands();

    assertThat(mongo)
        .extracting(MongoCommands::collection, MongoCommands::command, MongoCommands::count)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("domainevents", "find", 200.0),
            org.assertj.core.groups.Tuple.tuple("domainevents", "insert", 20.0));
    assertThat(mongo.get(0).perLifecycle()).isEqualTo(20);
    assertThat(mongo.get(0).msPerLifecycle()).isCloseTo(200, within(1e-6)); // 2 s over 10
    assertThat(mongo.get(1).msPerLifecycle()).isZero(); // the sum did not move

    List<KafkaCommits> commits = metrics.kafkaCommits();
    assertThat(commits).singleElement().isEqualTo(new KafkaCommits("dispatch", 20, 2, 1));
  }

  @Test
  void a_counter_that_went_down_counts_with_its_value_after_the_restart() {
    BenchMetrics restarted = since(scrape(1, 2, 0.1, 40, 4, 3), 4);

    assertThat(restarted.mongoCommands())
        .extracting(MongoCommands::count)
        .containsExactly(40.0, 4.0);
    assertThat(restarted.hops().get(0).latency().count()).isEqualTo(3);
  }

  @Test
  void lag_and_heap_are_read_at_the_end() {
    List<Lag> lag = metrics.lag(Map.of("dispatch", 12L));

    assertThat(lag)
        .singleElement()
        .isEqualTo(
            new Lag(
                "dispatch",
                12L,
                7.0,
                9.0,
                Map.of("dispatch-order-view", 48.0, "kafka-relay", 7.0)));
    assertThat(metrics.heap())
        .singleElement()
        .isEqualTo(new BenchReport.Heap("dispatch", 3.0, 100.0));
  }

  @Test
  void nothing_completed_leaves_per_lifecycle_figures_unknown() {
    BenchMetrics idle = since(scrape(5, 0, 0.02, 101, 10, 7), 0);

    assertThat(idle.mongoCommands())
        .singleElement()
        .satisfies(m -> assertThat(m.perLifecycle()).isNaN());
    assertThat(idle.hops()).isEmpty();
  }
}
