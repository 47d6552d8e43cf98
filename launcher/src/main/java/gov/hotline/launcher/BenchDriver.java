package gov.hotline.launcher;

import gov.hotline.api.client.ApiException;
import gov.hotline.api.client.HotlineClient;
import gov.hotline.api.client.HotlineClient.Actor;
import gov.hotline.api.client.RetryPolicy;
import gov.hotline.api.intake.OrderOpened;
import gov.hotline.contract.workorder.OrderState;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * Drives lifecycles through the stack for {@code ./hotline bench}: each is a small state machine
 * that sends a step's command, and moves on when the command was answered <em>and</em> the step's
 * event is on the lifecycle topic ({@link BenchTopic} feeds {@link #onRecord}); it never polls a
 * view. A command answered 404 or 409 because the next service has not handled the previous event
 * yet is counted as a retry and sent again as soon as that service's consumer group has committed
 * past the event ({@link GroupOffsets}, asked every 50 ms), or after 30 s at the latest; when the
 * broker cannot say, after a back-off (20 ms, growing by half each time, to 1 s). Each early
 * command costs the service an aggregate load, so probing on a short timer while the stack is
 * seconds behind would measure the bench's own load. The client itself retries through restarts (no
 * answer, 5xx).
 *
 * <p>Figures are kept for the lifecycles <em>started</em> in the measured window (latencies) and
 * for what <em>happened</em> in it (completions, events): see {@link #openWindow}.
 */
final class BenchDriver implements BenchTopic.Listener, AutoCloseable {

  /** How long one step may take before its lifecycle counts as failed. */
  static final Duration STEP_PATIENCE = Duration.ofSeconds(120);

  static final long FIRST_BACKOFF_MS = 20;
  static final long MAX_BACKOFF_MS = 1000;

  /** A command waiting for its service's consumer is sent again after this at the latest. */
  static final long PARK_LIMIT_MS = 30_000;

  private static final long GRACE_NANOS = Duration.ofSeconds(30).toNanos();

  /** Events of orders the bench does not know (yet) are kept this long, then dropped. */
  private static final long EARLY_KEEP_NANOS = Duration.ofSeconds(60).toNanos();

  private static final int STEPS = BenchStep.values().length;

  /** Counts and latencies so far. */
  record Counts(
      long started,
      long completed,
      long failed,
      long dropped,
      long inFlight,
      long events,
      long retries,
      long completedInWindow,
      long eventsInWindow,
      long startedInWindow) {}

  private final List<HotlineClient> clients;
  private final String unit;
  private final String run;
  private final int inFlightCap;
  private final Semaphore slots;
  private final ScheduledThreadPoolExecutor senders;

  private final GroupOffsets offsets;
  private final Queue<Parked> parked = new ConcurrentLinkedQueue<>();
  private final Set<Flight> flights = ConcurrentHashMap.newKeySet();
  private final Object index = new Object();
  private final Map<String, Flight> byOrder = new HashMap<>(); // guarded by index
  private final Map<String, Early> early = new HashMap<>(); // guarded by index

  private volatile long windowStart = Long.MAX_VALUE;
  private volatile long windowEnd = Long.MAX_VALUE;

  private final LongAdder started = new LongAdder();
  private final LongAdder startedInWindow = new LongAdder();
  private final LongAdder completed = new LongAdder();
  private final LongAdder completedInWindow = new LongAdder();
  private final LongAdder failed = new LongAdder();
  private final LongAdder dropped = new LongAdder();
  private final LongAdder events = new LongAdder();
  private final LongAdder eventsInWindow = new LongAdder();
  private final LongAdder duplicates = new LongAdder();
  private final Map<String, LongAdder> errors = new ConcurrentHashMap<>();
  private final Map<String, LongAdder> retries = new ConcurrentHashMap<>();

  private final Latencies lifecycle = new Latencies();
  private final Latencies[] toTopic = latencies();
  private final Latencies[] toAnswer = latencies();
  private final Latencies[] waited = latencies();
  private final Latencies[] held = latencies();

  /**
   * @param closedLoop true for {@code --max}: at most {@code inFlight} lifecycles at a time, each
   *     start waiting for a free slot; false for a rate: {@code inFlight} is a cap beyond which
   *     arrivals are dropped (and counted)
   */
  BenchDriver(
      List<HotlineClient.Endpoints> endpoints,
      GroupOffsets offsets,
      String unit,
      String run,
      boolean closedLoop,
      int inFlight,
      int senderThreads) {
    this.clients = endpoints.stream().map(this::client).toList();
    this.offsets = offsets;
    this.unit = unit;
    this.run = run;
    this.inFlightCap = inFlight;
    this.slots = closedLoop ? new Semaphore(inFlight) : null;
    AtomicInteger threadNo = new AtomicInteger();
    this.senders =
        new ScheduledThreadPoolExecutor(
            senderThreads,
            r -> {
              Thread t = new Thread(r, "bench-send-" + threadNo.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    senders.scheduleWithFixedDelay(this::sweep, 1, 1, TimeUnit.SECONDS);
    senders.scheduleWithFixedDelay(this::unpark, 10, 10, TimeUnit.MILLISECONDS);
  }

  private HotlineClient client(HotlineClient.Endpoints endpoints) {
    return HotlineClient.builder(endpoints)
        .retry(RetryPolicy.within(STEP_PATIENCE))
        .requestTimeout(Duration.ofSeconds(30))
        .onRetry(
            (failure, pause) ->
                count(
                    retries,
                    "client retry: "
                        + (failure.answered() ? "HTTP " + failure.status() : "no answer")))
        .build();
  }

  /**
   * The client of the instance that takes this step: with two instances, the steps of one lifecycle
   * alternate between them (and so do lifecycles), as a load balancer in front of them would send
   * them — an order's next command often lands on the instance that did not decide the last one.
   */
  private HotlineClient client(Flight f, BenchStep step) {
    return clients.get((int) ((f.k + step.ordinal()) % clients.size()));
  }

  /** Unit the lifecycles are dispatched to. */
  String unit() {
    return unit;
  }

  // --- the window --------------------------------------------------------------------------

  /** From now on, started lifecycles are measured, and completions and events counted. */
  void openWindow(long now) {
    windowStart = now;
  }

  /** Completions and events after this no longer count; latencies of the window's still do. */
  void closeWindow(long now) {
    windowEnd = now;
  }

  private boolean inWindow(long t) {
    return t >= windowStart && t < windowEnd;
  }

  // --- starting ------------------------------------------------------------------------------

  /**
   * Open loop: starts lifecycle {@code k}, due at {@code scheduled}; false (and counted as dropped)
   * when {@code inFlight} lifecycles are in flight already.
   */
  boolean start(int k, long scheduled) {
    if (slots == null && flights.size() >= inFlightCap) {
      dropped.increment();
      return false;
    }
    Flight f = new Flight(k, scheduled);
    flights.add(f);
    started.increment();
    if (scheduled >= windowStart) {
      startedInWindow.increment();
    }
    senders.execute(() -> send(f));
    return true;
  }

  /**
   * Closed loop: starts lifecycle {@code k} once a slot is free, waiting at most {@code millis}.
   */
  boolean startWhenFree(int k, long millis) throws InterruptedException {
    if (!slots.tryAcquire(Math.max(0, millis), TimeUnit.MILLISECONDS)) {
      return false;
    }
    return start(k, System.nanoTime());
  }

  // --- one step ------------------------------------------------------------------------------

  private void send(Flight f) {
    BenchStep step;
    long deadline;
    synchronized (f) {
      if (f.over) {
        return;
      }
      step = f.step;
      if (f.sent == 0) {
        f.sent = System.nanoTime();
      }
      deadline = f.sent + STEP_PATIENCE.toNanos();
    }
    try {
      RetryPolicy retry =
          RetryPolicy.within(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
      OrderState state = command(f, step, retry);
      synchronized (f) {
        if (f.over || f.step != step) {
          return;
        }
        if (state != step.state) {
          fail(f, step.label + ": answered state " + state + ", expected " + step.state);
          return;
        }
        f.answered = System.nanoTime();
        advance(f);
      }
    } catch (ApiException e) {
      if (e.answered() && (e.isNotFound() || e.isConflict())) {
        notYet(f, step, e.status(), deadline);
      } else {
        synchronized (f) {
          fail(f, step.label + ": " + (e.answered() ? "HTTP " + e.status() : "no answer"));
        }
      }
    } catch (RuntimeException e) {
      synchronized (f) {
        fail(f, step.label + ": " + e.getClass().getSimpleName());
      }
    }
  }

  /**
   * 404 or 409: the service has not consumed the previous step yet — or, when a retried command's
   * first attempt worked and its answer was lost, the step is done already: its event shows it.
   */
  private void notYet(Flight f, BenchStep step, int status, long deadline) {
    synchronized (f) {
      if (f.over || f.step != step) {
        return;
      }
      long now = System.nanoTime();
      if (f.seen[step.ordinal()] != null) {
        f.answered = now;
        advance(f);
        return;
      }
      count(retries, step.label + ": " + status + " not yet");
      if (now > deadline) {
        fail(f, step.label + ": still " + status + " after " + STEP_PATIENCE.toSeconds() + " s");
        return;
      }
      Seen before = step.previous().map(p -> f.seen[p.ordinal()]).orElse(null);
      if (before != null && canHold(step)) {
        parked.add(new Parked(f, step, before, now));
        return;
      }
      long pause = f.backoff;
      f.backoff = nextBackoff(pause);
      senders.schedule(() -> send(f), pause, TimeUnit.MILLISECONDS);
    }
  }

  /**
   * Every 10 ms: sends again the commands whose service has now handled the event they wait for, or
   * that have waited {@value #PARK_LIMIT_MS} ms.
   */
  private void unpark() {
    try {
      long now = System.nanoTime();
      for (Iterator<Parked> i = parked.iterator(); i.hasNext(); ) {
        Parked p = i.next();
        boolean ready =
            handled(p.step, p.waitingFor)
                || now - p.since > TimeUnit.MILLISECONDS.toNanos(PARK_LIMIT_MS);
        if (ready) {
          i.remove();
          synchronized (p.flight) {
            if (p.flight.sent == 0) {
              p.flight.held = now - p.since;
            }
          }
          senders.execute(() -> send(p.flight));
        }
      }
    } catch (RuntimeException e) {
      count(errors, "bench: " + e);
    }
  }

  /** The pause after {@code pauseMs}: half as long again, at most {@value #MAX_BACKOFF_MS} ms. */
  static long nextBackoff(long pauseMs) {
    return Math.min(MAX_BACKOFF_MS, pauseMs + Math.max(1, pauseMs / 2));
  }

  private OrderState command(Flight f, BenchStep step, RetryPolicy retry) {
    return switch (step) {
      case OPEN -> {
        OrderOpened opened =
            client(f, step)
                .as(Actor.operator("op-" + f.k))
                .withRetry(retry)
                .openOrder(Demo.complaint(f.k, run), f.idempotencyKey);
        register(f, opened.orderId());
        yield opened.state();
      }
      case DISPATCH ->
          client(f, step)
              .as(Demo.DISPATCHER)
              .withRetry(retry)
              .dispatch(f.id(), Demo.dispatchRequest(unit))
              .state();
      case HANDLE ->
          client(f, step)
              .as(Actor.unitHandler("h-1", unit))
              .withRetry(retry)
              .reportResult(f.id(), Demo.RESULT)
              .state();
      case REVIEW ->
          client(f, step).as(Demo.SUPERVISOR).withRetry(retry).review(f.id(), Demo.REVIEW).state();
      case CALLBACK ->
          client(f, step)
              .as(Demo.SUPERVISOR)
              .withRetry(retry)
              .callback(f.id(), Demo.CALLBACK)
              .state();
    };
  }

  /** The order id is known: events seen before the answer came are this lifecycle's now. */
  private void register(Flight f, UUID orderId) {
    String key = orderId.toString();
    synchronized (f) {
      f.orderId = orderId;
    }
    Early before;
    synchronized (index) {
      byOrder.put(key, f);
      before = early.remove(key);
    }
    if (before != null) {
      before.seen.forEach((step, at) -> seen(f, step, at));
    }
  }

  // --- events --------------------------------------------------------------------------------

  @Override
  public void onRecord(String key, String ceType, int partition, long offset, long seenNanos) {
    events.increment();
    if (inWindow(seenNanos)) {
      eventsInWindow.increment();
    }
    Optional<BenchStep> step = BenchStep.ofCeType(ceType);
    if (key == null || step.isEmpty()) {
      return;
    }
    Flight f;
    synchronized (index) {
      f = byOrder.get(key);
      if (f == null) {
        early
            .computeIfAbsent(key, k -> new Early(seenNanos))
            .seen
            .putIfAbsent(step.get(), new Seen(seenNanos, partition, offset));
        return;
      }
    }
    seen(f, step.get(), new Seen(seenNanos, partition, offset));
  }

  private void seen(Flight f, BenchStep step, Seen at) {
    synchronized (f) {
      if (f.over) {
        return;
      }
      if (f.seen[step.ordinal()] != null) {
        duplicates.increment();
        return;
      }
      f.seen[step.ordinal()] = at;
      if (step == f.step) {
        advance(f);
      }
    }
  }

  /**
   * Holding {@code f}: when its step is answered and on the topic, records it and sends the next.
   */
  private void advance(Flight f) {
    BenchStep step = f.step;
    int i = step.ordinal();
    if (f.answered == 0 || f.seen[i] == null) {
      return;
    }
    long seen = f.seen[i].at();
    if (f.scheduled >= windowStart) {
      toTopic[i].record(seen - f.sent);
      toAnswer[i].record(f.answered - f.sent);
      waited[i].record(f.sent - f.due - f.held);
      held[i].record(f.held);
    }
    long done = Math.max(seen, f.answered);
    Optional<BenchStep> next = step.next();
    if (next.isEmpty()) {
      finish(f, seen);
      return;
    }
    f.step = next.get();
    f.due = done;
    f.sent = 0;
    f.answered = 0;
    f.held = 0;
    f.backoff = FIRST_BACKOFF_MS;
    Seen waitingFor = f.seen[i];
    if (waitsForItsService(f.step, waitingFor)) {
      parked.add(new Parked(f, f.step, waitingFor, System.nanoTime()));
    } else {
      senders.execute(() -> send(f));
    }
  }

  /**
   * Whether {@code step}'s service has yet to handle the event the step follows: then the command
   * is held until it has, as a person at that service would act on the order only once it shows
   * there. Sent at once, it would be answered "not yet" (and cost the service a lookup) in most
   * cases.
   */
  private boolean waitsForItsService(BenchStep step, Seen previous) {
    return canHold(step) && !handled(step, previous);
  }

  /** Whether a command of {@code step} can be held on its service's committed offset. */
  private boolean canHold(BenchStep step) {
    return step.waitsFor != null && offsets != null && offsets.answering();
  }

  /** Whether {@code step}'s service has committed past {@code previous} (the event it follows). */
  private boolean handled(BenchStep step, Seen previous) {
    return offsets.handled(step.waitsFor, previous.partition(), previous.offset());
  }

  private void finish(Flight f, long at) {
    f.over = true;
    completed.increment();
    if (inWindow(at)) {
      completedInWindow.increment();
    }
    if (f.scheduled >= windowStart) {
      lifecycle.record(at - f.scheduled);
    }
    remove(f);
  }

  /** Holding {@code f}. */
  private void fail(Flight f, String kind) {
    if (f.over) {
      return;
    }
    f.over = true;
    failed.increment();
    count(errors, kind);
    remove(f);
  }

  private void remove(Flight f) {
    flights.remove(f);
    if (f.orderId != null) {
      synchronized (index) {
        byOrder.remove(f.orderId.toString());
      }
    }
    if (slots != null) {
      slots.release();
    }
  }

  /** Every second: gives up on stuck lifecycles, forgets events of orders nobody claimed. */
  private void sweep() {
    try {
      long now = System.nanoTime();
      for (Flight f : flights) {
        synchronized (f) {
          if (!f.over && f.sent != 0 && now - f.sent > STEP_PATIENCE.toNanos() + GRACE_NANOS) {
            fail(
                f,
                f.step.label
                    + (f.answered != 0 ? ": event not on the topic" : ": no answer")
                    + " within "
                    + (STEP_PATIENCE.toSeconds() + GRACE_NANOS / 1_000_000_000)
                    + " s");
          }
        }
      }
      synchronized (index) {
        early.values().removeIf(e -> now - e.first > EARLY_KEEP_NANOS);
      }
    } catch (RuntimeException e) {
      count(errors, "bench: " + e);
    }
  }

  // --- figures -------------------------------------------------------------------------------

  Counts counts() {
    return new Counts(
        started.sum(),
        completed.sum(),
        failed.sum(),
        dropped.sum(),
        flights.size(),
        events.sum(),
        retries.values().stream().mapToLong(LongAdder::sum).sum(),
        completedInWindow.sum(),
        eventsInWindow.sum(),
        startedInWindow.sum());
  }

  /** Lifecycles started in the window still in flight. */
  long measuredInFlight() {
    long window = windowStart;
    return flights.stream().filter(f -> f.scheduled >= window).count();
  }

  Map<String, Long> errors() {
    return sorted(errors);
  }

  Map<String, Long> retries() {
    return sorted(retries);
  }

  long duplicates() {
    return duplicates.sum();
  }

  Latencies.Summary lifecycleLatency() {
    return lifecycle.summary();
  }

  /**
   * Per step: command sent → answered, → event on the topic, the bench's own wait (due → sent, less
   * the hold) and the hold for the step's service to handle the previous event.
   */
  List<BenchReport.StepLatency> stepLatencies() {
    List<BenchReport.StepLatency> steps = new ArrayList<>();
    for (BenchStep step : BenchStep.values()) {
      int i = step.ordinal();
      steps.add(
          new BenchReport.StepLatency(
              step.label,
              BenchStep.shortType(step.ceType),
              toAnswer[i].summary(),
              toTopic[i].summary(),
              waited[i].summary(),
              held[i].summary()));
    }
    return steps;
  }

  private static Map<String, Long> sorted(Map<String, LongAdder> counts) {
    Map<String, Long> out = new TreeMap<>();
    counts.forEach((k, v) -> out.put(k, v.sum()));
    return out;
  }

  private static void count(Map<String, LongAdder> counts, String kind) {
    counts.computeIfAbsent(kind, k -> new LongAdder()).increment();
  }

  private static Latencies[] latencies() {
    Latencies[] all = new Latencies[STEPS];
    for (int i = 0; i < STEPS; i++) {
      all[i] = new Latencies();
    }
    return all;
  }

  @Override
  public void close() throws InterruptedException {
    senders.shutdownNow();
    senders.awaitTermination(10, TimeUnit.SECONDS);
  }

  /** One lifecycle; every field but the finals is guarded by the flight itself. */
  private static final class Flight {
    final int k;
    final long scheduled;
    final String idempotencyKey = UUID.randomUUID().toString();
    UUID orderId;
    BenchStep step = BenchStep.OPEN;
    long due;
    long sent;
    long answered;

    /** How long its first attempt was held for the service to handle the previous event. */
    long held;

    long backoff = FIRST_BACKOFF_MS;
    final Seen[] seen = new Seen[STEPS];
    boolean over;

    Flight(int k, long scheduled) {
      this.k = k;
      this.scheduled = scheduled;
      this.due = scheduled;
    }

    synchronized UUID id() {
      return orderId;
    }
  }

  /** When a step's event was polled from the topic, and where it stands there. */
  private record Seen(long at, int partition, long offset) {}

  /** A command answered "not yet", waiting for its service to handle {@code waitingFor}. */
  private record Parked(Flight flight, BenchStep step, Seen waitingFor, long since) {}

  /** Events of an order seen before its {@code POST /orders} was answered (or not ours). */
  private static final class Early {
    final long first;
    final Map<BenchStep, Seen> seen = new EnumMap<>(BenchStep.class);

    Early(long first) {
      this.first = first;
    }
  }
}
