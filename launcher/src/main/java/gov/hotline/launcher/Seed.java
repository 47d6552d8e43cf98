package gov.hotline.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * {@code ./hotline seed --events N}: writes a large history of closed orders into the running stack
 * directly, so the bench can measure how cost grows with history without running the loop for
 * hours. N events are N/5 complete lifecycles of the services' synthetic history (defined once, in
 * the platform); each service writes its own share through {@code /admin/history/*}: the consumers
 * are held, each chunk of orders goes to intake, dispatch and supervision in that order (so each
 * order's events are on the topic in lifecycle order), then the consumers settle past the seeded
 * records. Every call is idempotent: {@code --from} resumes a cut seed, and a range seeded twice is
 * written once.
 */
final class Seed {
  static final int STEPS = 5;
  static final int DEFAULT_CHUNK = 2_000;
  private static final List<Component> SEEDERS =
      List.of(Component.INTAKE, Component.DISPATCH, Component.SUPERVISION);
  private static final ObjectMapper JSON = new ObjectMapper();

  /** {@code events} and {@code fromEvent} count events (5 per order); chunk counts orders. */
  record Options(long events, long fromEvent, int chunk) {}

  private final StackConfig config;
  private final PrintStream out;
  private final Options options;
  private final ExecutorService pool =
      Executors.newFixedThreadPool(
          3,
          r -> {
            Thread t = new Thread(r, "hotline-seed");
            t.setDaemon(true);
            return t;
          });
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  Seed(StackConfig config, PrintStream out, Options options) {
    this.config = config;
    this.out = out;
    this.options = options;
  }

  int run() throws InterruptedException {
    int fromOrder = (int) (options.fromEvent() / STEPS);
    int endOrder = (int) (options.events() / STEPS);
    out.printf(
        "Seeding %,d events (%,d closed orders, orders %,d to %,d of the synthetic history)%n",
        (endOrder - fromOrder) * (long) STEPS, endOrder - fromOrder, fromOrder, endOrder - 1);
    long started = System.nanoTime();
    int done = fromOrder;
    try {
      for (Component service : SEEDERS) {
        post(service, "/admin/history/hold", "{}");
      }
      long[] published = new long[1];
      try (ProgressBar bar = progressBar(endOrder - fromOrder)) {
        // a pipeline: while supervision seeds chunk t-2, dispatch seeds t-1 and intake t, so
        // each order still reaches the topic in lifecycle order and the three services work at
        // once
        List<int[]> chunks = new ArrayList<>();
        for (int at = fromOrder; at < endOrder; at += options.chunk()) {
          chunks.add(new int[] {at, Math.min(options.chunk(), endOrder - at)});
        }
        for (int t = 0; t < chunks.size() + SEEDERS.size() - 1; t++) {
          List<Callable<JsonNode>> calls = new ArrayList<>();
          for (int j = 0; j < SEEDERS.size(); j++) {
            int c = t - j;
            if (c >= 0 && c < chunks.size()) {
              Component service = SEEDERS.get(j);
              String body =
                  "{\"from\":" + chunks.get(c)[0] + ",\"orders\":" + chunks.get(c)[1] + "}";
              calls.add(() -> post(service, "/admin/history/seed", body));
            }
          }
          for (JsonNode answer : all(calls)) {
            published[0] += answer.path("published").asLong();
          }
          int finished = t - (SEEDERS.size() - 1);
          if (finished >= 0) {
            done = chunks.get(finished)[0] + chunks.get(finished)[1];
            bar.stepBy((long) chunks.get(finished)[1] * STEPS);
          }
        }
      }
      double seedSeconds = (System.nanoTime() - started) / 1e9;
      long settleStarted = System.nanoTime();
      long skipped = 0;
      List<Callable<JsonNode>> settles = new ArrayList<>();
      for (Component service : SEEDERS) {
        settles.add(() -> post(service, "/admin/history/settle", "{}"));
      }
      for (JsonNode answer : all(settles)) {
        skipped += answer.path("skipped").asLong();
      }
      double settleSeconds = (System.nanoTime() - settleStarted) / 1e9;
      long seeded = (long) (endOrder - fromOrder) * STEPS;
      out.printf(
          "Seeded %,d events in %.1f s (%,.0f events/s, %,.0f lifecycles/s); %,d published to the"
              + " topic now.%n",
          seeded, seedSeconds, seeded / seedSeconds, seeded / STEPS / seedSeconds, published[0]);
      out.printf(
          "Consumers settled past %,d seeded records in %.1f s; total %.1f s.%n",
          skipped, settleSeconds, seedSeconds + settleSeconds);
      return 0;
    } catch (SeedFailure e) {
      out.println();
      out.println("✗ " + e.getMessage());
      if (done > fromOrder) {
        out.printf(
            "Resume with: ./hotline seed --events %d --from %d%n",
            options.events(), (long) done * STEPS);
      }
      release();
      return e.exitCode;
    }
  }

  /** Runs the calls at once and returns their answers; the first failure is thrown. */
  private List<JsonNode> all(List<Callable<JsonNode>> calls) throws InterruptedException {
    List<JsonNode> answers = new ArrayList<>();
    for (Future<JsonNode> f : pool.invokeAll(calls)) {
      try {
        answers.add(f.get());
      } catch (ExecutionException e) {
        if (e.getCause() instanceof SeedFailure failure) {
          throw failure;
        }
        throw new SeedFailure(String.valueOf(e.getCause()), 1);
      }
    }
    return answers;
  }

  /**
   * Settling is always safe (it skips only records whose order a service stored), so after a
   * failure the consumers resume instead of staying held.
   */
  private void release() throws InterruptedException {
    try {
      for (Component service : SEEDERS) {
        post(service, "/admin/history/settle", "{}");
      }
      out.println("Consumers resumed.");
    } catch (SeedFailure e) {
      out.println("✗ consumers may still be held: " + e.getMessage());
      out.println("  ./hotline seed --events 0 settles them.");
    }
  }

  private JsonNode post(Component service, String path, String body) throws InterruptedException {
    URI uri = URI.create(config.baseUrl(service) + path);
    HttpRequest request =
        HttpRequest.newBuilder(uri)
            .timeout(Duration.ofMinutes(10))
            .header("Content-Type", "application/json")
            .header("X-Actor-Role", "SUPERVISOR")
            .header("X-Actor-Id", "hotline-seed")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build();
    HttpResponse<String> answer;
    try {
      answer = http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new SeedFailure(service.displayName() + " does not answer at " + uri + ": " + e, 1);
    }
    JsonNode json;
    try {
      json = JSON.readTree(answer.body());
    } catch (IOException e) {
      json = JSON.createObjectNode();
    }
    if (answer.statusCode() != 200) {
      String detail = json.path("detail").asText(answer.body());
      throw new SeedFailure(
          service.displayName()
              + " answered "
              + answer.statusCode()
              + " to "
              + path
              + ": "
              + detail,
          answer.statusCode() == 409 ? 2 : 1);
    }
    return json;
  }

  private ProgressBar progressBar(long orders) {
    String lang =
        String.join(" ", env("LC_ALL"), env("LC_CTYPE"), env("LANG")).toUpperCase(Locale.ROOT);
    boolean unicode = lang.contains("UTF-8") || lang.contains("UTF8");
    return new ProgressBarBuilder()
        .setTaskName("Events")
        .setInitialMax(orders * STEPS)
        .setStyle(unicode ? ProgressBarStyle.UNICODE_BLOCK : ProgressBarStyle.ASCII)
        .setConsumer(new ConsoleProgressBarConsumer(out))
        .setUpdateIntervalMillis(500)
        .showSpeed()
        .build();
  }

  private static String env(String name) {
    String value = System.getenv(name);
    return value == null ? "" : value;
  }

  private static final class SeedFailure extends RuntimeException {
    final int exitCode;

    SeedFailure(String message, int exitCode) {
      super(message);
      this.exitCode = exitCode;
    }
  }
}
