package gov.hotline.launcher;

import gov.hotline.api.client.HotlineClient;
import gov.hotline.launcher.BenchReport.Cpu;
import gov.hotline.launcher.BenchReport.MachineCpu;
import gov.hotline.launcher.PrometheusText.Sample;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * {@code ./hotline bench}: measures a running stack from the launcher's own JVM. Drives complete
 * lifecycles ({@link BenchDriver}), and around the measured window takes the services' metrics
 * ({@code /actuator/prometheus}), the CPU time of every process of the stack ({@code /proc}, pids
 * from {@code stack.json}) and its own; then, if asked, the substrate's raw rates ({@link
 * SubstrateBench}). Prints a report and, with {@code --json}, writes the same figures as JSON.
 */
final class Bench {

  private static final long SECOND = TimeUnit.SECONDS.toNanos(1);

  /** How long the stack is watched before the load, to tell its background CPU from the load's. */
  static final Duration IDLE = Duration.ofSeconds(5);

  /** How long the substrate waits for the services to settle after a load. */
  static final Duration SETTLE = Duration.ofMinutes(5);

  private static final List<String> PROCESS_ORDER =
      List.of(
          "intake",
          "dispatch",
          "supervision",
          "knowledge",
          ChildSpec.SERVICES_HOST, // the four in one JVM (up --jvm one): one process, one row
          "kafka",
          "mongo",
          "launcher");

  private final StackConfig config;
  private final PrintStream out;
  private final BenchOptions options;
  private final boolean interactive = System.console() != null;
  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  Bench(StackConfig config, PrintStream out, BenchOptions options) {
    this.config = config;
    this.out = out;
    this.options = options;
  }

  /** 0 when every lifecycle of the run completed, 1 when some failed, 2 when it could not run. */
  int run() throws InterruptedException {
    String run = UUID.randomUUID().toString().substring(0, 8);
    String startedAt = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
    String loadBefore = ProcStat.loadAverage();
    OptionalLong history =
        TopicCounter.count(config.kafkaBootstrap(), TopicCounter.LIFECYCLE_TOPIC);
    List<String> notes = Collections.synchronizedList(new ArrayList<>());
    boolean withLoad = options.load() != BenchOptions.Load.NONE;
    if ((withLoad || options.replay()) && !stackIsUp()) {
      return 2;
    }
    out.printf("Bench %s: %s (load average %s)%n", run, options.describe(), loadBefore);

    BenchReport.Load load = null;
    if (withLoad) {
      load = load(run, notes);
      if (load == null) {
        return 2;
      }
    }
    BenchReport.Substrate substrate = null;
    if (options.substrate()) {
      substrate = substrate(run, load, notes);
    }
    BenchReport.Replays replay = null;
    if (options.replay()) {
      if (load != null || substrate != null) {
        awaitServicesIdle(notes);
      }
      out.println("Replay: preparing an order with " + ReplayBench.ORDER_EVENTS + " events …");
      replay = new ReplayBench(config, out, interactive).run(run, notes);
    }
    BenchReport report =
        new BenchReport(
            new BenchReport.Header(
                run,
                startedAt,
                commit(),
                options.describe(),
                Runtime.getRuntime().availableProcessors(),
                loadBefore,
                ProcStat.loadAverage(),
                target(),
                history.isPresent() ? history.getAsLong() : null),
            load,
            substrate,
            notes,
            replay);
    out.println();
    out.print(report.render());
    if (options.json() != null) {
      try {
        report.writeJson(options.json());
        out.println("\nFigures as JSON: " + options.json().toAbsolutePath());
      } catch (IOException e) {
        out.println("\n! Cannot write " + options.json() + ": " + e.getMessage());
        return 1;
      }
    }
    if (replay != null && hasFailedReplay(replay)) {
      return 1;
    }
    if (load == null) {
      return 0;
    }
    return load.throughput().failed() == 0 && load.throughput().completedInWindow() > 0 ? 0 : 1;
  }

  private static boolean hasFailedReplay(BenchReport.Replays replay) {
    List<BenchReport.ReplayRun> runs = new ArrayList<>(replay.processors());
    if (replay.timeline() != null) {
      runs.add(replay.timeline());
    }
    return runs.stream().anyMatch(r -> r.error() != null) || replay.aggregateLoads().isEmpty();
  }

