package gov.hotline.launcher;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Starts the stack's child processes, restarts those that die, and stops them in order.
 *
 * <p>Children write straight into their log files and run in their own session ({@code setsid}
 * where available): Ctrl-C in the terminal then reaches only the launcher, whose shutdown hook
 * stops services before the broker before Mongo, instead of every JVM racing to exit at once.
 */
public final class Supervisor {

  private static final Duration POLL = Duration.ofMillis(250);
  private static final Duration WAITING_NOTICE_EVERY = Duration.ofSeconds(15);
  private static final Duration FORCED_STOP_WAIT = Duration.ofSeconds(10);
  private static final Optional<String> SETSID =
      List.of("/usr/bin/setsid", "/bin/setsid").stream()
          .filter(p -> Files.isExecutable(Path.of(p)))
          .findFirst();

  /** Hears how a wait for readiness goes. */
  interface ReadyListener {
    ReadyListener SILENT = new ReadyListener() {};

    default void ready(ManagedChild child, Duration after) {}

    /** {@code pending} maps each child not ready yet to what it lacks. */
    default void stillWaiting(Map<ManagedChild, String> pending, Duration elapsed) {}
  }

  private final PrintStream out;
  private final RestartPolicy policy;
  private final HealthProbe probe;
  private final Clock clock;
  private final List<ManagedChild> children = new CopyOnWriteArrayList<>();
  private final ScheduledExecutorService restarts;
  private final List<Consumer<ManagedChild>> restartListeners = new CopyOnWriteArrayList<>();
  private boolean stopping; // guarded by this

  public Supervisor(PrintStream out, RestartPolicy policy, HealthProbe probe, Clock clock) {
    this.out = out;
    this.policy = policy;
    this.probe = probe;
    this.clock = clock;
    this.restarts =
        Executors.newScheduledThreadPool(
            Component.values().length,
            r -> {
              Thread t = new Thread(r, "hotline-restart");
              t.setDaemon(true);
              return t;
            });
  }

  public List<ManagedChild> children() {
    return List.copyOf(children);
  }

  public Optional<ManagedChild> child(Component component) {
    return children.stream().filter(c -> c.component() == component).findFirst();
  }

  /** Called after a restarted child is ready again (the launcher rewrites its state file). */
  void onRestarted(Consumer<ManagedChild> listener) {
    restartListeners.add(listener);
  }

  /** Starts a child; it is not restarted on a crash until {@link #supervise} is called. */
  ManagedChild launch(ChildSpec spec) throws IOException {
    ManagedChild child = new ManagedChild(spec);
    spawn(child);
    children.add(child);
    return child;
  }

  /** From now on, {@code child} is restarted when it dies. */
  void supervise(ManagedChild child) {
    child.supervised = true;
  }

