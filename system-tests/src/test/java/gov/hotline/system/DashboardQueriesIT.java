package gov.hotline.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * The Grafana dashboards in {@code deploy/grafana/dashboards/} (Grafana does not install here, so
 * they are committed provisioning JSON): their structure is checked with Jackson, and every panel
 * query is run on a real Prometheus scraping the four services of the system-test stack after
 * complete lifecycles, so a renamed metric or label, or a PromQL typo, fails the build.
 *
 * <p>Without a {@code prometheus} binary (PATH or /usr/bin) the query check is skipped, visibly;
 * {@code .ci/run} installs it.
 */
class DashboardQueriesIT {
  static final int GRID_COLUMNS = 24;
  static final int MAX_UID_LENGTH = 40;
  static final String SCRAPE_JOB = "hotline";
  static final List<String> SERVICES = List.of("intake", "dispatch", "supervision", "knowledge");

  /** Metrics whose panel queries must return numbers after a lifecycle, not only series. */
  static final Set<String> MUST_HAVE_VALUES =
      Set.of(
          "hotline_relay_published_total",
          "hotline_event_relayed_seconds_bucket",
          "hotline_event_consumed_seconds_bucket",
          "hotline_event_applied_seconds_bucket");

  /** Panel titles whose queries may answer nothing on a quiet test stack (none so far). */
  static final Set<String> MAY_BE_EMPTY = Set.of();

  static final Set<String> GRAFANA_BUILTINS =
      Set.of(
          "__rate_interval",
          "__interval",
          "__interval_ms",
          "__range",
          "__range_s",
          "__range_ms",
          "__from",
          "__to",
          "__dashboard",
          "__org",
          "__user",
          "__name",
          "__all",
          "__auto",
          "__timezone");

  /** What PromQL spells without braces that is not a metric: keywords, operators, modifiers. */
  static final Set<String> PROMQL_WORDS =
      Set.of(
          "by",
          "without",
          "on",
          "ignoring",
          "group_left",
          "group_right",
          "bool",
          "and",
          "or",
          "unless",
          "offset",
          "atan2",
          "inf",
          "nan");