  private boolean stackIsUp() {
    List<String> down = new HealthProbe().notUp(config, Demo.NEEDED);
    if (down.isEmpty()) {
      return true;
    }
    out.println("The stack is not running: " + String.join(", ", down) + ".");
    out.println("Start it with ./hotline up (in another terminal), then run the bench again.");
    return false;
  }

  // --- the load ------------------------------------------------------------------------------

  /**
   * What was measured at one end of the window: CPU of each process, of the machine and of the
   * bench, the services' metrics and (at the end) the consumer groups' lag.
   */
  private record Snapshot(
      long nanos,
      Map<String, Long> pids,
      Map<String, OptionalLong> ticks,
      Optional<ProcStat.Machine> machine,
      long benchCpuNanos,
      Map<String, List<Sample>> metrics,
      Map<String, Long> groupLag) {}

  /**
   * The services of the running stack, second instances included when it has them ({@code up
   * --instances 2}).
   */
  private List<Component> services() {
    return Component.stack(config.runningInstances()).stream()
        .filter(Component::isService)
        .toList();
  }

  private BenchReport.Load load(String run, List<String> notes) throws InterruptedException {
    String unit = Demo.chooseUnit(HotlineClient.builder(config.endpoints()).build(), out);
    GroupOffsets offsets =
        new GroupOffsets(
            config.kafkaBootstrap(), TopicCounter.LIFECYCLE_TOPIC, BenchStep.groupsWaitedFor());
    BenchDriver driver =
        new BenchDriver(
            config.endpoints(config.runningInstances()),
            offsets,
            unit,
            run,
            options.load() == BenchOptions.Load.MAX,
            options.inFlight(),
            options.senderThreads());
    BenchTopic topic = new BenchTopic(config.kafkaBootstrap(), "hotline-bench-" + run, driver);
    try {
      if (!topic.start(Duration.ofSeconds(60))) {
        out.printf(
            "Cannot read %s at %s: the consumer got no partitions within 60 s%n",
            TopicCounter.LIFECYCLE_TOPIC, config.kafkaBootstrap());
        return null;
      }
      out.printf(
          "Reading %s as group hotline-bench-%s; dispatching to unit %s%n",
          TopicCounter.LIFECYCLE_TOPIC, run, unit);
      out.printf("Sampling the idle stack for %d s …%n", IDLE.toSeconds());
      Snapshot idleFrom = cpuSnapshot(System.nanoTime(), notes);
      Thread.sleep(IDLE.toMillis());
      Snapshot idleTo = cpuSnapshot(System.nanoTime(), notes);
      return drive(driver, new Snapshot[] {idleFrom, idleTo}, notes);
    } catch (RuntimeException e) {
      out.println("The bench failed: " + e);
      return null;
    } finally {
      driver.close();
      topic.close();
      offsets.close();
    }
  }

  private BenchReport.Load drive(BenchDriver driver, Snapshot[] idle, List<String> notes)
      throws InterruptedException {
    long start = System.nanoTime();
    long warmEnd = start + options.warmup().toNanos();
    long end = warmEnd + options.duration().toNanos();
    ArrivalSchedule schedule =
        options.load() == BenchOptions.Load.RATE
            ? new ArrivalSchedule(start, options.rate())
            : null;
    // snapshots (scrapes take up to seconds on a busy machine) must not hold up the arrivals
    ExecutorService snapshots =
        Executors.newSingleThreadExecutor(
            r -> {
              Thread t = new Thread(r, "bench-snapshot");
              t.setDaemon(true);
              return t;
            });
    try {
      return drive(driver, schedule, start, warmEnd, end, snapshots, idle, notes);
    } finally {
      snapshots.shutdownNow();
    }
  }

