package gov.hotline.platform.replay;

import gov.hotline.api.admin.Replay;
import gov.hotline.api.admin.ReplayState;
import gov.hotline.platform.domain.RuleViolation;
import gov.hotline.platform.runtime.DaemonThreads;
import java.time.Clock;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The replays of this service: one at a time, each on a background thread, so an operator (or
 * {@code ./hotline bench --replay}) starts one, then follows its progress; the most recent ones are
 * remembered for that.
 */
public final class ReplayJobs implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ReplayJobs.class);
  private static final int REMEMBERED = 20;

  /** What a replay does; reports progress as it goes and returns when done. */
  @FunctionalInterface
  public interface Work {
    void run(Progress progress) throws Exception;
  }

  /** A running replay's counters. */
  public static final class Progress {
    private final AtomicLong events = new AtomicLong();
    private final Map<String, Long> figures = Collections.synchronizedMap(new LinkedHashMap<>());
    private volatile Long expected;
    private volatile String target;
    private volatile long startNanos = System.nanoTime();
    private volatile long stopNanos;

    public void add(long count) {
      events.addAndGet(count);
    }

    public void expect(long count) {
      expected = count;
    }

    public void figure(String name, long value) {
      figures.put(name, value);
    }

    public void target(String name) {
      target = name;
    }

    /** Restarts the clock: what came before (e.g. stopping a processor) is not replay time. */
    public void startClock() {
      startNanos = System.nanoTime();
      stopNanos = 0;
    }

    /**
     * Stops the clock: the rebuild is complete, and what follows (comparing counts, dropping a copy
     * that is not kept) is not replay time.
     */
    public void stopClock() {
      stopNanos = System.nanoTime();
    }

    public long events() {
      return events.get();
    }
  }

  private final class Job {
    final String id = UUID.randomUUID().toString().substring(0, 8);
    final String kind;
    final Instant startedAt;
    final Progress progress = new Progress();
    volatile ReplayState state = ReplayState.RUNNING;
    volatile long endNanos;
    volatile String error;

    Job(String kind, String target) {
      this.kind = kind;
      this.startedAt = clock.instant();
      progress.target(target);
    }

    void run(Work work) {
      try {
        progress.startClock();
        work.run(progress);
        endNanos = System.nanoTime();
        state = ReplayState.DONE;
        log.info(
            "replay {} ({} {}) done: {} events in {} s",
            id,
            kind,
            progress.target,
            progress.events(),
            String.format("%.2f", seconds()));
      } catch (Exception | Error e) {
        endNanos = System.nanoTime();
        error = e.toString();
        state = ReplayState.FAILED;
        log.warn("replay {} ({} {}) failed", id, kind, progress.target, e);
        if (e instanceof InterruptedException) {
          Thread.currentThread().interrupt();
        }
      }
    }

    double seconds() {
      long stopped = progress.stopNanos;
      long end =
          stopped != 0 ? stopped : state == ReplayState.RUNNING ? System.nanoTime() : endNanos;
      return (end - progress.startNanos) / 1e9;
    }

    Replay status() {
      double seconds = seconds();
      long events = progress.events();
      Map<String, Long> figures;
      synchronized (progress.figures) {
        figures = Map.copyOf(progress.figures);
      }
      return new Replay(
          id,
          kind,
          progress.target,
          state,
          startedAt,
          events,
          progress.expected,
          seconds,
          seconds > 0 ? events / seconds : 0,
          figures,
          error);
    }
  }

  private final Clock clock;
  private final Map<String, Job> jobs = new ConcurrentHashMap<>();
  private final ExecutorService runner =
      Executors.newSingleThreadExecutor(DaemonThreads.named("replay"));
  private Job running;

  public ReplayJobs(Clock clock) {
    this.clock = clock;
  }

  /**
   * Starts {@code work} as a replay of {@code kind} into {@code target}.
   *
   * @throws RuleViolation {@code replay-running} while another replay of this service runs
   */
  public synchronized Replay start(String kind, String target, Work work) {
    if (running != null && running.state == ReplayState.RUNNING) {
      throw new RuleViolation(
          "replay-running",
          "replay " + running.id + " (" + running.kind + ") is running; one replay at a time");
    }
    Job job = new Job(kind, target);
    if (jobs.size() >= REMEMBERED) {
      jobs.values().stream()
          .filter(j -> j.state != ReplayState.RUNNING)
          .min(java.util.Comparator.comparing(j -> j.startedAt))
          .ifPresent(oldest -> jobs.remove(oldest.id));
    }
    jobs.put(job.id, job);
    running = job;
    runner.execute(() -> job.run(work));
    return job.status();
  }

  public Optional<Replay> find(String replayId) {
    return Optional.ofNullable(jobs.get(replayId)).map(Job::status);
  }

  @Override
  public void close() {
    runner.shutdownNow();
  }
}
