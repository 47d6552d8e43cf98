package gov.hotline.launcher;

import gov.hotline.launcher.BenchReport.Heap;
import gov.hotline.launcher.BenchReport.Hop;
import gov.hotline.launcher.BenchReport.KafkaCommits;
import gov.hotline.launcher.BenchReport.Lag;
import gov.hotline.launcher.BenchReport.MongoCommands;
import gov.hotline.launcher.PrometheusText.Sample;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * The services' own figures over the measured window, from two scrapes of each one's {@code
 * /actuator/prometheus} (service → samples): deltas of counters and histogram buckets per
 * lifecycle, and gauges as they stood at the end. A counter that went down means its service
 * restarted in the window; its value after is then taken whole (as Prometheus's {@code rate} does).
 */
final class BenchMetrics {

  /** The platform's per-hop timers, as Prometheus names them. */
  static final List<String> HOP_TIMERS =
      List.of("hotline_event_relayed", "hotline_event_consumed", "hotline_event_applied");

  static final String MONGO_COMMANDS = "mongodb_driver_commands_seconds";
  static final String KAFKA_COMMITS = "kafka_consumer_coordinator_commit_total";
  static final String KAFKA_COMMIT_SYNC_NS = "kafka_consumer_commit_sync_time_ns_total";
  static final Set<String> MONGO_WRITES = Set.of("insert", "update", "delete", "findAndModify");

  private final Map<String, List<Sample>> before;
  private final Map<String, List<Sample>> after;
  private final long lifecycles;

  /**
   * @param lifecycles lifecycles completed in the window: what "per lifecycle" divides by
   */
  BenchMetrics(Map<String, List<Sample>> before, Map<String, List<Sample>> after, long lifecycles) {
    this.before = before;
    this.after = after;
    this.lifecycles = lifecycles;
  }

  private double perLifecycle(double value) {
    return lifecycles > 0 ? value / lifecycles : Double.NaN;
  }

  /** The services scraped both times, in the order of the second scrape. */
  private List<String> services() {
    return after.keySet().stream().filter(before::containsKey).toList();
  }

  // --- hops ----------------------------------------------------------------------------------

  List<Hop> hops() {
    List<Hop> hops = new ArrayList<>();
    for (String timer : HOP_TIMERS) {
      for (String service : services()) {
        Map<String, BucketHistogram> now = histograms(after.get(service), timer + "_seconds");
        Map<String, BucketHistogram> then = histograms(before.get(service), timer + "_seconds");
        now.forEach(
            (type, histogram) -> {
              BucketHistogram delta = histogram.minus(then.get(type));
              if (delta.count() > 0) {
                hops.add(
                    new Hop(
                        timer.replace('_', '.'),
                        service,
                        BenchStep.shortType(type),
                        Latencies.Summary.of(delta)));
              }
            });
      }
    }
    return hops;
  }

  /** The histograms called {@code base} in {@code samples}, by their {@code type} label. */
  static Map<String, BucketHistogram> histograms(List<Sample> samples, String base) {
    Map<String, BucketHistogram> byType = new TreeMap<>();
    for (Sample s : samples) {
      if (s.name().equals(base + "_bucket")) {
        byType.merge(
            s.label("type"),
            BucketHistogram.empty().with(bound(s.label("le")), s.value()),
            (a, b) -> a.with(b.cumulative().firstKey(), b.cumulative().firstEntry().getValue()));
      }
    }
    for (Sample s : samples) {
      if (s.name().equals(base + "_sum") && byType.containsKey(s.label("type"))) {
        byType.computeIfPresent(s.label("type"), (t, h) -> h.withSum(s.value()));
      }
    }
    return byType;
  }

  private static double bound(String le) {
    return switch (le) {
      case "+Inf", "Inf" -> Double.POSITIVE_INFINITY;
      default -> Double.parseDouble(le);
    };
  }

  // --- Mongo and Kafka commits ---------------------------------------------------------------

  /** Commands per service, collection and kind, most frequent first within each service. */
  List<MongoCommands> mongoCommands() {
    List<MongoCommands> rows = new ArrayList<>();
    for (String service : services()) {
      Map<List<String>, double[]> byKind = new LinkedHashMap<>();
      for (String suffix : List.of("_count", "_sum")) {
        Map<List<String>, Double> delta =
            deltas(
                service,
                MONGO_COMMANDS + suffix,
                s -> List.of(s.label("collection"), s.label("command")));
        int slot = suffix.equals("_count") ? 0 : 1;
        delta.forEach(
            (kind, value) -> byKind.computeIfAbsent(kind, k -> new double[2])[slot] = value);
      }
      byKind.entrySet().stream()
          .filter(e -> e.getValue()[0] > 0)
          .sorted(
              Comparator.comparingDouble((Map.Entry<List<String>, double[]> e) -> -e.getValue()[0]))
          .forEach(
              e ->
                  rows.add(
                      new MongoCommands(
                          service,
                          e.getKey().get(0),
                          e.getKey().get(1),
                          e.getValue()[0],
                          perLifecycle(e.getValue()[0]),
                          perLifecycle(e.getValue()[1] * 1000))));
    }
    return rows;
  }

  List<KafkaCommits> kafkaCommits() {
    List<KafkaCommits> rows = new ArrayList<>();
    for (String service : services()) {
      double commits = total(deltas(service, KAFKA_COMMITS, s -> s.label("client_id")));
      double syncNanos = total(deltas(service, KAFKA_COMMIT_SYNC_NS, s -> s.label("client_id")));
      if (commits > 0 || syncNanos > 0) {
        rows.add(
            new KafkaCommits(
                service, commits, perLifecycle(commits), perLifecycle(syncNanos / 1e6)));
      }
    }
    return rows;
  }

  /**
   * The increase of counter {@code name} of {@code service} over the window, per key; a counter
   * that went down (a restart) counts with its value after.
   */
  private <K> Map<K, Double> deltas(
      String service, String name, java.util.function.Function<Sample, K> key) {
    Map<K, Double> then = sum(before.get(service), name, s -> true, key);
    Map<K, Double> now = sum(after.get(service), name, s -> true, key);
    Map<K, Double> delta = new LinkedHashMap<>();
    now.forEach(
        (k, v) -> {
          double b = then.getOrDefault(k, 0.0);
          delta.put(k, v >= b ? v - b : v);
        });
    return delta;
  }

  private static <K> Map<K, Double> sum(
      List<Sample> samples,
      String name,
      Predicate<Sample> filter,
      java.util.function.Function<Sample, K> key) {
    Map<K, Double> sums = new LinkedHashMap<>();
    for (Sample s : samples) {
      if (s.name().equals(name) && filter.test(s) && !Double.isNaN(s.value())) {
        sums.merge(key.apply(s), s.value(), Double::sum);
      }
    }
    return sums;
  }

  private static double total(Map<?, Double> values) {
    return values.values().stream().mapToDouble(Double::doubleValue).sum();
  }

  // --- at the end ----------------------------------------------------------------------------

  /**
   * Per service: {@code committed} lag of its consumer group (group = service name), the client's
   * fetch lag (summed over partitions; and the max it saw) and each Axon processor's latency.
   */
  List<Lag> lag(Map<String, Long> committed) {
    List<Lag> rows = new ArrayList<>();
    for (String service : after.keySet()) {
      List<Sample> samples = after.get(service);
      Double lag = null;
      Double lagMax = null;
      Map<String, Double> processors = new TreeMap<>();
      for (Sample s : samples) {
        if (Double.isNaN(s.value())) {
          continue;
        }
        switch (s.name()) {
          case "kafka_consumer_fetch_manager_records_lag" ->
              lag = (lag == null ? 0 : lag) + s.value();
          case "kafka_consumer_fetch_manager_records_lag_max" ->
              lagMax = lagMax == null ? s.value() : Math.max(lagMax, s.value());
          case "eventProcessor_latency" -> processors.put(s.label("processorName"), s.value());
          default -> {
            // not a lag
          }
        }
      }
      rows.add(new Lag(service, committed.get(service), lag, lagMax, processors));
    }
    return rows;
  }

  List<Heap> heap() {
    List<Heap> rows = new ArrayList<>();
    for (String service : after.keySet()) {
      Predicate<Sample> heap = s -> "heap".equals(s.label("area")) && s.value() >= 0;
      double used = total(sum(after.get(service), "jvm_memory_used_bytes", heap, s -> ""));
      double max = total(sum(after.get(service), "jvm_memory_max_bytes", heap, s -> ""));
      rows.add(new Heap(service, used / (1 << 20), max / (1 << 20)));
    }
    return rows;
  }
}