  private BenchReport.Load drive(
      BenchDriver driver,
      ArrivalSchedule schedule,
      long start,
      long warmEnd,
      long end,
      ExecutorService snapshots,
      Snapshot[] idle,
      List<String> notes)
      throws InterruptedException {
    Future<Snapshot> before = null;
    long k = 0;
    long nextTick = start + SECOND;
    BenchDriver.Counts last = driver.counts();
    lastLine = null;
    while (true) {
      long now = System.nanoTime();
      if (before == null && now >= warmEnd) {
        driver.openWindow(now);
        before = snapshots.submit(() -> snapshot(now, false, notes));
      }
      if (now >= nextTick) {
        BenchDriver.Counts counts = driver.counts();
        progress(before == null ? "warm-up" : "measure", now - start, counts, last);
        last = counts;
        nextTick += SECOND;
      }
      if (now >= end) {
        break;
      }
      long wake = Math.min(nextTick, end);
      if (before == null) {
        wake = Math.min(wake, warmEnd);
      }
      if (schedule != null) {
        for (long due = schedule.dueBy(now); k < due; k++) {
          driver.start((int) (k + 1), schedule.due(k));
        }
        wake = Math.min(wake, schedule.due(k));
        LockSupport.parkNanos(wake - System.nanoTime());
      } else if (driver.startWhenFree((int) (k + 1), (wake - now) / 1_000_000)) {
        k++;
      }
    }
    long closed = System.nanoTime();
    driver.closeWindow(closed);
    Future<Snapshot> after = snapshots.submit(() -> snapshot(closed, true, notes));

    long drainEnd = System.nanoTime() + options.drain().toNanos();
    while (driver.measuredInFlight() > 0 && System.nanoTime() < drainEnd) {
      Thread.sleep(200);
      long now = System.nanoTime();
      if (now >= nextTick) {
        BenchDriver.Counts counts = driver.counts();
        progress("drain", now - start, counts, last);
        last = counts;
        nextTick += SECOND;
      }
    }
    if (interactive) {
      out.println();
    }
    try {
      return figures(driver, idle, before.get(), after.get(), notes);
    } catch (ExecutionException e) {
      throw new IllegalStateException("a snapshot failed: " + e.getCause(), e.getCause());
    }
  }

  /** The counts and time of the last progress line printed (not interactive: every 5 s). */
  private BenchDriver.Counts lastLine;

  private long lastLineNanos;

  /**
   * One progress line: on a terminal every second, rewritten in place, with the last second's
   * rates; otherwise every 5 s, with the rates averaged over those 5 s (one second's count would
   * show the burstiness of completions as stalls).
   */
  private void progress(
      String phase, long elapsedNanos, BenchDriver.Counts now, BenchDriver.Counts last) {
    boolean print = interactive || (elapsedNanos / SECOND) % 5 == 0;
    if (!print) {
      return;
    }
    boolean sinceLastLine = !interactive && lastLine != null;
    BenchDriver.Counts since = sinceLastLine ? lastLine : last;
    double seconds =
        sinceLastLine ? Math.max(1.0, (elapsedNanos - lastLineNanos) / (double) SECOND) : 1.0;
    String line =
        String.format(
            Locale.ROOT,
            "%4ds %-7s started %d, completed %d, in flight %d, errors %d, retries %d —"
                + " %.0f lifecycles/s, %.0f events/s",
            elapsedNanos / SECOND,
            phase,
            now.started(),
            now.completed(),
            now.inFlight(),
            now.failed() + now.dropped(),
            now.retries(),
            (now.completed() - since.completed()) / seconds,
            (now.events() - since.events()) / seconds);
    if (interactive) {
      out.print("\r" + line + "   ");
    } else {
      out.println(line);
      lastLine = now;
      lastLineNanos = elapsedNanos;
    }
  }

