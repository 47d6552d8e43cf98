package gov.hotline.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import gov.hotline.launcher.HotlineClient.Actor;
import gov.hotline.launcher.HotlineClient.ApiException;
import java.io.PrintStream;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.function.Supplier;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * {@code ./hotline demo [N]}: takes N complaints and walks each through the whole loop over the
 * public REST APIs — receive, dispatch, handle, review, callback — then shows what reached the
 * lifecycle topic and one order's audit trail.
 */
final class Demo {

  static final int IN_FLIGHT = 8;
  static final int EVENTS_PER_CLOSED_ORDER = 5;
  static final Duration STEP_TIMEOUT = Duration.ofSeconds(60);
  static final String FALLBACK_UNIT = "340602-001-001";
  private static final long FIRST_BACKOFF_MS = 20;
  private static final long MAX_BACKOFF_MS = 200;

  static final Actor DISPATCHER = Actor.of("DISPATCHER", "disp-1");
  static final Actor SUPERVISOR = Actor.of("SUPERVISOR", "sup-1");
  static final Actor AUDITOR = Actor.of("AUDITOR", "aud-1");

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
      JsonNode timeline) {}

  private final StackConfig config;
  private final PrintStream out;
  private final HotlineClient client;
  private final ObjectMapper json;
  private final Supplier<OptionalLong> topicEvents;

  /** {@code topicEvents} counts the lifecycle topic's records; empty when Kafka is away. */
  Demo(
      StackConfig config,
      PrintStream out,
      HotlineClient client,
      Supplier<OptionalLong> topicEvents) {
    this.config = config;
    this.out = out;
    this.client = client;
    this.json = client.json();
    this.topicEvents = topicEvents;
  }

  static Supplier<OptionalLong> lifecycleTopic(StackConfig config) {
    return () -> TopicCounter.count(config.kafkaBootstrap(), TopicCounter.LIFECYCLE_TOPIC);
  }

  /** Runs {@code n} orders; 0 if all closed, 1 if any failed, 2 if the stack is not there. */
  int run(int n) throws InterruptedException {
    HealthProbe probe = new HealthProbe();
    List<String> down = new ArrayList<>();
    for (Component c : List.of(Component.INTAKE, Component.DISPATCH, Component.SUPERVISION)) {
      String status = probe.status(config.baseUrl(c));
      if (!"UP".equals(status)) {
        down.add(c.displayName() + " at " + config.baseUrl(c) + " (" + status + ")");
      }
    }
    if (!down.isEmpty()) {
      out.println("The stack is not running: " + String.join(", ", down) + ".");
      out.println("Start it with ./hotline up (in another terminal), then run the demo again.");
      return 2;
    }

    String unit = chooseUnit();
    OptionalLong eventsBefore = topicEvents.get();
    out.printf(
        "Driving %d order%s through the loop, %d in flight, dispatching to unit %s%n",
        n, n == 1 ? "" : "s", Math.min(IN_FLIGHT, n), unit);

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

    report(n, closed, List.of(outcomes), eventsBefore, took);
    return closed == n ? 0 : 1;
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

  private String chooseUnit() {
    try {
      Optional<String> unit = pickUnit(client.units(DISPATCHER));
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
  static Optional<String> pickUnit(JsonNode units) {
    List<JsonNode> all = new ArrayList<>();
    units.forEach(all::add);
    for (String level : List.of("STREET", "COMMUNITY")) {
      Optional<String> found =
          all.stream()
              .filter(u -> level.equalsIgnoreCase(u.path("level").asText()))
              .map(u -> u.path("id").asText())
              .filter(id -> !id.isBlank())
              .findFirst();
      if (found.isPresent()) {
        return found;
      }
    }
    return all.stream().map(u -> u.path("id").asText()).filter(id -> !id.isBlank()).findFirst();
  }

  /** The k-th demo complaint: its caller's phone number and its text vary with {@code k}. */
  static ObjectNode complaint(ObjectMapper json, int k) {
    String[] text = COMPLAINTS[(k - 1) % COMPLAINTS.length];
    ObjectNode order = json.createObjectNode();
    order.put("channel", "PHONE");
    order.put("demandType", "COMPLAINT");
    ObjectNode category = order.putObject("category");
    category.put("code", "URBAN.NOISE");
    category.putArray("path").add("城市管理").add("噪声扰民");
    order.put("urgency", "NORMAL");
    order.put("title", text[0]);
    order.put("description", text[1] + "（演示工单 #" + k + "）");
    ObjectNode location = order.putObject("location");
    location.put("address", "淮北市相山区人民路" + (1 + (k - 1) % 300) + "号");
    location.put("divisionCode", "340602");
    ObjectNode caller = order.putObject("caller");
    caller.put("phone", String.format(Locale.ROOT, "138%08d", k % 100_000_000));
    caller.put("name", NAMES[(k - 1) % NAMES.length]);
    caller.put("anonymous", false);
    caller.put("confidential", false);
    return order;
  }

  private Outcome runOrder(int k, String unit) {
    Map<String, Duration> times = new LinkedHashMap<>();
    String orderId = null;
    String orderNumber = null;
    String step = STEPS.get(0);
    try {
      long t = System.nanoTime();
      JsonNode received = client.receiveOrder(Actor.of("OPERATOR", "op-" + k), complaint(json, k));
      orderId = received.path("orderId").asText(null);
      orderNumber = received.path("orderNumber").asText(null);
      if (orderId == null) {
        throw new StepFailure(step, "intake answered without an orderId: " + received);
      }
      expectState(step, received, "RECEIVED");
      t = lap(times, step, t);
      String id = orderId;

      step = STEPS.get(1);
      poll(step, () -> client.dispatchOrder(DISPATCHER, id), inState("RECEIVED"));
      t = lap(times, step, t);

      step = STEPS.get(2);
      expectState(
          step, command(step, () -> client.dispatch(DISPATCHER, id, unit, 10)), "DISPATCHED");
      t = lap(times, step, t);

      step = STEPS.get(3);
      Actor handler = new Actor("UNIT_HANDLER", "h-1", unit);
      expectState(
          step,
          command(
              step, () -> client.reportResult(handler, id, "RESOLVED", "已责令工地夜间停工", "现场检查并下达整改通知")),
          "HANDLED");
      t = lap(times, step, t);

      step = STEPS.get(4);
      poll(step, () -> client.supervisionOrder(SUPERVISOR, id), inState("HANDLED"));
      t = lap(times, step, t);

      step = STEPS.get(5);
      expectState(
          step,
          command(step, () -> client.review(SUPERVISOR, id, "APPROVED", "整改到位")),
          "AWAITING_CALLBACK");
      t = lap(times, step, t);

      step = STEPS.get(6);
      expectState(
          step,
          command(step, () -> client.callback(SUPERVISOR, id, true, 1, "SATISFIED", true, "PHONE")),
          "CLOSED");
      t = lap(times, step, t);

      step = STEPS.get(7);
      JsonNode timeline = poll(step, () -> client.timeline(AUDITOR, id), Demo::isCompleteTimeline);
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
  static boolean isCompleteTimeline(JsonNode timeline) {
    JsonNode events = timeline.path("events");
    if (!events.isArray() || events.size() < EVENTS_PER_CLOSED_ORDER) {
      return false;
    }
    JsonNode last = events.get(events.size() - 1);
    return "REVISITED".equalsIgnoreCase(TimelineTable.step(last))
        || last.path("type").asText("").contains(".revisited.");
  }

  private static Predicate<JsonNode> inState(String state) {
    return order -> state.equals(order.path("state").asText());
  }

  private static void expectState(String step, JsonNode answer, String state) {
    String actual = answer.path("state").asText("");
    if (!state.equals(actual)) {
      throw new StepFailure(
          step, "expected state " + state + ", the service answered " + shorten(answer));
    }
  }

  /**
   * Polls until {@code lookup} finds something {@code done} accepts; 404 and 409 mean "not yet".
   */
  private JsonNode poll(
      String step, Supplier<Optional<JsonNode>> lookup, Predicate<JsonNode> done) {
    long deadline = System.nanoTime() + STEP_TIMEOUT.toNanos();
    long backoff = FIRST_BACKOFF_MS;
    String lastSeen = "not found";
    while (true) {
      try {
        Optional<JsonNode> found = lookup.get();
        if (found.isPresent() && done.test(found.get())) {
          return found.get();
        }
        lastSeen = found.map(Demo::shorten).orElse("not found (404)");
      } catch (ApiException e) {
        if (!e.isConflict()) {
          throw new StepFailure(step, e.getMessage());
        }
        lastSeen = e.getMessage();
      }
      if (System.nanoTime() > deadline) {
        throw new StepFailure(
            step, "not reached within " + STEP_TIMEOUT.toSeconds() + " s; last seen: " + lastSeen);
      }
      backoff = pause(backoff);
    }
  }

  /** Sends a command, retrying while the order has not reached the state it needs (409). */
  private JsonNode command(String step, Supplier<JsonNode> call) {
    long deadline = System.nanoTime() + STEP_TIMEOUT.toNanos();
    long backoff = FIRST_BACKOFF_MS;
    while (true) {
      try {
        return call.get();
      } catch (ApiException e) {
        if (!e.isConflict() || System.nanoTime() > deadline) {
          throw new StepFailure(step, e.getMessage());
        }
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

  private static String shorten(JsonNode node) {
    return TextTable.truncate(node.toString(), 300);
  }

  // --- the report --------------------------------------------------------------------------

  private void report(
      int n, int closed, List<Outcome> outcomes, OptionalLong eventsBefore, Duration took)
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

    long expected = (long) EVENTS_PER_CLOSED_ORDER * closed;
    OptionalLong eventsAfter = countSettled(eventsBefore, expected);
    if (eventsAfter.isPresent()) {
      out.printf(
          "Events on %s: %d in total%s; %d of them belong to this run (%d per closed order)%n",
          TopicCounter.LIFECYCLE_TOPIC,
          eventsAfter.getAsLong(),
          eventsBefore.isPresent()
              ? " ("
                  + (eventsAfter.getAsLong() - eventsBefore.getAsLong())
                  + " added during the run)"
              : "",
          expected,
          EVENTS_PER_CLOSED_ORDER);
    } else {
      out.printf(
          "Events on %s: cannot reach Kafka at %s (set HOTLINE_KAFKA_BOOTSTRAP)%n",
          TopicCounter.LIFECYCLE_TOPIC, config.kafkaBootstrap());
    }

    outcomes.stream()
        .filter(Outcome::closed)
        .findFirst()
        .ifPresent(
            o -> {
              out.printf("%nTimeline of order %s (%s):%n", o.orderNumber(), o.orderId());
              out.print(new TimelineTable(ZoneId.systemDefault()).render(o.timeline()));
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
  }

  /** The relay publishes after the fact; give the topic a few seconds to show the last events. */
  private OptionalLong countSettled(OptionalLong before, long expected)
      throws InterruptedException {
    OptionalLong after = topicEvents.get();
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (before.isPresent()
        && after.isPresent()
        && after.getAsLong() - before.getAsLong() < expected
        && System.nanoTime() < deadline) {
      Thread.sleep(250);
      after = topicEvents.get();
    }
    return after;
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
