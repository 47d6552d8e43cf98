package gov.hotline.launcher;

import com.fasterxml.jackson.databind.ObjectMapper;
import gov.hotline.api.StepDone;
import gov.hotline.api.client.ApiException;
import gov.hotline.api.client.HotlineClient;
import gov.hotline.api.client.HotlineClient.Actor;
import gov.hotline.api.client.RetryPolicy;
import gov.hotline.api.dispatch.DispatchRequest;
import gov.hotline.api.dispatch.ResultRequest;
import gov.hotline.api.intake.OpenOrderRequest;
import gov.hotline.api.intake.OrderOpened;
import gov.hotline.api.supervision.CallbackRequest;
import gov.hotline.api.supervision.ReviewRequest;
import gov.hotline.api.supervision.Timeline;
import gov.hotline.contract.workorder.CallbackChannel;
import gov.hotline.contract.workorder.Channel;
import gov.hotline.contract.workorder.DemandType;
import gov.hotline.contract.workorder.HandlingOutcome;
import gov.hotline.contract.workorder.HandlingUnit;
import gov.hotline.contract.workorder.OrderState;
import gov.hotline.contract.workorder.Satisfaction;
import gov.hotline.contract.workorder.UnitLevel;
import gov.hotline.contract.workorder.Urgency;
import gov.hotline.contract.workorder.Verdict;
import java.io.PrintStream;
import java.time.Duration;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;
import java.util.function.Predicate;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * {@code ./hotline demo [N]}: takes N complaints and walks each through the whole loop over the
 * public REST APIs — receive, dispatch, handle, review, callback — then shows what reached the
 * lifecycle topic, whether any demand became two orders, and one order's audit trail.
 *
 * <p>It rides through services, the broker or the Mongo server being killed and restarted
 * meanwhile: each step is tried again, with back-off, while there is no answer or a 5xx; a read
 * that finds nothing yet is read again; a command answered 409 counts as done when the order is
 * already where the command would have taken it (its first attempt worked, but the answer was
 * lost). An order is opened with one {@code Idempotency-Key} however often the request is sent.
 */
final class Demo {

  static final int IN_FLIGHT = 8;
  static final int EVENTS_PER_CLOSED_ORDER = 5;

  /**
   * How long the demo waits: for one step ({@code step}: a service restarting after {@code kill -9}
   * takes up to ~30 s on two busy cores, the broker ~10 s and its consumers rejoining more), for
   * one request's answer before it is sent again ({@code request}), and for the relays to publish
   * the run's last events before the topic is checked ({@code settle}).
   */
  record Patience(Duration step, Duration request, Duration settle) {
    static final Patience DEFAULT =
        new Patience(Duration.ofSeconds(120), Duration.ofSeconds(30), Duration.ofSeconds(30));
  }

  static final String FALLBACK_UNIT = "340602-001-001";
  private static final long FIRST_BACKOFF_MS = 20;
  private static final long MAX_BACKOFF_MS = 200;

  /** The services the lifecycle goes through; the demo and the bench need them up. */
  static final List<Component> NEEDED =
      List.of(Component.INTAKE, Component.DISPATCH, Component.SUPERVISION);

  static final Actor DISPATCHER = Actor.dispatcher("disp-1");
  static final Actor SUPERVISOR = Actor.supervisor("sup-1");
  static final Actor AUDITOR = Actor.auditor("aud-1");

  /** The states of the demo's path, in order: a step is done once the order is at or past it. */
  private static final List<OrderState> PATH =
      List.of(
          OrderState.RECEIVED,
          OrderState.DISPATCHED,
          OrderState.HANDLED,
          OrderState.AWAITING_CALLBACK,
          OrderState.CLOSED);

  /** The steps of one order, in order; their names appear in timings and failures. */
  static final List<String> STEPS =
      List.of(
          "receive",
          "dispatch sees it",
          "dispatch",
          "handle",
          "supervision sees it",
          "review",
          "callback",
          "timeline");

  /** The demo's answers at each step: resolved, approved, the caller satisfied. */
  static final ResultRequest RESULT =
      new ResultRequest(HandlingOutcome.RESOLVED, "已责令工地夜间停工", "现场检查并下达整改通知", null);

  static final ReviewRequest REVIEW = new ReviewRequest(Verdict.APPROVED, "整改到位");
  static final CallbackRequest CALLBACK =
      new CallbackRequest(true, 1, Satisfaction.SATISFIED, true, CallbackChannel.PHONE);