  /**
   * @param idle CPU snapshots around {@link #IDLE} before the load started: what each process used
   *     on its own (background work, such as the store compacting after an earlier run)
   */
  private BenchReport.Load figures(
      BenchDriver driver, Snapshot[] idle, Snapshot before, Snapshot after, List<String> notes) {
    BenchDriver.Counts counts = driver.counts();
    double seconds = (after.nanos() - before.nanos()) / 1e9;
    long lifecycles = counts.completedInWindow();
    BenchReport.Throughput throughput =
        new BenchReport.Throughput(
            seconds,
            lifecycles / seconds,
            counts.eventsInWindow() / seconds,
            lifecycles,
            counts.eventsInWindow(),
            counts.startedInWindow(),
            driver.measuredInFlight(),
            counts.failed(),
            counts.dropped(),
            driver.duplicates());
    BenchMetrics metrics = new BenchMetrics(before.metrics(), after.metrics(), lifecycles);
    List<Cpu> idleRows = new ArrayList<>();
    double idleSeconds = (idle[1].nanos() - idle[0].nanos()) / 1e9;
    double idleMs = cpu(idle[0], idle[1], idleSeconds, 0, idleRows, new ArrayList<>());
    Map<String, Double> idleCores = new LinkedHashMap<>();
    idleRows.forEach(c -> idleCores.put(c.process(), c.cores()));
    List<Cpu> cpu = new ArrayList<>();
    double stackMs = cpu(before, after, seconds, lifecycles, cpu, notes);
    cpu.replaceAll(c -> c.withIdleCores(idleCores.get(c.process())));
    MachineCpu machine = machine(before, after, seconds, stackMs);
    MachineCpu idleMachine = machine(idle[0], idle[1], idleSeconds, idleMs);
    if (idleMachine != null && idleMachine.stackAndBenchCores() > 0.1) {
      notes.add(
          String.format(
              Locale.ROOT,
              "the stack was not idle before the load (%.2f cores, see IDLE CORES): background"
                  + " work, such as the store compacting after an earlier run, is in these figures",
              idleMachine.stackAndBenchCores()));
    }
    if (lifecycles == 0) {
      notes.add("no lifecycle completed in the measured window: nothing is per lifecycle");
    }
    if (before.pids().containsKey(ChildSpec.SERVICES_HOST)) {
      notes.add(
          "the four services share one JVM (up --jvm one): its CPU is the services row, and each"
              + " service's heap row shows that one JVM's heap");
    }
    return new BenchReport.Load(
        throughput,
        driver.errors(),
        driver.retries(),
        driver.lifecycleLatency(),
        driver.stepLatencies(),
        metrics.hops(),
        metrics.lag(after.groupLag()),
        machine,
        idleMachine,
        cpu,
        metrics.mongoCommands(),
        metrics.kafkaCommits(),
        metrics.heap());
  }

  /**
   * The machine's CPU over {@code seconds}: all of it, the stack's and the bench's ({@code
   * stackMs}), and the rest — other jobs on the machine; null where {@code /proc/stat} is missing.
   */
  private static MachineCpu machine(
      Snapshot before, Snapshot after, double seconds, double stackMs) {
    if (before.machine().isEmpty() || after.machine().isEmpty()) {
      return null;
    }
    ProcStat.Machine used = after.machine().get().minus(before.machine().get());
    double busy = used.busy() * 1000.0 / ProcStat.ticksPerSecond() / (seconds * 1000);
    double ours = stackMs / (seconds * 1000);
    return new MachineCpu(
        Runtime.getRuntime().availableProcessors(), busy, ours, Math.max(0, busy - ours));
  }

  /** Adds a row per process to {@code rows}; returns the CPU ms of all of them together. */
  private static double cpu(
      Snapshot before,
      Snapshot after,
      double seconds,
      long lifecycles,
      List<Cpu> rows,
      List<String> notes) {
    long hz = ProcStat.ticksPerSecond();
    double total = 0;
    List<String> names = new ArrayList<>(PROCESS_ORDER);
    before.pids().keySet().stream().filter(n -> !names.contains(n)).forEach(names::add);
    for (String name : names) {
      Long pid = before.pids().get(name);
      if (pid == null) {
        continue;
      }
      OptionalLong then = before.ticks().getOrDefault(name, OptionalLong.empty());
      OptionalLong now = after.ticks().getOrDefault(name, OptionalLong.empty());
      if (!pid.equals(after.pids().get(name)) || then.isEmpty() || now.isEmpty()) {
        notes.add(name + " (pid " + pid + ") restarted or vanished in the window: CPU unknown");
        rows.add(new Cpu(name, pid, null, null, null));
        continue;
      }
      double ms = (now.getAsLong() - then.getAsLong()) * 1000.0 / hz;
      total += ms;
      rows.add(new Cpu(name, pid, ms, perLifecycle(ms, lifecycles), ms / (seconds * 1000)));
    }
    double bench = (after.benchCpuNanos() - before.benchCpuNanos()) / 1e6;
    if (before.benchCpuNanos() >= 0) {
      total += bench;
      rows.add(
          new Cpu(
              "bench (this JVM)",
              ProcessHandle.current().pid(),
              bench,
              perLifecycle(bench, lifecycles),
              bench / (seconds * 1000)));
    }
    return total;
  }

