package gov.hotline.launcher;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import gov.hotline.launcher.Latencies.Summary;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The figures of one {@code ./hotline bench} run, rendered as text tables or written as JSON (the
 * same figures, so runs can be compared). Milliseconds unless a name says otherwise; NaN or null
 * where a figure could not be measured.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record BenchReport(
    Header header, Load load, Substrate substrate, List<String> notes, Replays replay) {

  BenchReport(Header header, Load load, Substrate substrate, List<String> notes) {
    this(header, load, substrate, notes, null);
  }

  /**
   * What ran, where and when; {@code eventsOnTopic} is how many records the lifecycle topic held
   * before the run (5 per closed order): the store slows as history grows, so compare runs on
   * similar histories.
   */
  record Header(
      String run,
      String startedAt,
      String commit,
      String options,
      int cores,
      String loadAverageBefore,
      String loadAverageAfter,
      String target,
      Long eventsOnTopic) {}

  /** A load run's figures. */
  record Load(
      Throughput throughput,
      Map<String, Long> errors,
      Map<String, Long> retries,
      Summary lifecycle,
      List<StepLatency> steps,
      List<Hop> hops,
      List<Lag> lag,
      MachineCpu machine,
      MachineCpu idleMachine,
      List<Cpu> cpu,
      List<MongoCommands> mongo,
      List<KafkaCommits> kafkaCommits,
      List<Heap> heap) {}

  /**
   * Over the measured window: lifecycles completed and events seen on the topic per second; started
   * counts arrivals in the window, unfinished those of them still in flight after the drain.
   */
  record Throughput(
      double windowSeconds,
      double lifecyclesPerSecond,
      double eventsPerSecond,
      long completedInWindow,
      long eventsInWindow,
      long startedInWindow,
      long unfinished,
      long failed,
      long dropped,
      long duplicateEvents) {}

  /** One step, bench-measured: first attempt sent → answered, → its event on the topic; wait. */
  record StepLatency(
      String step, String event, Summary answered, Summary onTopic, Summary waited, Summary held) {}

  /** A per-hop timer of one service, from its histogram's bucket deltas. */
  record Hop(String timer, String service, String type, Summary latency) {}

  /**
   * At the end of the window: records the service's consumer group has not committed yet (end
   * offsets minus committed), the client's fetch lag ({@code records-lag}, summed, and its max),
   * and the age of the last event each Axon processor handled.
   */
  record Lag(
      String service,
      Long committedLag,
      Double kafkaRecordsLag,
      Double kafkaRecordsLagMax,
      Map<String, Double> processorLatencyMs) {}

  /** Machine-wide over the window, in cores (2.0 = both cores busy all the time). */
  record MachineCpu(int cores, double busyCores, double stackAndBenchCores, double otherCores) {}

  /** CPU of one process over the window: total ms, ms per lifecycle and share of one core. */
  /**
   * CPU of one process over the window: total ms, ms per lifecycle and share of one core; {@code
   * idleCores}: its share of one core in the seconds before the load began.
   */
  record Cpu(
      String process,
      Long pid,
      Double cpuMs,
      Double msPerLifecycle,
      Double cores,
      Double idleCores) {
    Cpu(String process, Long pid, Double cpuMs, Double msPerLifecycle, Double cores) {
      this(process, pid, cpuMs, msPerLifecycle, cores, null);
    }

    Cpu withIdleCores(Double idle) {
      return new Cpu(process, pid, cpuMs, msPerLifecycle, cores, idle);
    }
  }

  record MongoCommands(
      String service,
      String collection,
      String command,
      double count,
      double perLifecycle,
      double msPerLifecycle) {}

  record KafkaCommits(
      String service, double commits, double perLifecycle, double syncMsPerLifecycle) {}

  record Heap(String service, double usedMb, double maxMb) {}

  /** Raw rates of the store and the broker here, per second; share of them our load used. */
  record Substrate(
      Double mongoInsertOnePerSecond,
      Double mongoInsertOne4ThreadsPerSecond,
      Double mongoInsertManyPerSecond,
      Double kafkaProducePerSecond,
      Double kafkaConsumePerSecond,
      MachineCpu machine,
      Share share) {}

  /** Our load's rates as a fraction of the substrate's (0.25 = 25%). */
  record Share(
      double eventsPerSecond,
      double ofKafkaProduce,
      double mongoCommandsPerSecond,
      double mongoWritesPerSecond,
      double commandsOfInsertOne,
      double writesOfInsertOne) {}

  /**
   * {@code --replay}: the timeline rebuilt from the lifecycle topic, views rebuilt by resetting
   * their processors' tokens, and loads of an order's aggregates from the event store.
   */
  record Replays(
      ReplayRun timeline, List<ReplayRun> processors, List<AggregateLoadRow> aggregateLoads) {}

  /** One replay, as its service measured it (seconds from its start to its end). */
  record ReplayRun(
      String service,
      String what,
      String target,
      long events,
      Long expectedEvents,
      double seconds,
      double eventsPerSecond,
      Map<String, Long> figures,
      String error) {}

  /** Loading one aggregate from the event store, bypassing the cache: median and min of repeats. */
  record AggregateLoadRow(
      String service,
      String aggregateType,
      String aggregateId,
      long events,
      long eventsReadWithoutSnapshot,
      double medianMsWithoutSnapshot,
      double minMsWithoutSnapshot,
      boolean fromSnapshot,
      Long snapshotSequence,
      long eventsReadWithSnapshot,
      double medianMsWithSnapshot,
      double minMsWithSnapshot,
      Boolean sameState) {}

  // --- JSON ----------------------------------------------------------------------------------

  void writeJson(Path file) throws IOException {
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), this);
  }

  // --- text ----------------------------------------------------------------------------------

  String render() {
    StringBuilder out = new StringBuilder();
    Header h = header;
    out.append("Bench ")
        .append(h.run())
        .append(" — ")
        .append(h.options())
        .append('\n')
        .append("  ")
        .append(h.startedAt())
        .append(", commit ")
        .append(h.commit() == null ? "?" : h.commit())
        .append(", ")
        .append(h.cores())
        .append(" cores, load average ")
        .append(h.loadAverageBefore())
        .append(" → ")
        .append(h.loadAverageAfter())
        .append('\n')
        .append("  against ")
        .append(h.target())
        .append('\n');
    if (h.eventsOnTopic() != null) {
      out.append("  history: ")
          .append(num(h.eventsOnTopic(), 0))
          .append(" events on the lifecycle topic before the run\n");
    }
    if (load != null) {
      renderLoad(out, load);
    }
    if (substrate != null) {
      renderSubstrate(out, substrate);
    }
    if (replay != null) {
      renderReplay(out, replay);
    }
    if (!notes.isEmpty()) {
      out.append("\nNotes:\n");
      notes.forEach(n -> out.append("  ! ").append(n).append('\n'));
    }
    return out.toString();
  }

  private static void renderLoad(StringBuilder out, Load l) {
    Throughput t = l.throughput();
    out.append('\n')
        .append(
            String.format(
                Locale.ROOT,
                "Throughput over the measured %.1f s: %s lifecycles/s (%d completed), %s events/s"
                    + " on the topic (%d)%n",
                t.windowSeconds(),
                num(t.lifecyclesPerSecond(), 2),
                t.completedInWindow(),
                num(t.eventsPerSecond(), 1),
                t.eventsInWindow()))
        .append(
            String.format(
                Locale.ROOT,
                "  started in the window %d, unfinished after the drain %d, failed %d,"
                    + " dropped %d, duplicate events %d%n",
                t.startedInWindow(),
                t.unfinished(),
                t.failed(),
                t.dropped(),
                t.duplicateEvents()));
    out.append("  errors: ").append(counts(l.errors())).append('\n');
    out.append("  retries: ").append(counts(l.retries())).append('\n');

    out.append("\nLatency, bench-measured, lifecycles started in the window (ms)\n");
    TextTable steps =
        new TextTable(
            "STEP",
            "EVENT",
            "N",
            "ANSWER P50",
            "P99",
            "ON TOPIC P50",
            "P95",
            "P99",
            "MAX",
            "WAIT P99",
            "HELD P50",
            "P99");
    for (StepLatency s : l.steps()) {
      steps.row(
          s.step(),
          s.event(),
          s.onTopic().count(),
          ms(s.answered().p50()),
          ms(s.answered().p99()),
          ms(s.onTopic().p50()),
          ms(s.onTopic().p95()),
          ms(s.onTopic().p99()),
          ms(s.onTopic().max()),
          ms(s.waited().p99()),
          ms(s.held().p50()),
          ms(s.held().p99()));
    }
    Summary e2e = l.lifecycle();
    steps.row(
        "lifecycle",
        "due → revisited",
        e2e.count(),
        "",
        "",
        ms(e2e.p50()),
        ms(e2e.p95()),
        ms(e2e.p99()),
        ms(e2e.max()),
        "",
        "",
        "");
    out.append(steps.render());

    out.append(
        "\nPer-hop timers of the services, bucket deltas over the window (ms; MAX ≤: the upper"
            + " bound of the highest bucket with an observation)\n");
    if (l.hops().isEmpty()) {
      out.append("  (none recorded)\n");
    } else {
      TextTable hops =
          new TextTable("TIMER", "SERVICE", "TYPE", "N", "MEAN", "P50", "P95", "P99", "MAX ≤");
      for (Hop hop : l.hops()) {
        Summary s = hop.latency();
        hops.row(
            hop.timer(),
            hop.service(),
            hop.type(),
            s.count(),
            ms(s.mean()),
            ms(s.p50()),
            ms(s.p95()),
            ms(s.p99()),
            s.max() == null ? "-" : ms(s.max()));
      }
      out.append(hops.render());
    }

    out.append("\nLag at the end of the window\n");
    TextTable lag =
        new TextTable(
            "SERVICE",
            "UNCOMMITTED",
            "FETCH LAG",
            "FETCH LAG MAX",
            "AXON PROCESSORS: AGE OF LAST EVENT (ms)");
    for (Lag row : l.lag()) {
      List<String> processors = new ArrayList<>();
      row.processorLatencyMs().forEach((p, v) -> processors.add(p + " " + num(v, 0)));
      lag.row(
          row.service(),
          row.committedLag() == null ? "-" : row.committedLag(),
          row.kafkaRecordsLag() == null ? "-" : num(row.kafkaRecordsLag(), 0),
          row.kafkaRecordsLagMax() == null ? "-" : num(row.kafkaRecordsLagMax(), 0),
          processors.isEmpty() ? "-" : String.join(", ", processors));
    }
    out.append(lag.render());

    out.append("\nCPU over the window (/proc utime+stime; bench: its JVM's process CPU time)\n");
    TextTable cpu =
        new TextTable("PROCESS", "PID", "CPU ms", "ms/LIFECYCLE", "CORES", "IDLE CORES");
    for (Cpu c : l.cpu()) {
      cpu.row(
          c.process(),
          c.pid() == null ? "-" : c.pid(),
          c.cpuMs() == null ? "-" : num(c.cpuMs(), 0),
          c.msPerLifecycle() == null ? "-" : num(c.msPerLifecycle(), 1),
          c.cores() == null ? "-" : num(c.cores(), 2),
          c.idleCores() == null ? "-" : num(c.idleCores(), 2));
    }
    out.append(cpu.render());
    machine(out, l.machine());
    if (l.idleMachine() != null) {
      out.append(
          String.format(
              Locale.ROOT,
              "  before the load (idle): the stack and the bench %s cores, everything else %s%n",
              num(l.idleMachine().stackAndBenchCores(), 2),
              num(l.idleMachine().otherCores(), 2)));
    }

    out.append(
        "\nMongo commands per lifecycle (mongodb.driver.commands, deltas over the window)\n");
    TextTable mongo =
        new TextTable("SERVICE", "COLLECTION", "COMMAND", "COUNT", "/LIFECYCLE", "ms/LIFECYCLE");
    Map<String, List<MongoCommands>> byService = new LinkedHashMap<>();
    l.mongo().forEach(m -> byService.computeIfAbsent(m.service(), s -> new ArrayList<>()).add(m));
    byService.forEach(
        (service, commands) -> {
          commands.forEach(
              m ->
                  mongo.row(
                      service,
                      m.collection(),
                      m.command(),
                      num(m.count(), 0),
                      num(m.perLifecycle(), 2),
                      num(m.msPerLifecycle(), 2)));
          mongo.row(
              service,
              "(all)",
              "",
              num(commands.stream().mapToDouble(MongoCommands::count).sum(), 0),
              num(commands.stream().mapToDouble(MongoCommands::perLifecycle).sum(), 1),
              num(commands.stream().mapToDouble(MongoCommands::msPerLifecycle).sum(), 1));
        });
    double all = l.mongo().stream().mapToDouble(MongoCommands::perLifecycle).sum();
    double writes =
        l.mongo().stream()
            .filter(m -> BenchMetrics.MONGO_WRITES.contains(m.command()))
            .mapToDouble(MongoCommands::perLifecycle)
            .sum();
    out.append(mongo.render());
    out.append(
        String.format(
            Locale.ROOT,
            "  all services: %s commands per lifecycle, of them %s writes%n",
            num(all, 1),
            num(writes, 1)));

    out.append("\nKafka offset commits per lifecycle (kafka.consumer.coordinator.commit.total)\n");
    TextTable commits = new TextTable("SERVICE", "COMMITS", "/LIFECYCLE", "SYNC ms/LIFECYCLE");
    for (KafkaCommits k : l.kafkaCommits()) {
      commits.row(
          k.service(),
          num(k.commits(), 0),
          num(k.perLifecycle(), 2),
          num(k.syncMsPerLifecycle(), 1));
    }
    out.append(commits.render());

    out.append("\nHeap at the end\n");
    TextTable heap = new TextTable("SERVICE", "USED MB", "MAX MB");
    for (Heap h : l.heap()) {
      heap.row(h.service(), num(h.usedMb(), 0), num(h.maxMb(), 0));
    }
    out.append(heap.render());
  }

  /** The machine line; "under contention" when other jobs used more than a tenth of the cores. */
  private static void machine(StringBuilder out, MachineCpu m) {
    if (m == null) {
      return;
    }
    out.append(
        String.format(
            Locale.ROOT,
            "  machine: %s of %d cores busy; the stack and the bench %s, everything else %s%s%n",
            num(m.busyCores(), 2),
            m.cores(),
            num(m.stackAndBenchCores(), 2),
            num(m.otherCores(), 2),
            m.otherCores() > 0.1 * m.cores() ? " — measured under contention" : ""));
  }

  private static void renderSubstrate(StringBuilder out, Substrate s) {
    out.append(
        "\nSubstrate: raw rates of the store and the broker here (1 KB documents/records)\n");
    TextTable table = new TextTable("WHAT", "PER SECOND");
    table.row("Mongo insertOne, 1 thread", rate(s.mongoInsertOnePerSecond()));
    table.row("Mongo insertOne, 4 threads", rate(s.mongoInsertOne4ThreadsPerSecond()));
    table.row("Mongo insertMany of 100 (documents)", rate(s.mongoInsertManyPerSecond()));
    table.row("Kafka produce, acks=all, idempotent", rate(s.kafkaProducePerSecond()));
    table.row("Kafka consume, one consumer", rate(s.kafkaConsumePerSecond()));
    out.append(table.render());
    machine(out, s.machine());
    Share share = s.share();
    if (share != null) {
      out.append(
          String.format(
              Locale.ROOT,
              "  our %s events/s are %s of what the broker takes;%n"
                  + "  our %s Mongo commands/s (%s writes/s) are %s (%s) of single-document"
                  + " inserts on 1 thread%n",
              num(share.eventsPerSecond(), 1),
              percent(share.ofKafkaProduce()),
              num(share.mongoCommandsPerSecond(), 0),
              num(share.mongoWritesPerSecond(), 0),
              percent(share.commandsOfInsertOne()),
              percent(share.writesOfInsertOne())));
    }
  }

  private static void renderReplay(StringBuilder out, Replays r) {
    out.append(
        "\nReplay: history rebuilt by the services (events/s from each replay's start to its end)\n");
    TextTable table = new TextTable("REPLAY", "SERVICE", "EVENTS", "SECONDS", "EVENTS/S", "CHECK");
    List<ReplayRun> runs = new ArrayList<>();
    if (r.timeline() != null) {
      runs.add(r.timeline());
    }
    runs.addAll(r.processors());
    for (ReplayRun run : runs) {
      table.row(
          run.what(),
          run.service(),
          num(run.events(), 0),
          num(run.seconds(), 2),
          num(run.eventsPerSecond(), 0),
          check(run));
    }
    out.append(table.render());
    if (!r.aggregateLoads().isEmpty()) {
      out.append("\nAggregate load from the event store, no cache (ms, median / min of repeats)\n");
      TextTable loads =
          new TextTable(
              "AGGREGATE",
              "SERVICE",
              "EVENTS",
              "ALL EVENTS READ",
              "MS",
              "FROM SNAPSHOT READ",
              "MS",
              "SAME STATE");
      for (AggregateLoadRow row : r.aggregateLoads()) {
        loads.row(
            row.aggregateType(),
            row.service(),
            num(row.events(), 0),
            num(row.eventsReadWithoutSnapshot(), 0),
            ms(row.medianMsWithoutSnapshot()) + " / " + ms(row.minMsWithoutSnapshot()),
            row.fromSnapshot()
                ? num(row.eventsReadWithSnapshot(), 0)
                    + " (snapshot at "
                    + row.snapshotSequence()
                    + ")"
                : "no snapshot",
            ms(row.medianMsWithSnapshot()) + " / " + ms(row.minMsWithSnapshot()),
            row.sameState() == null ? "-" : row.sameState() ? "yes" : "NO");
      }
      out.append(loads.render());
    }
  }

  private static String check(ReplayRun run) {
    if (run.error() != null) {
      return "failed: " + run.error();
    }
    Map<String, Long> f = run.figures() == null ? Map.of() : run.figures();
    if (f.containsKey("replayedDocuments")) {
      Long replayed = f.get("replayedDocuments");
      Long live = f.get("liveDocumentsAtStart");
      return String.format(
          Locale.ROOT,
          "%s documents, live timeline %s at start (%s)",
          num(replayed, 0),
          num(live, 0),
          replayed.equals(live) ? "equal" : "differ");
    }
    if (run.expectedEvents() != null) {
      return num(run.expectedEvents(), 0) + " events in the store";
    }
    return "";
  }

  private static String counts(Map<String, Long> counts) {
    if (counts.isEmpty()) {
      return "none";
    }
    List<String> parts = new ArrayList<>();
    counts.forEach((k, v) -> parts.add(k + " ×" + v));
    return String.join(", ", parts);
  }

  static String ms(Double value) {
    if (value == null || value.isNaN()) {
      return "-";
    }
    return value < 10 ? num(value, 1) : num(value, 0);
  }

  static String num(double value, int decimals) {
    if (Double.isNaN(value)) {
      return "-";
    }
    return String.format(Locale.ROOT, "%,." + decimals + "f", value);
  }

  private static String rate(Double value) {
    return value == null ? "-" : num(value, 0);
  }

  static String percent(double fraction) {
    if (Double.isNaN(fraction) || Double.isInfinite(fraction)) {
      return "-";
    }
    return num(fraction * 100, fraction < 0.01 ? 2 : 1) + "%";
  }
}