  /** To {@code unit}, due in 10 days. */
  static DispatchRequest dispatchRequest(String unit) {
    return new DispatchRequest(unit, null, 10, null, null);
  }

  private static final String[][] COMPLAINTS = {
    {"夜间施工噪声", "工地每晚十一点后仍在施工"},
    {"广场舞音响扰民", "小区广场每晚九点后音响声音过大"},
    {"商铺外放音乐", "临街商铺整日大音量外放音乐"},
    {"夜间装修噪声", "楼上住户夜间十点后仍在装修"},
    {"KTV噪声扰民", "附近KTV凌晨仍有噪声"},
  };
  private static final String[] NAMES = {"张三", "李四", "王五", "赵六", "孙七"};

  /** A failed step of one order: which step and what the service answered. */
  static final class StepFailure extends RuntimeException {
    final String step;

    StepFailure(String step, String message) {
      super(message);
      this.step = step;
    }
  }

  /** What became of one order. */
  record Outcome(
      int k,
      String orderId,
      String orderNumber,
      boolean closed,
      String failedStep,
      String error,
      Map<String, Duration> stepTimes,
      Timeline timeline) {}

  /** What one try of a step came to: done (with its value), or not yet (and what was seen). */
  private record Try<T>(T value, String seen) {
    static <T> Try<T> done(T value) {
      return new Try<>(value, null);
    }

    static <T> Try<T> notYet(String seen) {
      return new Try<>(null, seen);
    }
  }

  private final StackConfig config;
  private final PrintStream out;
  private final LifecycleTopic topic;
  private final Patience patience;
  private final HotlineClient client;
  private final ObjectMapper json;
  private final String run = UUID.randomUUID().toString().substring(0, 8);
  private final LongAdder unanswered = new LongAdder();
  private final LongAdder serverErrors = new LongAdder();
  private final LongAdder foundDone = new LongAdder();

  Demo(StackConfig config, PrintStream out, LifecycleTopic topic) {
    this(config, out, topic, Patience.DEFAULT);
  }

  /** {@code topic} reads the lifecycle topic; its answers are empty when Kafka is away. */
  Demo(StackConfig config, PrintStream out, LifecycleTopic topic, Patience patience) {
    this.config = config;
    this.out = out;
    this.topic = topic;
    this.patience = patience;
    this.client =
        HotlineClient.builder(config.endpoints())
            .retry(RetryPolicy.within(patience.step()))
            .requestTimeout(patience.request())
            .onRetry(
                (failure, pause) -> (failure.answered() ? serverErrors : unanswered).increment())
            .build();
    this.json = client.json();
  }