  private static Double perLifecycle(double value, long lifecycles) {
    return lifecycles > 0 ? value / lifecycles : null;
  }

  /** CPU of the processes, the machine and the bench, now; no metrics. */
  private Snapshot cpuSnapshot(long mark, List<String> notes) {
    Map<String, Long> pids = pids(notes);
    Map<String, OptionalLong> ticks = new LinkedHashMap<>();
    pids.forEach((name, pid) -> ticks.put(name, ProcStat.ticks(pid)));
    return new Snapshot(mark, pids, ticks, ProcStat.machine(), benchCpuNanos(), Map.of(), Map.of());
  }

  /** CPU first (it is quick, so it lines up with the window's {@code mark}), then the rest. */
  private Snapshot snapshot(long mark, boolean end, List<String> notes) {
    Snapshot cpu = cpuSnapshot(mark, notes);
    Map<String, List<Sample>> metrics = scrape(notes);
    Map<String, Long> groupLag = Map.of();
    if (end) {
      Optional<Map<String, Long>> lag =
          GroupLag.of(
              config.kafkaBootstrap(),
              TopicCounter.LIFECYCLE_TOPIC,
              group -> !group.startsWith("hotline-bench-"));
      if (lag.isEmpty()) {
        notes.add("cannot read the consumer groups' committed offsets from the broker");
      }
      groupLag = lag.orElse(Map.of());
    }
    return new Snapshot(
        mark, cpu.pids(), cpu.ticks(), cpu.machine(), cpu.benchCpuNanos(), metrics, groupLag);
  }

  /** The processes of the running {@code up}: its children by name, and the launcher itself. */
  private Map<String, Long> pids(List<String> notes) {
    Map<String, Long> pids = new LinkedHashMap<>();
    Optional<StackState> state =
        config
            .dataDir()
            .flatMap(d -> StackState.read(config.stateFile()))
            .filter(StackState::launcherAlive);
    if (state.isEmpty()) {
      String note =
          "no running ./hotline up found in "
              + config
                  .dataDir()
                  .map(d -> d.resolve("stack.json").toString())
                  .orElse("(no data dir)")
              + ": the stack's CPU is not measured (set HOTLINE_DATA to its data directory)";
      if (!notes.contains(note)) {
        notes.add(note);
      }
      return pids;
    }
    state.get().children().forEach(e -> pids.put(e.name(), e.pid()));
    pids.put("launcher", state.get().launcherPid());
    return pids;
  }

  private static long benchCpuNanos() {
    if (ManagementFactory.getOperatingSystemMXBean()
        instanceof com.sun.management.OperatingSystemMXBean os) {
      return os.getProcessCpuTime();
    }
    return -1;
  }