  private static final Pattern VARIABLE =
      Pattern.compile("\\$\\{(\\w+)(?::[^}]*)?}|\\$(\\w+)|\\[\\[(\\w+)(?::[^\\]]*)?]]");
  private static final Pattern METRIC = Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)\\{");
  private static final Pattern QUOTED = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"");
  private static final Pattern RANGE = Pattern.compile("\\[([^\\]]*)]");
  private static final Pattern LABEL_LIST =
      Pattern.compile("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)");
  private static final Pattern WORD = Pattern.compile("(?<![\\w.])([a-zA-Z_:][a-zA-Z0-9_:]*)");
  private static final Pattern LABEL_VALUES =
      Pattern.compile("label_values\\(\\s*([^,]+?)\\s*,\\s*(\\w+)\\s*\\)");

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private static Process prometheus;

  // --- structure -------------------------------------------------------------------------------

  @Test
  void every_dashboard_is_well_formed_and_uses_the_provisioned_datasource() throws IOException {
    List<Dashboard> dashboards = dashboards();
    assertThat(dashboards).as("dashboards in %s", dashboardDir()).isNotEmpty();
    String datasourceUid = provisionedDatasourceUid();
    assertThat(deployDir().resolve("grafana/provisioning/dashboards/hotline.yml")).isRegularFile();

    List<String> problems = new ArrayList<>();
    Set<String> uids = new HashSet<>();
    for (Dashboard dashboard : dashboards) {
      JsonNode json = dashboard.json();
      String name = dashboard.file().getFileName().toString();
      String uid = json.path("uid").asText("");
      if (uid.isBlank() || uid.length() > MAX_UID_LENGTH) {
        problems.add(name + ": uid '" + uid + "' must be 1–" + MAX_UID_LENGTH + " characters");
      }
      if (!uids.add(uid)) {
        problems.add(name + ": uid '" + uid + "' is used by another dashboard");
      }
      if (json.path("title").asText("").isBlank()) {
        problems.add(name + ": no title");
      }
      if (!json.path("schemaVersion").isInt()) {
        problems.add(name + ": no schemaVersion");
      }
      Set<String> declared = new HashSet<>();
      for (JsonNode variable : json.path("templating").path("list")) {
        declared.add(variable.path("name").asText());
        checkDatasource(
            name, "variable " + variable.path("name"), variable, datasourceUid, problems);
      }
      Set<Integer> ids = new HashSet<>();
      List<JsonNode> placed = new ArrayList<>();
      for (JsonNode panel : allPanels(json)) {
        String where = name + " panel '" + panel.path("title").asText() + "'";
        if (!panel.path("id").isInt() || !ids.add(panel.path("id").asInt())) {
          problems.add(where + ": id " + panel.path("id") + " is missing or not unique");
        }
        JsonNode grid = panel.path("gridPos");
        int x = grid.path("x").asInt(-1);
        int w = grid.path("w").asInt(0);
        if (x < 0 || w < 1 || x + w > GRID_COLUMNS || grid.path("h").asInt(0) < 1) {
          problems.add(where + ": gridPos " + grid + " is outside the 24 columns");
        }
        for (JsonNode other : placed) {
          if (overlap(grid, other.path("gridPos"))) {
            problems.add(where + ": overlaps panel '" + other.path("title").asText() + "'");
          }
        }
        placed.add(panel);
        if (panel.path("type").asText().equals("row")) {
          continue;
        }
        if (panel.path("description").asText("").isBlank()) {
          problems.add(where + ": no description (say what a bad value means)");
        }
        if (panel.path("fieldConfig").path("defaults").path("unit").asText("").isBlank()) {
          problems.add(where + ": no unit");
        }
        checkDatasource(name, where, panel, datasourceUid, problems);
        if (panel.path("targets").isEmpty()) {
          problems.add(where + ": no targets");
        }
        Set<String> refIds = new HashSet<>();
        for (JsonNode target : panel.path("targets")) {
          String expr = target.path("expr").asText("");
          String at = where + " expr `" + expr + "`";
          if (expr.isBlank()) {
            problems.add(where + ": a target without an expr");
            continue;
          }
          if (!refIds.add(target.path("refId").asText())) {
            problems.add(at + ": refId " + target.path("refId") + " is not unique");
          }
          checkDatasource(name, at, target, datasourceUid, problems);
          for (String variable : variables(expr)) {
            if (!declared.contains(variable) && !GRAFANA_BUILTINS.contains(variable)) {
              problems.add(at + ": $" + variable + " is neither declared nor a Grafana builtin");
            }
          }
          String code = QUOTED.matcher(expr).replaceAll("\"\"");
          Matcher range = RANGE.matcher(code);
          while (range.find()) {
            if (!range.group(1).equals("$__rate_interval")) {
              problems.add(at + ": range [" + range.group(1) + "] must be [$__rate_interval]");
            }
          }
          for (String bare : bareSelectors(code)) {
            problems.add(at + ": write the selector " + bare + " with braces: " + bare + "{…}");
          }
          if (metrics(expr).isEmpty()) {
            problems.add(at + ": names no metric");
          }
        }
      }
    }
    assertThat(problems).as("dashboard problems").isEmpty();
  }

  private static void checkDatasource(
      String name, String where, JsonNode node, String uid, List<String> problems) {
    JsonNode datasource = node.path("datasource");
    if (!datasource.isMissingNode()
        && !(datasource.path("type").asText().equals("prometheus")
            && datasource.path("uid").asText().equals(uid))) {
      problems.add(where + ": datasource " + datasource + " is not the provisioned " + uid);
    }
  }

  private static boolean overlap(JsonNode a, JsonNode b) {
    return a.path("x").asInt() < b.path("x").asInt() + b.path("w").asInt()
        && b.path("x").asInt() < a.path("x").asInt() + a.path("w").asInt()
        && a.path("y").asInt() < b.path("y").asInt() + b.path("h").asInt()
        && b.path("y").asInt() < a.path("y").asInt() + a.path("h").asInt();
  }

  /**
   * Names in an expression (strings already blanked) that stand where a metric would, without
   * braces: whatever is not a function (followed by "("), a label list, a keyword, a number or a
   * matcher's label.
   */
  static List<String> bareSelectors(String code) {
    String rest = code.replaceAll("\\{[^}]*}", "{}");
    rest = RANGE.matcher(rest).replaceAll("[]");
    rest = LABEL_LIST.matcher(rest).replaceAll("");
    rest = rest.replaceAll("\\b\\d+(\\.\\d+)?([eE][+-]?\\d+)?\\b", "0");
    List<String> bare = new ArrayList<>();
    Matcher word = WORD.matcher(rest);
    while (word.find()) {
      String name = word.group(1);
      String after = rest.substring(word.end()).stripLeading();
      if (after.startsWith("(") || after.startsWith("{") || PROMQL_WORDS.contains(name)) {
        continue;
      }
      bare.add(name);
    }
    return bare;
  }

  static Set<String> variables(String text) {
    Set<String> names = new LinkedHashSet<>();
    Matcher m = VARIABLE.matcher(text);
    while (m.find()) {
      names.add(
          Optional.ofNullable(m.group(1))
              .or(() -> Optional.ofNullable(m.group(2)))
              .orElse(m.group(3)));
    }
    return names;
  }

  static Set<String> metrics(String expr) {
    Set<String> names = new LinkedHashSet<>();
    Matcher m = METRIC.matcher(QUOTED.matcher(expr).replaceAll("\"\""));
    while (m.find()) {
      names.add(m.group(1));
    }
    return names;
  }

  // --- queries on a real Prometheus ------------------------------------------------------------

  @Test
  void every_panel_query_answers_with_data_on_a_real_prometheus_scraping_the_stack()
      throws Exception {
    Path binary = findPrometheus();
    Assumptions.assumeTrue(
        binary != null,
        "no prometheus binary on PATH or at /usr/bin/prometheus: panel queries NOT checked;"
            + " install it with `apt-get install -y prometheus` (.ci/run does)");
    Path promtool = binary.resolveSibling("promtool");
    assertThat(promtool).as("promtool next to %s", binary).isExecutable();
    Path shipped = deployDir().resolve("prometheus/prometheus.yml");
    assertThat(run(promtool.toString(), "check", "config", shipped.toString()))
        .as("promtool check config %s", shipped)
        .contains("SUCCESS");

    HotlineStack stack = HotlineStack.shared();
    Loop loop = new Loop(stack);
    loop.closeOne(); // every per-type series exists before Prometheus first scrapes

    Path work = Files.createTempDirectory("hotline-dashboard-check");
    Path evidence = Path.of("target", "dashboard-check");
    Files.createDirectories(evidence);
    int port = freePort();
    Path config = work.resolve("prometheus.yml");
    Files.writeString(config, scrapeConfig(stack));
    assertThat(run(promtool.toString(), "check", "config", config.toString())).contains("SUCCESS");
    prometheus =
        new ProcessBuilder(
                binary.toString(),
                "--config.file=" + config,
                "--storage.tsdb.path=" + work.resolve("data"),
                "--web.listen-address=127.0.0.1:" + port,
                "--log.level=warn")
            .redirectErrorStream(true)
            .redirectOutput(evidence.resolve("prometheus.log").toFile())
            .start();
    try {
      String base = "http://127.0.0.1:" + port;
      await("all four services scraped three times")
          .atMost(Duration.ofSeconds(60))
          .pollInterval(Duration.ofMillis(500))
          .ignoreExceptions()
          .until(
              () ->
                  values(query(base, "sum(up{job=\"" + SCRAPE_JOB + "\"})"))
                          .equals(List.of((double) SERVICES.size()))
                      && values(
                                  query(
                                      base,
                                      "min(count_over_time(up{job=\""
                                          + SCRAPE_JOB
                                          + "\"}[1m])) >= 3"))
                              .size()
                          == 1);

      // a lifecycle while Prometheus watches: the rates and hop quantiles have something to show
      loop.closeOne();
      List<PanelQuery> queries = panelQueries();
      // Micrometer binds Kafka client metrics that appear after a consumer starts (per-partition
      // lag) on its next refresh, up to a minute later: a young stack may need that long
      AtomicReference<Check> last = new AtomicReference<>();
      try {
        await("every panel query answers with data")
            .atMost(Duration.ofSeconds(120))
            .pollInterval(Duration.ofSeconds(2))
            .until(
                () -> {
                  Check check = check(base, queries);
                  last.set(check);
                  return check.problems().isEmpty();
                });
      } catch (ConditionTimeoutException e) {
        // the problems of the last attempt are reported below
      }
      for (String service : SERVICES) {
        Files.writeString(
            evidence.resolve(service + ".prom"), get(stack.url(service) + "/actuator/prometheus"));
      }
      Check result = last.get();
      System.out.printf(
          "DashboardQueriesIT: %d panel queries of %d dashboard(s) answered by %s on port %d;"
              + " %d metric names checked; problems: %s%n",
          result.answered(),
          dashboards().size(),
          binary,
          port,
          result.metrics(),
          result.problems());
      assertThat(result.problems()).as("panel queries on a real Prometheus").isEmpty();
      assertThat(result.answered()).isEqualTo(queries.size());
    } finally {
      stopPrometheus();
      deleteRecursively(work);
    }
  }

  private static void deleteRecursively(Path dir) throws IOException {
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    }
  }

  record Check(int answered, int metrics, List<String> problems) {}

  /** Runs every panel query once and lists what is wrong with the answers. */
  private static Check check(String base, List<PanelQuery> queries) throws IOException {
    List<String> problems = new ArrayList<>();
    Map<String, Boolean> seriesExist = new HashMap<>();
    int answered = 0;
    for (PanelQuery q : queries) {
      JsonNode answer = query(base, q.promql());
      if (!answer.path("status").asText().equals("success")) {
        problems.add(q + ": status " + answer.path("status") + " " + answer.path("error"));
        continue;
      }
      answered++;
      for (String metric : q.metrics()) {
        boolean exists =
            seriesExist.computeIfAbsent(
                metric, m -> !values(query(base, "count({__name__=\"" + m + "\"})")).isEmpty());
        if (!exists) {
          problems.add(q + ": Prometheus has no series named " + metric);
        }
      }
      if (answer.path("data").path("result").isEmpty() && !MAY_BE_EMPTY.contains(q.panel())) {
        problems.add(q + ": answered no series");
      }
      if (q.metrics().stream().anyMatch(MUST_HAVE_VALUES::contains) && !hasFiniteValue(answer)) {
        problems.add(q + ": answered no number after a lifecycle");
      }
    }
    for (Dashboard dashboard : dashboards()) {
      for (JsonNode variable : dashboard.json().path("templating").path("list")) {
        Matcher m = LABEL_VALUES.matcher(variable.path("definition").asText(""));
        if (!m.matches()) {
          continue;
        }
        JsonNode labels =
            query(
                base,
                "/api/v1/label/"
                    + m.group(2)
                    + "/values?match[]="
                    + URLEncoder.encode(m.group(1), StandardCharsets.UTF_8));
        Set<String> found = new HashSet<>();
        labels.path("data").forEach(v -> found.add(v.asText()));
        if (m.group(2).equals("service") ? !found.containsAll(SERVICES) : found.isEmpty()) {
          problems.add(
              dashboard.file().getFileName()
                  + " variable $"
                  + variable.path("name").asText()
                  + ": "
                  + m.group()
                  + " gives "
                  + found);
        }
      }
    }
    return new Check(answered, seriesExist.size(), problems);
  }

  @AfterAll
  static void stopPrometheus() throws InterruptedException {
    if (prometheus != null && prometheus.isAlive()) {
      prometheus.destroy();
      if (!prometheus.waitFor(20, TimeUnit.SECONDS)) {
        prometheus.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    }
  }

  /** As deploy/prometheus/prometheus.yml, on the test stack's ports, every second. */
  private static String scrapeConfig(HotlineStack stack) {
    StringBuilder yml =
        new StringBuilder(
            """
            global:
              scrape_interval: 1s
              evaluation_interval: 1s
            scrape_configs:
              - job_name: %s
                metrics_path: /actuator/prometheus
                honor_labels: true
                static_configs:
            """
                .formatted(SCRAPE_JOB));
    for (String service : SERVICES) {
      String hostPort = URI.create(stack.url(service)).getAuthority();
      yml.append("      - targets: [\"").append(hostPort).append("\"]\n");
      yml.append("        labels: {service: ").append(service).append("}\n");
    }
    return yml.toString();
  }

  record PanelQuery(String dashboard, String panel, String expr) {
    /**
     * The expression as Grafana sends it with every service selected; the rate window is 3 minutes
     * so that it still holds the lifecycle while the check waits for late metrics.
     */
    String promql() {
      return expr.replace("${service}", ".*")
          .replace("$service", ".*")
          .replace("${__rate_interval}", "3m")
          .replace("$__rate_interval", "3m");
    }

    Set<String> metrics() {
      return DashboardQueriesIT.metrics(expr);
    }

    @Override
    public String toString() {
      return dashboard + " / panel '" + panel + "' / expr `" + expr + "`";
    }
  }

  private static List<PanelQuery> panelQueries() throws IOException {
    List<PanelQuery> queries = new ArrayList<>();
    for (Dashboard dashboard : dashboards()) {
      for (JsonNode panel : allPanels(dashboard.json())) {
        for (JsonNode target : panel.path("targets")) {
          queries.add(
              new PanelQuery(
                  dashboard.file().getFileName().toString(),
                  panel.path("title").asText(),
                  target.path("expr").asText()));
        }
      }
    }
    return queries;
  }

  private static boolean hasFiniteValue(JsonNode answer) {
    return values(answer).stream().anyMatch(Double::isFinite);
  }

  /** The values of an instant vector answer ("NaN" included), empty for anything else. */
  private static List<Double> values(JsonNode answer) {
    List<Double> values = new ArrayList<>();
    for (JsonNode series : answer.path("data").path("result")) {
      values.add(Double.parseDouble(series.path("value").path(1).asText("NaN")));
    }
    return values;
  }

  /** An instant query's answer; or, given an API path ("/api/v1/…"), that path's answer. */
  private static JsonNode query(String base, String promql) {
    HttpRequest request =
        promql.startsWith("/api/")
            ? HttpRequest.newBuilder(URI.create(base + promql))
                .timeout(Duration.ofSeconds(10))
                .build()
            : HttpRequest.newBuilder(URI.create(base + "/api/v1/query"))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8)))
                .build();
    try {
      HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
      return JSON.readTree(response.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static String get(String url) throws IOException, InterruptedException {
    HttpResponse<String> response =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as("GET %s", url).isEqualTo(200);
    return response.body();
  }

  // --- files -----------------------------------------------------------------------------------

  record Dashboard(Path file, JsonNode json) {}

  /** deploy/ of this checkout: the module runs in system-tests/, deploy/ is beside it. */
  static Path deployDir() {
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null && !Files.isDirectory(dir.resolve("deploy/grafana"))) {
      dir = dir.getParent();
    }
    assertThat(dir)
        .as("a deploy/grafana directory above %s", Path.of("").toAbsolutePath())
        .isNotNull();
    return dir.resolve("deploy");
  }

  static Path dashboardDir() {
    return deployDir().resolve("grafana/dashboards");
  }

  static List<Dashboard> dashboards() throws IOException {
    List<Dashboard> dashboards = new ArrayList<>();
    try (Stream<Path> files = Files.list(dashboardDir())) {
      for (Path file : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
        dashboards.add(new Dashboard(file, JSON.readTree(file.toFile())));
      }
    }
    return dashboards;
  }

  /** Top-level panels and those inside (collapsed) rows. */
  static List<JsonNode> allPanels(JsonNode dashboard) {
    List<JsonNode> panels = new ArrayList<>();
    for (JsonNode panel : dashboard.path("panels")) {
      panels.add(panel);
      panel.path("panels").forEach(panels::add);
    }
    return panels;
  }

  @SuppressWarnings("unchecked")
  private static String provisionedDatasourceUid() throws IOException {
    Path file = deployDir().resolve("grafana/provisioning/datasources/prometheus.yml");
    Map<String, Object> yml = new Yaml().load(Files.readString(file));
    List<Map<String, Object>> datasources = (List<Map<String, Object>>) yml.get("datasources");
    assertThat(datasources).as(file.toString()).hasSize(1);
    Map<String, Object> datasource = new LinkedHashMap<>(datasources.get(0));
    assertThat(datasource).containsEntry("type", "prometheus").containsKey("uid");
    return datasource.get("uid").toString();
  }

  // --- processes -------------------------------------------------------------------------------

  static Path findPrometheus() {
    List<Path> candidates = new ArrayList<>();
    for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
      if (!dir.isBlank()) {
        candidates.add(Path.of(dir, "prometheus"));
      }
    }
    candidates.add(Path.of("/usr/bin/prometheus"));
    return candidates.stream()
        .filter(p -> Files.isRegularFile(p) && Files.isExecutable(p))
        .findFirst()
        .orElse(null);
  }

  private static String run(String... command) throws IOException, InterruptedException {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).as(String.join(" ", command)).isTrue();
    assertThat(process.exitValue()).as(String.join(" ", command) + "\n" + output).isZero();
    return output;
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