  private synchronized void spawn(ManagedChild child) throws IOException {
    if (stopping) {
      throw new IllegalStateException("the stack is stopping");
    }
    ChildSpec spec = child.spec;
    Files.createDirectories(spec.logFile().getParent());
    String marker =
        String.format(
            "%n===== hotline launcher: starting %s at %s =====%n", spec.name(), clock.instant());
    Files.writeString(
        spec.logFile(),
        marker,
        StandardCharsets.UTF_8,
        StandardOpenOption.CREATE,
        StandardOpenOption.APPEND);
    child.logStart = LogTail.sizeOf(spec.logFile());
    child.tail = new LogTail(spec.logFile(), child.logStart);
    child.readyLine = null;

    List<String> command = new ArrayList<>();
    SETSID.ifPresent(command::add);
    command.addAll(spec.command());
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .directory(spec.workingDirectory().toFile())
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(spec.logFile().toFile()))
            .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
    builder.environment().putAll(spec.environment());
    Process process = builder.start();
    child.process = process;
    child.startedAt = clock.instant();
    child.state = ManagedChild.State.STARTING;
    process.onExit().thenAccept(exited -> onExit(child, exited));
  }

  /**
   * Waits until every child is ready; fails fast, with the end of its log, when one exits first.
   */
  void awaitReady(Collection<ManagedChild> waitFor, Duration timeout, ReadyListener listener)
      throws StartupException, InterruptedException {
    Instant start = clock.instant();
    Instant nextNotice = start.plus(WAITING_NOTICE_EVERY);
    Set<ManagedChild> pending = new LinkedHashSet<>(waitFor);
    while (!pending.isEmpty()) {
      for (ManagedChild child : List.copyOf(pending)) {
        Process process = child.process;
        if (isReady(child)) {
          child.state = ManagedChild.State.UP;
          pending.remove(child);
          listener.ready(child, Duration.between(start, clock.instant()));
        } else if (!process.isAlive()) {
          throw new StartupException(
              child.name()
                  + " (pid "
                  + process.pid()
                  + ") exited with code "
                  + process.exitValue()
                  + " before it was ready."
                  + logExcerpt(child));
        }
      }
      if (pending.isEmpty()) {
        return;
      }
      Instant now = clock.instant();
      if (now.isAfter(start.plus(timeout))) {
        StringBuilder why =
            new StringBuilder(
                pending.stream().map(ManagedChild::name).collect(Collectors.joining(", "))
                    + " not ready after "
                    + timeout.toSeconds()
                    + " s:");
        for (ManagedChild child : pending) {
          String reason = notReadyReason(child);
          why.append("\n  ").append(child.name()).append(": ").append(reason);
          why.append(
              reason.equals(HealthProbe.NO_ANSWER) || reason.equals(NO_READY_LINE)
                  ? logExcerpt(child) // it never got far: its log says why
                  : "\n  (log: " + child.logFile() + ")");
        }
        throw new StartupException(why.toString());
      }
      if (now.isAfter(nextNotice)) {
        Map<ManagedChild, String> reasons = new LinkedHashMap<>();
        pending.forEach(c -> reasons.put(c, notReadyReason(c)));
        listener.stillWaiting(reasons, Duration.between(start, now));
        nextNotice = now.plus(WAITING_NOTICE_EVERY);
      }
      Thread.sleep(POLL.toMillis());
    }
  }

  private static final String NO_READY_LINE = "no READY line yet";

  /** What a child that is not ready lacks, as a short phrase. */
  private String notReadyReason(ManagedChild child) {
    ChildSpec.Readiness readiness = child.spec.readiness();
    if (readiness instanceof ChildSpec.Healthy healthy) {
      HealthProbe.Health health = probe.check(healthy.baseUrl());
      return health.answered() ? "health " + health.describe() : health.status();
    }
    if (readiness instanceof ChildSpec.AllHealthy all) {
      List<String> reasons = new ArrayList<>();
      boolean anyAnswer = false;
      for (java.net.URI url : all.baseUrls()) {
        HealthProbe.Health health = probe.check(url);
        anyAnswer |= health.answered();
        if (!health.up()) {
          reasons.add(url.getPort() + " " + (health.answered() ? health.describe() : "no answer"));
        }
      }
      if (!anyAnswer) {
        return HealthProbe.NO_ANSWER; // the log says why
      }
      return reasons.isEmpty() ? "UP" : "health " + String.join("; ", reasons);
    }
    return NO_READY_LINE;
  }

  private boolean isReady(ManagedChild child) {
    ChildSpec.Readiness readiness = child.spec.readiness();
    if (readiness instanceof ChildSpec.ReadyLine line) {
      Optional<String> ready = child.tail.nextMatching(l -> l.startsWith(line.prefix()));
      ready.ifPresent(l -> child.readyLine = l);
      return ready.isPresent();
    }
    if (readiness instanceof ChildSpec.AllHealthy all) {
      return all.baseUrls().stream().allMatch(probe::isUp);
    }
    return probe.isUp(((ChildSpec.Healthy) readiness).baseUrl());
  }

  static String logExcerpt(ManagedChild child) {
    List<String> lines = LogTail.lastLines(child.logFile(), child.logStart, 20);
    if (lines.isEmpty()) {
      return " Its log (" + child.logFile() + ") is empty.";
    }
    return "\n  Last lines of "
        + child.logFile()
        + ":\n"
        + lines.stream().map(l -> "    " + l).collect(Collectors.joining("\n"));
  }

  private void onExit(ManagedChild child, Process exited) {
    Optional<Duration> delay;
    synchronized (this) {
      if (stopping || child.process != exited || child.state == ManagedChild.State.STOPPING) {
        return;
      }
      if (!child.supervised) {
        child.state = ManagedChild.State.FAILED; // whoever waits for it reports the failure
        return;
      }
      delay = policy.onCrash(child.crashes, clock.instant());
      child.state = delay.isPresent() ? ManagedChild.State.RESTARTING : ManagedChild.State.GAVE_UP;
    }
    String what =
        "! "
            + child.name()
            + " (pid "
            + exited.pid()
            + ") exited unexpectedly with code "
            + exited.exitValue();
    if (delay.isEmpty()) {
      out.println(
          what
              + ". It crashed "
              + policy.maxCrashes()
              + " times within "
              + policy.window().toSeconds()
              + " s; giving up on it. See "
              + child.logFile());
      return;
    }
    out.println(
        what + "; restarting it in " + seconds(delay.get()) + " (log: " + child.logFile() + ")");
    try {
      restarts.schedule(() -> restart(child), delay.get().toMillis(), TimeUnit.MILLISECONDS);
    } catch (java.util.concurrent.RejectedExecutionException stoppingAlready) {
      // the stack is stopping; nothing to restart
    }
  }

  private void restart(ManagedChild child) {
    try {
      spawn(child);
    } catch (IllegalStateException stoppingAlready) {
      return;
    } catch (IOException e) {
      child.state = ManagedChild.State.GAVE_UP;
      out.println("! Cannot restart " + child.name() + ": " + e.getMessage());
      return;
    }
    child.restarts++;
    out.println(
        "  " + child.name() + " restarted as pid " + child.pid() + "; waiting until it is ready");
    try {
      awaitReady(List.of(child), child.spec.readyTimeout(), ReadyListener.SILENT);
      out.println(
          "✓ "
              + child.name()
              + " is back up (pid "
              + child.pid()
              + ", "
              + seconds(Duration.between(child.startedAt, clock.instant()))
              + ")");
      restartListeners.forEach(l -> l.accept(child));
    } catch (StartupException e) {
      if (child.process.isAlive()) {
        out.println("! " + e.getMessage());
      } // else it died again, and onExit has already reported it and decided what to do
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Stops every child: lowest {@link Component#stopRank()} first, a rank's children in parallel,
   * each with SIGTERM and {@code grace} to exit before it is killed. Safe to call twice.
   */
  public void stopAll(Duration grace) {
    synchronized (this) {
      if (stopping) {
        return;
      }
      stopping = true;
    }
    restarts.shutdownNow();
    Map<Integer, List<ManagedChild>> byRank =
        children.stream()
            .collect(
                Collectors.groupingBy(
                    c -> c.component().stopRank(), TreeMap::new, Collectors.toList()));
    for (List<ManagedChild> group : byRank.values()) {
      stopGroup(group, grace);
    }
  }

  private void stopGroup(List<ManagedChild> group, Duration grace) {
    List<ManagedChild> running = new ArrayList<>();
    for (ManagedChild child : group) {
      Process process = child.process;
      if (process != null && process.isAlive()) {
        child.state = ManagedChild.State.STOPPING;
        out.println("Stopping " + child.name() + " (pid " + process.pid() + ")…");
        process.destroy();
        running.add(child);
      } else {
        child.state = ManagedChild.State.STOPPED;
      }
    }
    Instant start = clock.instant();
    Instant deadline = start.plus(grace);
    for (ManagedChild child : running) {
      Process process = child.process;
      try {
        long waitMillis = Math.max(0, Duration.between(clock.instant(), deadline).toMillis());
        if (!process.waitFor(waitMillis, TimeUnit.MILLISECONDS)) {
          out.println(
              "  "
                  + child.name()
                  + " did not stop within "
                  + grace.toSeconds()
                  + " s; killing it (pid "
                  + process.pid()
                  + ")");
          process.destroyForcibly();
          process.waitFor(FORCED_STOP_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        }
      } catch (InterruptedException e) {
        process.destroyForcibly();
        Thread.currentThread().interrupt();
      }
      child.state = ManagedChild.State.STOPPED;
      out.println(
          "  "
              + child.name()
              + " stopped"
              + (process.isAlive() ? " (still alive!)" : " (exit code " + process.exitValue() + ")")
              + " after "
              + seconds(Duration.between(start, clock.instant())));
    }
  }

  static String seconds(Duration duration) {
    return String.format(java.util.Locale.ROOT, "%.1f s", duration.toMillis() / 1000.0);
  }
}