  /**
   * Every service's {@code /actuator/prometheus}, at once; a service that does not answer is left
   * out.
   */
  private Map<String, List<Sample>> scrape(List<String> notes) {
    Map<String, CompletableFuture<HttpResponse<String>>> pending = new LinkedHashMap<>();
    for (Component c : services()) {
      URI uri =
          URI.create(config.baseUrl(c).toString().replaceAll("/$", "") + "/actuator/prometheus");
      pending.put(
          c.displayName(),
          http.sendAsync(
              HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(15)).GET().build(),
              HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8)));
    }
    Map<String, List<Sample>> metrics = new LinkedHashMap<>();
    pending.forEach(
        (service, answer) -> {
          try {
            HttpResponse<String> response = answer.join();
            if (response.statusCode() != 200) {
              throw new IllegalStateException("HTTP " + response.statusCode());
            }
            metrics.put(service, PrometheusText.parse(response.body()));
          } catch (RuntimeException e) {
            notes.add("cannot scrape " + service + "'s metrics: " + e.getMessage());
          }
        });
    return metrics;
  }

  // --- the substrate ---------------------------------------------------------------------------

  private BenchReport.Substrate substrate(String run, BenchReport.Load load, List<String> notes)
      throws InterruptedException {
    if (load != null) {
      awaitServicesIdle(notes);
    }
    Snapshot before = cpuSnapshot(System.nanoTime(), notes);
    SubstrateBench.Rates rates =
        new SubstrateBench(config.mongoUri(), config.kafkaBootstrap(), run, out).run();
    Snapshot after = cpuSnapshot(System.nanoTime(), notes);
    double seconds = (after.nanos() - before.nanos()) / 1e9;
    double stackMs = cpu(before, after, seconds, 0, new ArrayList<>(), new ArrayList<>());
    notes.addAll(rates.problems());
    BenchReport.Share share = null;
    if (load != null && load.throughput().windowSeconds() > 0) {
      double window = load.throughput().windowSeconds();
      double commands =
          load.mongo().stream().mapToDouble(BenchReport.MongoCommands::count).sum() / window;
      double writes =
          load.mongo().stream()
                  .filter(m -> BenchMetrics.MONGO_WRITES.contains(m.command()))
                  .mapToDouble(BenchReport.MongoCommands::count)
                  .sum()
              / window;
      double events = load.throughput().eventsPerSecond();
      share =
          new BenchReport.Share(
              events,
              ratio(events, rates.produce()),
              commands,
              writes,
              ratio(commands, rates.insertOne()),
              ratio(writes, rates.insertOne()));
    }
    return new BenchReport.Substrate(
        rates.insertOne(),
        rates.insertOne4Threads(),
        rates.insertMany(),
        rates.produce(),
        rates.consume(),
        machine(before, after, seconds, stackMs),
        share);
  }

  /**
   * After a load the services work off its backlog for a while (at --rate 20, minutes); the
   * substrate is measured once they are done (their CPU under a tenth of a core), or after {@link
   * #SETTLE} at most.
   */
  private void awaitServicesIdle(List<String> notes) throws InterruptedException {
    long deadline = System.nanoTime() + SETTLE.toNanos();
    out.println("Substrate: waiting for the services to finish the load's backlog …");
    while (System.nanoTime() < deadline) {
      Snapshot from = cpuSnapshot(System.nanoTime(), notes);
      Thread.sleep(2_000);
      Snapshot to = cpuSnapshot(System.nanoTime(), notes);
      long ticks = 0;
      for (Component service : services()) {
        String name = service.displayName();
        OptionalLong a = from.ticks().getOrDefault(name, OptionalLong.empty());
        OptionalLong b = to.ticks().getOrDefault(name, OptionalLong.empty());
        if (a.isPresent() && b.isPresent()) {
          ticks += b.getAsLong() - a.getAsLong();
        }
      }
      double cores = ticks / (double) ProcStat.ticksPerSecond() / 2.0;
      if (cores < 0.1) {
        return;
      }
    }
    notes.add(
        "the services were still busy "
            + SETTLE.toSeconds()
            + " s after the load: the substrate figures share the machine with them");
  }

  private static double ratio(double ours, Double theirs) {
    return theirs == null || theirs <= 0 ? Double.NaN : ours / theirs;
  }

  // --- the header ----------------------------------------------------------------------------

  private String target() {
    return String.format(
        "intake %s, broker %s, Mongo %s%s",
        config.baseUrl(Component.INTAKE),
        config.kafkaBootstrap(),
        config.mongoUri(),
        config.dataDir().map(d -> ", data " + d).orElse(""));
  }

  /** The repository's commit, "+changes" when tracked files differ from it; null if unknown. */
  private String commit() {
    Optional<Path> home = config.home();
    if (home.isEmpty()) {
      return null;
    }
    String head = git(home.get(), "rev-parse", "--short", "HEAD");
    if (head == null || head.isBlank()) {
      return null;
    }
    String changes = git(home.get(), "status", "--porcelain", "--untracked-files=no");
    return head.strip() + (changes != null && !changes.isBlank() ? "+changes" : "");
  }

  private static String git(Path dir, String... args) {
    List<String> command = new ArrayList<>(List.of("git", "-C", dir.toString()));
    command.addAll(List.of(args));
    try {
      Process git = new ProcessBuilder(command).redirectErrorStream(false).start();
      String text = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      return git.waitFor(5, TimeUnit.SECONDS) && git.exitValue() == 0 ? text : null;
    } catch (IOException e) {
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }
}
