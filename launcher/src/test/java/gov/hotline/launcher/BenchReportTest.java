package gov.hotline.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import gov.hotline.launcher.BenchReport.Cpu;
import gov.hotline.launcher.BenchReport.Hop;
import gov.hotline.launcher.BenchReport.StepLatency;
import gov.hotline.launcher.Latencies.Summary;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchReportTest {

  private static final Summary FAST = new Summary(100, 12.5, 11, 20, 31.25, 40.0);

  static BenchReport report(BenchReport.Substrate substrate) {
    BenchReport.Load load =
        new BenchReport.Load(
            new BenchReport.Throughput(60.0, 4.5, 22.6, 270, 1356, 300, 3, 1, 0, 2),
            Map.of("dispatch: HTTP 400", 1L),
            Map.of("dispatch: 404 not yet", 41L),
            new Summary(297, 900, 850, 1500, 2100.5, 2500.0),
            List.of(
                new StepLatency("open", "received", FAST, FAST, FAST, Summary.NONE),
                new StepLatency("dispatch", "dispatched", FAST, FAST, Summary.NONE, FAST)),
            List.of(
                new Hop(
                    "hotline.event.consumed",
                    "dispatch",
                    "received",
                    new Summary(270, 300, 250, 700, 990, null))),
            List.of(new BenchReport.Lag("dispatch", 12L, 0.0, 3.0, Map.of("kafka-relay", 7.0))),
            new BenchReport.MachineCpu(2, 1.9, 1.5, 0.4),
            new BenchReport.MachineCpu(2, 0.5, 0.45, 0.05),
            List.of(
                new Cpu("dispatch", 4711L, 12_000.0, 44.4, 0.2, 0.01),
                new Cpu("mongo", 4712L, null, null, null)),
            List.of(
                new BenchReport.MongoCommands("dispatch", "domainevents", "find", 2700, 10, 5.5),
                new BenchReport.MongoCommands("dispatch", "trackingtokens", "update", 270, 1, 0.5),
                new BenchReport.MongoCommands("intake", "callers", "update", 270, 1, 0.25)),
            List.of(new BenchReport.KafkaCommits("dispatch", 540, 2, 10.5)),
            List.of(new BenchReport.Heap("dispatch", 120.4, 495)));
    return new BenchReport(
        new BenchReport.Header(
            "abcd1234",
            "2026-12-01T10:00:00Z",
            "072d61a",
            "open loop at 5 lifecycles/s",
            2,
            "0.10 0.20 0.30",
            "1.50 0.70 0.40",
            "intake http://127.0.0.1:8081",
            12_345L),
        load,
        substrate,
        List.of("mongo (pid 4712) restarted or vanished in the window: CPU unknown"));
  }

  @Test
  void the_text_report_has_every_section_with_its_figures() {
    String text =
        report(
                new BenchReport.Substrate(
                    1100.0,
                    1500.0,
                    14_000.0,
                    110_000.0,
                    250_000.0,
                    null,
                    new BenchReport.Share(22.6, 22.6 / 110_000, 50, 20, 50 / 1100.0, 20 / 1100.0)))
            .render();

    assertThat(text)
        .contains("Bench abcd1234 — open loop at 5 lifecycles/s")
        .contains("commit 072d61a, 2 cores, load average 0.10 0.20 0.30 → 1.50 0.70 0.40")
        .contains("history: 12,345 events on the lifecycle topic before the run")
        .contains("Throughput over the measured 60.0 s: 4.50 lifecycles/s (270 completed)")
        .contains("22.6 events/s")
        .contains("errors: dispatch: HTTP 400 ×1")
        .contains("retries: dispatch: 404 not yet ×41")
        .contains("lifecycle | due → revisited")
        .contains("hotline.event.consumed | dispatch | received")
        .contains("measured under contention")
        .contains(
            "before the load (idle): the stack and the bench 0.45 cores, everything else 0.05")
        .contains("all services: 12.0 commands per lifecycle, of them 2.0 writes")
        .contains("Kafka offset commits per lifecycle")
        .contains("our 22.6 events/s are 0.02% of what the broker takes")
        .contains("! mongo (pid 4712) restarted");
    assertThat(
            text.lines().filter(l -> l.startsWith("dispatch ") && l.contains("| (all)")).toList())
        .singleElement()
        .satisfies(line -> assertThat(line).contains("2,970").contains("11.0").contains("6.0"));
    assertThat(text.lines().filter(l -> l.startsWith("mongo ")).toList())
        .singleElement()
        .satisfies(line -> assertThat(line).contains("4712").endsWith("-"));
  }

  @Test
  void the_json_holds_the_same_figures(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("runs/a.json");
    report(null).writeJson(file);

    JsonNode json = new ObjectMapper().readTree(file.toFile());
    assertThat(json.at("/header/commit").asText()).isEqualTo("072d61a");
    assertThat(json.at("/load/throughput/lifecyclesPerSecond").asDouble()).isEqualTo(4.5);
    assertThat(json.at("/load/steps/0/onTopic/p99").asDouble()).isEqualTo(31.25);
    assertThat(json.at("/load/steps/1/waited/p50").asText()).isEqualTo("NaN");
    assertThat(json.at("/load/mongo/0/perLifecycle").asDouble()).isEqualTo(10);
    assertThat(json.at("/load/cpu/0/msPerLifecycle").asDouble()).isEqualTo(44.4);
    assertThat(json.at("/load/cpu/0/idleCores").asDouble()).isEqualTo(0.01);
    assertThat(json.at("/load/lag/0/committedLag").asLong()).isEqualTo(12);
    assertThat(json.has("substrate")).isFalse();
  }

  @Test
  void substrate_alone_renders_without_a_load() {
    BenchReport report =
        new BenchReport(
            report(null).header(),
            null,
            new BenchReport.Substrate(
                1100.0,
                null,
                14_000.0,
                110_000.0,
                250_000.0,
                new BenchReport.MachineCpu(2, 1.2, 1.1, 0.1),
                null),
            List.of());

    String text = report.render();
    assertThat(text)
        .containsPattern("Mongo insertOne, 1 thread +\\| 1,100\n")
        .contains(
            "machine: 1.20 of 2 cores busy; the stack and the bench 1.10, everything else 0.10\n")
        .doesNotContain("Throughput");
    assertThat(text.lines().filter(l -> l.startsWith("Mongo insertOne, 4 threads")).toList())
        .singleElement()
        .satisfies(line -> assertThat(line).endsWith("-"));
  }

  @Test
  void the_replay_renders_its_rates_checks_and_aggregate_loads_and_goes_to_json(@TempDir Path dir)
      throws Exception {
    BenchReport.Replays replay =
        new BenchReport.Replays(
            new BenchReport.ReplayRun(
                "supervision",
                "timeline ← lifecycle topic",
                "timeline_replay_20261201_180000_000",
                41_000,
                41_000L,
                1.64,
                25_000,
                Map.of("replayedDocuments", 41_000L, "liveDocumentsAtStart", 41_000L),
                null),
            List.of(
                new BenchReport.ReplayRun(
                    "dispatch",
                    "dispatch-order-view (token reset)",
                    "dispatch-order-view",
                    33_000,
                    33_000L,
                    3.3,
                    10_000,
                    Map.of(),
                    null)),
            List.of(
                new BenchReport.AggregateLoadRow(
                    "dispatch",
                    "assignment",
                    "a1",
                    1_001,
                    1_001,
                    48.5,
                    40.1,
                    true,
                    1000L,
                    1,
                    1.25,
                    1.0,
                    true)));
    BenchReport report = new BenchReport(report(null).header(), null, null, List.of(), replay);

    String text = report.render();
    assertThat(text)
        .contains("Replay: history rebuilt")
        .containsPattern(
            "timeline ← lifecycle topic +\\| supervision +\\| 41,000 +\\| 1.64 +\\| 25,000")
        .contains("41,000 documents, live timeline 41,000 at start (equal)")
        .contains("33,000 events in the store")
        .containsPattern("assignment +\\| dispatch +\\| 1,001 +\\| 1,001 +\\| 49 / 40")
        .contains("1 (snapshot at 1000)", "1.3 / 1.0", "yes");
    Path file = dir.resolve("replay.json");
    report.writeJson(file);
    JsonNode json = new ObjectMapper().readTree(file.toFile());
    assertThat(json.at("/replay/timeline/eventsPerSecond").asDouble()).isEqualTo(25_000);
    assertThat(json.at("/replay/aggregateLoads/0/medianMsWithSnapshot").asDouble()).isEqualTo(1.25);
  }
}