  /**
   * Runs {@code n} orders; 0 if all closed and the topic shows no demand opened twice, 1 otherwise,
   * 2 if the stack is not there.
   */
  int run(int n) throws InterruptedException {
    List<String> down = new HealthProbe().notUp(config, NEEDED);
    if (!down.isEmpty()) {
      out.println("The stack is not running: " + String.join(", ", down) + ".");
      out.println("Start it with ./hotline up (in another terminal), then run the demo again.");
      return 2;
    }

    String unit = chooseUnit(client, out);
    Optional<Map<Integer, Long>> mark = topic.mark();
    out.printf(
        "Driving %d order%s through the loop, %d in flight, dispatching to unit %s (run %s)%n",
        n, n == 1 ? "" : "s", Math.min(IN_FLIGHT, n), unit, run);

    Outcome[] outcomes = new Outcome[n];
    AtomicInteger threadNo = new AtomicInteger();
    ExecutorService pool =
        Executors.newFixedThreadPool(
            Math.min(IN_FLIGHT, n),
            r -> {
              Thread t = new Thread(r, "demo-order-" + threadNo.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    long start = System.nanoTime();
    int closed = 0;
    try (ProgressBar bar = progressBar(n)) {
      ExecutorCompletionService<Outcome> done = new ExecutorCompletionService<>(pool);
      for (int k = 1; k <= n; k++) {
        int order = k;
        done.submit(() -> runOrder(order, unit));
      }
      for (int i = 0; i < n; i++) {
        Outcome outcome;
        try {
          outcome = done.take().get();
        } catch (ExecutionException e) {
          throw new IllegalStateException("an order's task failed unexpectedly", e.getCause());
        }
        outcomes[outcome.k() - 1] = outcome;
        if (outcome.closed()) {
          closed++;
        }
        bar.step();
        bar.setExtraMessage(
            " closed " + closed + (closed < i + 1 ? ", failed " + (i + 1 - closed) : ""));
      }
    } finally {
      pool.shutdownNow();
    }
    Duration took = Duration.ofNanos(System.nanoTime() - start);

    boolean topicClean = report(n, closed, List.of(outcomes), mark, took);
    return closed == n && topicClean ? 0 : 1;
  }

  private ProgressBar progressBar(int n) {
    String lang =
        String.join(" ", env("LC_ALL"), env("LC_CTYPE"), env("LANG")).toUpperCase(Locale.ROOT);
    boolean unicode = lang.contains("UTF-8") || lang.contains("UTF8");
    return new ProgressBarBuilder()
        .setTaskName("Orders")
        .setInitialMax(n)
        .setStyle(unicode ? ProgressBarStyle.UNICODE_BLOCK : ProgressBarStyle.ASCII)
        .setConsumer(new ConsoleProgressBarConsumer(out))
        .setUpdateIntervalMillis(250)
        .showSpeed()
        .build();
  }

  private static String env(String name) {
    String value = System.getenv(name);
    return value == null ? "" : value;
  }

  /** The unit the demo and the bench dispatch to: one the service lists, else a fallback. */
  static String chooseUnit(HotlineClient client, PrintStream out) {
    try {
      Optional<String> unit = pickUnit(client.as(DISPATCHER).units());
      if (unit.isPresent()) {
        return unit.get();
      }
      out.println("! dispatch lists no units; trying " + FALLBACK_UNIT);
    } catch (ApiException e) {
      out.println("! Cannot list units (" + e.getMessage() + "); trying " + FALLBACK_UNIT);
    }
    return FALLBACK_UNIT;
  }

  /** A street or community unit (where complaints are handled), else any unit. */
  static Optional<String> pickUnit(List<HandlingUnit> units) {
    for (UnitLevel level : List.of(UnitLevel.STREET, UnitLevel.COMMUNITY)) {
      Optional<String> found =
          units.stream()
              .filter(u -> u.level() == level && u.id() != null && !u.id().isBlank())
              .map(HandlingUnit::id)
              .findFirst();
      if (found.isPresent()) {
        return found;
      }
    }
    return units.stream()
        .map(HandlingUnit::id)
        .filter(id -> id != null && !id.isBlank())
        .findFirst();
  }

  /**
   * The k-th demo complaint of run {@code run}: its caller's phone number and its text vary with
   * {@code k}; its description names {@code k} and the run, so the topic shows which demand an
   * order came from.
   */
  static OpenOrderRequest complaint(int k, String run) {
    String[] text = COMPLAINTS[(k - 1) % COMPLAINTS.length];
    return new OpenOrderRequest(
        Channel.PHONE,
        DemandType.COMPLAINT,
        new OpenOrderRequest.CategoryRequest("URBAN.NOISE", List.of("城市管理", "噪声扰民")),
        Urgency.NORMAL,
        text[0],
        text[1] + "（" + DemoAudit.demandMark(k, run) + "）",
        new OpenOrderRequest.LocationRequest(
            "淮北市相山区人民路" + (1 + (k - 1) % 300) + "号", "340602", null, null),
        new OpenOrderRequest.CallerRequest(
            String.format(Locale.ROOT, "138%08d", k % 100_000_000),
            NAMES[(k - 1) % NAMES.length],
            false,
            false),
        null);
  }

  private Outcome runOrder(int k, String unit) {
    Map<String, Duration> times = new LinkedHashMap<>();
    String orderId = null;
    String orderNumber = null;
    String step = STEPS.get(0);
    try {
      long t = System.nanoTime();
      HotlineClient operator = client.as(Actor.operator("op-" + k));
      String idempotencyKey = UUID.randomUUID().toString(); // one demand, one order
      OrderOpened opened =
          until(
              step,
              Demo::unanswered,
              retry ->
                  Try.done(operator.withRetry(retry).openOrder(complaint(k, run), idempotencyKey)));
      orderId = opened.orderId().toString();
      orderNumber = opened.orderNumber();
      expectState(step, opened.state(), OrderState.RECEIVED, opened);
      t = lap(times, step, t);
      UUID id = opened.orderId();
      HotlineClient dispatcher = client.as(DISPATCHER);
      HotlineClient supervisor = client.as(SUPERVISOR);
      HotlineClient handler = client.as(Actor.unitHandler("h-1", unit));
      Function<RetryPolicy, Optional<OrderState>> atDispatch =
          retry -> dispatcher.withRetry(retry).findDispatchOrder(id).map(o -> o.state());
      Function<RetryPolicy, Optional<OrderState>> atSupervision =
          retry -> supervisor.withRetry(retry).findSupervisionOrder(id).map(o -> o.state());

      step = STEPS.get(1);
      poll(step, atDispatch, s -> reached(s, OrderState.RECEIVED));
      t = lap(times, step, t);

      step = STEPS.get(2);
      DispatchRequest dispatch = dispatchRequest(unit);
      command(
          step,
          OrderState.DISPATCHED,
          id,
          retry -> dispatcher.withRetry(retry).dispatch(id, dispatch),
          atDispatch);
      t = lap(times, step, t);

      step = STEPS.get(3);
      command(
          step,
          OrderState.HANDLED,
          id,
          retry -> handler.withRetry(retry).reportResult(id, RESULT),
          atDispatch);
      t = lap(times, step, t);

      step = STEPS.get(4);
      poll(step, atSupervision, s -> reached(s, OrderState.HANDLED));
      t = lap(times, step, t);

      step = STEPS.get(5);
      command(
          step,
          OrderState.AWAITING_CALLBACK,
          id,
          retry -> supervisor.withRetry(retry).review(id, REVIEW),
          atSupervision);
      t = lap(times, step, t);

      step = STEPS.get(6);
      command(
          step,
          OrderState.CLOSED,
          id,
          retry -> supervisor.withRetry(retry).callback(id, CALLBACK),
          atSupervision);
      t = lap(times, step, t);

      step = STEPS.get(7);
      HotlineClient auditor = client.as(AUDITOR);
      Timeline timeline =
          poll(step, retry -> auditor.withRetry(retry).findTimeline(id), Demo::isCompleteTimeline);
      lap(times, step, t);
      return new Outcome(k, orderId, orderNumber, true, null, null, times, timeline);
    } catch (StepFailure e) {
      return new Outcome(k, orderId, orderNumber, false, e.step, e.getMessage(), times, null);
    } catch (ApiException e) {
      return new Outcome(k, orderId, orderNumber, false, step, e.getMessage(), times, null);
    } catch (RuntimeException e) {
      return new Outcome(k, orderId, orderNumber, false, step, e.toString(), times, null);
    }
  }

  private static long lap(Map<String, Duration> times, String step, long since) {
    long now = System.nanoTime();
    times.put(step, Duration.ofNanos(now - since));
    return now;
  }

  /** Closed: five events, Received first, and the last one the callback (Revisited). */
  static boolean isCompleteTimeline(Timeline timeline) {
    List<Timeline.Entry> events = timeline.events();
    if (events == null || events.size() < EVENTS_PER_CLOSED_ORDER) {
      return false;
    }
    Timeline.Entry last = events.get(events.size() - 1);
    return "REVISITED".equalsIgnoreCase(TimelineTable.step(last.step(), last.type()));
  }

  /** Whether an order in {@code state} is at or past {@code target} on the demo's path. */
  static boolean reached(OrderState state, OrderState target) {
    return PATH.contains(state) && PATH.indexOf(state) >= PATH.indexOf(target);
  }

  private static void expectState(String step, OrderState actual, OrderState state, Object answer) {
    if (actual != state) {
      throw new StepFailure(
          step, "expected state " + state + ", the service answered " + shorten(answer));
    }
  }

  /** No answer, or a 5xx: a service (or what it stands on) is restarting. */
  private static boolean unanswered(ApiException e) {
    return !e.answered() || RetryPolicy.isRetryable(e.status());
  }

  /** Besides a restart, a view that has not caught up (404) or an order not there yet (409). */
  private static boolean notYet(ApiException e) {
    return unanswered(e) || e.isNotFound() || e.isConflict();
  }

  /** Reads until {@code lookup} finds something {@code done} accepts. */
  private <T> T poll(String step, Function<RetryPolicy, Optional<T>> lookup, Predicate<T> done) {
    return until(
        step,
        Demo::notYet,
        retry ->
            lookup
                .apply(retry)
                .map(found -> done.test(found) ? Try.done(found) : Try.<T>notYet(shorten(found)))
                .orElse(Try.notYet("not found (404)")));
  }

  /**
   * Sends a lifecycle command until it is done. A 409 is the order not being there yet — or being
   * past it already, when an earlier attempt worked but its answer was lost: then the step is done.
   * The problem's {@code state} says where the order is; where a service does not say, {@code
   * current} reads it from the service's view.
   */
  private void command(
      String step,
      OrderState target,
      UUID orderId,
      Function<RetryPolicy, StepDone> send,
      Function<RetryPolicy, Optional<OrderState>> current) {
    until(
        step,
        Demo::notYet,
        retry -> {
          try {
            StepDone answer = send.apply(retry);
            expectState(step, answer.state(), target, answer);
            return Try.done(answer);
          } catch (ApiException e) {
            if (!e.isConflict()) {
              throw e;
            }
            Optional<OrderState> now = e.orderState().or(() -> quietly(current));
            if (now.isPresent() && reached(now.get(), target)) {
              foundDone.increment();
              return Try.done(new StepDone(orderId, now.get()));
            }
            return Try.notYet(
                e.getMessage() + now.map(s -> " (the order is " + s + ")").orElse(""));
          }
        });
  }

  /** Where the order is now, by one read of the view; empty when that read fails. */
  private static Optional<OrderState> quietly(Function<RetryPolicy, Optional<OrderState>> current) {
    try {
      return current.apply(RetryPolicy.NONE);
    } catch (ApiException e) {
      return Optional.empty();
    }
  }

  /**
   * Tries a step until it is done or {@code patience.step()} has passed; each try's client retries
   * only within what is left. A failure {@code notYet} accepts means "try again".
   */
  private <T> T until(
      String step, Predicate<ApiException> notYet, Function<RetryPolicy, Try<T>> attempt) {
    long deadline = System.nanoTime() + patience.step().toNanos();
    long backoff = FIRST_BACKOFF_MS;
    String seen = "nothing";
    while (true) {
      Duration left = Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
      try {
        Try<T> result = attempt.apply(RetryPolicy.within(left));
        if (result.value() != null) {
          return result.value();
        }
        seen = result.seen();
      } catch (ApiException e) {
        if (!notYet.test(e)) {
          throw new StepFailure(step, e.getMessage());
        }
        seen = e.getMessage();
      }
      if (System.nanoTime() > deadline) {
        throw new StepFailure(
            step, "not done within " + patience.step().toSeconds() + " s; last seen: " + seen);
      }
      backoff = pause(backoff);
    }
  }

  private static long pause(long backoffMs) {
    try {
      Thread.sleep(backoffMs);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StepFailure("interrupted", "the demo was interrupted");
    }
    return Math.min(MAX_BACKOFF_MS, backoffMs * 2);
  }

  private static String shorten(Object answer) {
    return TextTable.truncate(String.valueOf(answer), 300);
  }

  // --- the report --------------------------------------------------------------------------

  /** Prints the report; true when the topic shows every opened demand once and none twice. */
  private boolean report(
      int n, int closed, List<Outcome> outcomes, Optional<Map<Integer, Long>> mark, Duration took)
      throws InterruptedException {
    out.println();
    out.printf("Orders closed: %d/%d%n", closed, n);

    List<Outcome> failed = outcomes.stream().filter(o -> !o.closed()).toList();
    if (!failed.isEmpty()) {
      out.printf("Failures (%d):%n", failed.size());
      failed.stream()
          .limit(50)
          .forEach(
              o ->
                  out.printf(
                      "  #%-5d %s step '%s': %s%n",
                      o.k(),
                      o.orderNumber() == null ? "(no order)" : o.orderNumber(),
                      o.failedStep(),
                      o.error()));
      if (failed.size() > 50) {
        out.printf("  … and %d more%n", failed.size() - 50);
      }
    }
    if (unanswered.sum() + serverErrors.sum() > 0) {
      out.printf(
          "Retries: %d request%s got no answer and %d got a 5xx; each was sent again%n",
          unanswered.sum(), unanswered.sum() == 1 ? "" : "s", serverErrors.sum());
    }
    if (foundDone.sum() > 0) {
      out.printf(
          "Done already: %d step%s answered 409 had been taken by an earlier try whose answer was"
              + " lost%n",
          foundDone.sum(), foundDone.sum() == 1 ? "" : "s");
    }

    List<Integer> opened =
        outcomes.stream().filter(o -> o.orderId() != null).map(Outcome::k).toList();
    boolean clean = audit(opened, closed, mark);

    outcomes.stream()
        .filter(Outcome::closed)
        .findFirst()
        .ifPresent(
            o -> {
              out.printf("%nTimeline of order %s (%s):%n", o.orderNumber(), o.orderId());
              out.print(
                  new TimelineTable(ZoneId.systemDefault()).render(json.valueToTree(o.timeline())));
            });

    out.println();
    out.print(latencies(outcomes));
    double seconds = took.toMillis() / 1000.0;
    out.printf(
        Locale.ROOT,
        "Time taken: %.1f s, %.2f orders/s closed (%d in flight)%n",
        seconds,
        seconds > 0 ? closed / seconds : 0.0,
        Math.min(IN_FLIGHT, n));
    return clean;
  }

  /**
   * Reads what this run put on the lifecycle topic (waiting a little for the relays) and reports
   * copies, demands that became two orders, and acknowledged orders missing from the topic.
   */
  private boolean audit(List<Integer> opened, int closed, Optional<Map<Integer, Long>> mark)
      throws InterruptedException {
    Optional<DemoAudit> audit = settledAudit(opened, closed, mark.orElse(Map.of()));
    if (audit.isEmpty()) {
      out.printf(
          "Events on %s: cannot reach Kafka at %s (set HOTLINE_KAFKA_BOOTSTRAP);"
              + " duplicate orders not checked%n",
          TopicCounter.LIFECYCLE_TOPIC, config.kafkaBootstrap());
      return false;
    }
    DemoAudit a = audit.get();
    out.printf(
        "Events on %s for this run's orders: %d distinct (%d expected: %d per closed order)%s%n",
        TopicCounter.LIFECYCLE_TOPIC,
        a.events(),
        (long) EVENTS_PER_CLOSED_ORDER * closed,
        EVENTS_PER_CLOSED_ORDER,
        a.copies() == 0
            ? ""
            : "; "
                + a.copies()
                + " more record(s) repeat an event id (sent again after a restart,"
                + " skipped by consumers)");
    Map<Integer, Set<String>> duplicates = a.duplicates();
    List<Integer> missing = a.missing(opened);
    int orders = a.ordersByDemand().values().stream().mapToInt(Set::size).sum();
    if (duplicates.isEmpty()) {
      out.printf(
          "Duplicate orders: none (%d demand%s opened, %d order%s received, one each)%n",
          opened.size(), opened.size() == 1 ? "" : "s", orders, orders == 1 ? "" : "s");
    } else {
      out.printf(
          "Duplicate orders: %d demand%s became more than one order:%n",
          duplicates.size(), duplicates.size() == 1 ? "" : "s");
      duplicates.forEach((k, ids) -> out.printf("  #%-5d %s%n", k, String.join(", ", ids)));
    }
    if (!missing.isEmpty()) {
      out.printf(
          "Missing: %d acknowledged order%s never reached the topic: %s%n",
          missing.size(),
          missing.size() == 1 ? "" : "s",
          missing.stream().map(k -> "#" + k).toList());
    }
    return duplicates.isEmpty() && missing.isEmpty();
  }

  /** The relays publish after the fact: reads the topic until it shows what the run did. */
  private Optional<DemoAudit> settledAudit(
      List<Integer> opened, int closed, Map<Integer, Long> mark) throws InterruptedException {
    long deadline = System.nanoTime() + patience.settle().toNanos();
    while (true) {
      Optional<DemoAudit> audit =
          topic.since(mark).map(records -> DemoAudit.of(records, run, json));
      boolean settled =
          audit.isPresent()
              && audit.get().missing(opened).isEmpty()
              && audit.get().events() >= (long) EVENTS_PER_CLOSED_ORDER * closed;
      if (settled || System.nanoTime() > deadline) {
        return audit;
      }
      Thread.sleep(500);
    }
  }

  /** Median and 95th percentile of each step over the orders that passed it. */
  static String latencies(List<Outcome> outcomes) {
    TextTable table = new TextTable("STEP", "ORDERS", "MEDIAN", "P95", "MAX");
    for (String step : STEPS) {
      long[] ms =
          outcomes.stream()
              .map(o -> o.stepTimes().get(step))
              .filter(d -> d != null)
              .mapToLong(Duration::toMillis)
              .sorted()
              .toArray();
      if (ms.length == 0) {
        continue;
      }
      table.row(
          step,
          ms.length,
          ms[percentileIndex(ms.length, 50)] + " ms",
          ms[percentileIndex(ms.length, 95)] + " ms",
          ms[ms.length - 1] + " ms");
    }
    return table.size() == 0 ? "" : "Step latencies:\n" + table.render();
  }

  static int percentileIndex(int count, int percentile) {
    int index = (int) Math.ceil(percentile / 100.0 * count) - 1;
    return Math.max(0, Math.min(count - 1, index));
  }
}
