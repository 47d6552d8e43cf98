package gov.hotline.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import gov.hotline.launcher.Invocation.Command;
import gov.hotline.launcher.Invocation.UsageException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class InvocationTest {

  @Test
  void no_arguments_start_the_stack() {
    assertThat(Invocation.parse()).isEqualTo(new Invocation(Command.UP, 0));
  }

  @Test
  void demo_runs_a_hundred_orders_unless_told_otherwise() {
    assertThat(Invocation.parse("demo")).isEqualTo(new Invocation(Command.DEMO, 100));
    assertThat(Invocation.parse("demo", "7")).isEqualTo(new Invocation(Command.DEMO, 7));
    assertThat(Invocation.parse("DEMO", "10_000")).isEqualTo(new Invocation(Command.DEMO, 10_000));
  }

  @Test
  void status_help_and_up_are_recognised() {
    assertThat(Invocation.parse("status").command()).isEqualTo(Command.STATUS);
    assertThat(Invocation.parse("up").command()).isEqualTo(Command.UP);
    assertThat(Invocation.parse("up").instances()).isEqualTo(1);
    assertThat(Invocation.parse("up", "--instances", "2").instances()).isEqualTo(2);
    assertThatThrownBy(() -> Invocation.parse("up", "--instances", "3"))
        .hasMessageContaining("--instances takes 1 or 2");
    assertThat(Invocation.parse("--help").command()).isEqualTo(Command.HELP);
    assertThat(Invocation.parse("help").command()).isEqualTo(Command.HELP);
  }

  @Test
  void up_takes_the_jvm_mode_in_either_form_or_leaves_it_to_the_environment() {
    assertThat(Invocation.parse("up").jvm()).isNull();
    assertThat(Invocation.parse("up", "--jvm", "one").jvm()).isEqualTo(JvmMode.ONE);
    assertThat(Invocation.parse("up", "--jvm=six").jvm()).isEqualTo(JvmMode.SIX);
    assertThat(Invocation.parse("start", "--jvm=SIX").jvm()).isEqualTo(JvmMode.SIX);
    assertThatThrownBy(() -> Invocation.parse("up", "--jvm", "two"))
        .isInstanceOf(UsageException.class)
        .hasMessage("up --jvm must be one or six, not 'two'");
    assertThatThrownBy(() -> Invocation.parse("up", "--jvm"))
        .hasMessage("up --jvm needs a value: one or six");
    assertThatThrownBy(() -> Invocation.parse("up", "now")).hasMessage("up does not know 'now'");
  }

  @Test
  void nonsense_is_refused_with_what_was_wrong() {
    assertThatThrownBy(() -> Invocation.parse("demo", "0"))
        .isInstanceOf(UsageException.class)
        .hasMessage("demo needs a number of orders between 1 and 1000000, not '0'");
    assertThatThrownBy(() -> Invocation.parse("demo", "many"))
        .hasMessage("demo needs a number of orders between 1 and 1000000, not 'many'");
    assertThatThrownBy(() -> Invocation.parse("demo", "1", "2"))
        .hasMessage("demo takes at most one argument, the number of orders");
    assertThatThrownBy(() -> Invocation.parse("status", "now"))
        .hasMessage("status takes no arguments (got 'now')");
    assertThatThrownBy(() -> Invocation.parse("down")).hasMessage("unknown command 'down'");
  }

  @Test
  void seed_takes_events_five_per_order_and_resumes_from_an_event_count() {
    assertThat(Invocation.parse("seed", "--events", "1_000_000").seed())
        .isEqualTo(new Seed.Options(1_000_000, 0, Seed.DEFAULT_CHUNK));
    assertThat(Invocation.parse("seed", "--events", "100000", "--from", "50000", "--chunk", "500"))
        .isEqualTo(new Invocation(Command.SEED, 0, null, new Seed.Options(100_000, 50_000, 500)));
    assertThatThrownBy(() -> Invocation.parse("seed"))
        .hasMessage("seed needs --events N (5 per closed order)");
    assertThatThrownBy(() -> Invocation.parse("seed", "--events", "12"))
        .hasMessage("seed --events needs a multiple of 5 from 0 to 25000000, not 12");
    assertThatThrownBy(() -> Invocation.parse("seed", "--events", "10", "--from", "15"))
        .hasMessage("seed --from needs a multiple of 5 from 0 to --events, not 15");
  }

  @Test
  void bench_runs_open_loop_at_five_per_second_for_a_minute_unless_told_otherwise() {
    BenchOptions bench = Invocation.parse("bench").bench();

    assertThat(bench).isEqualTo(BenchOptions.defaults());
    assertThat(bench.load()).isEqualTo(BenchOptions.Load.RATE);
    assertThat(bench.rate()).isEqualTo(5);
    assertThat(bench.duration()).hasSeconds(60);
    assertThat(bench.warmup()).hasSeconds(10);
    assertThat(bench.substrate()).isFalse();
    assertThat(Invocation.parse("demo").bench()).isNull();
  }

  @Test
  void bench_options_are_read_in_either_form() {
    BenchOptions rate =
        Invocation.parse(
                "bench", "--rate", "20", "--duration=90s", "--warmup", "0", "--json", "run.json")
            .bench();
    assertThat(rate.rate()).isEqualTo(20);
    assertThat(rate.duration()).hasSeconds(90);
    assertThat(rate.warmup()).isZero();
    assertThat(rate.json()).isEqualTo(Path.of("run.json"));
    assertThat(rate.inFlight()).isEqualTo(BenchOptions.DEFAULT_RATE_IN_FLIGHT_CAP);

    BenchOptions max = Invocation.parse("bench", "--max", "--drain", "2m", "--substrate").bench();
    assertThat(max.load()).isEqualTo(BenchOptions.Load.MAX);
    assertThat(max.inFlight()).isEqualTo(64);
    assertThat(max.drain()).hasMinutes(2);
    assertThat(max.substrate()).isTrue();
    assertThat(Invocation.parse("bench", "--max", "--in-flight", "8").bench().inFlight())
        .isEqualTo(8);

    BenchOptions substrate = Invocation.parse("bench", "--substrate").bench();
    assertThat(substrate.load()).isEqualTo(BenchOptions.Load.NONE);
    assertThat(substrate.describe()).isEqualTo("substrate only");

    BenchOptions replay = Invocation.parse("bench", "--replay", "--json", "r.json").bench();
    assertThat(replay.load()).isEqualTo(BenchOptions.Load.NONE);
    assertThat(replay.replay()).isTrue();
    assertThat(replay.describe()).isEqualTo("replay only");
    BenchOptions loadThenReplay = Invocation.parse("bench", "--rate", "5", "--replay").bench();
    assertThat(loadThenReplay.load()).isEqualTo(BenchOptions.Load.RATE);
    assertThat(loadThenReplay.describe()).endsWith(", then the replay");
    assertThat(rate.replay()).isFalse();
  }

  @Test
  void durations_read_as_people_write_them() {
    assertThat(BenchOptions.parseDuration("60s")).hasSeconds(60);
    assertThat(BenchOptions.parseDuration("1.5m")).hasSeconds(90);
    assertThat(BenchOptions.parseDuration("250ms")).hasMillis(250);
    assertThat(BenchOptions.parseDuration("7")).hasSeconds(7);
  }

  @Test
  void bench_nonsense_is_refused_with_what_was_wrong() {
    assertThatThrownBy(() -> Invocation.parse("bench", "--rate", "20", "--max"))
        .isInstanceOf(UsageException.class)
        .hasMessage("bench takes either --rate R or --max, not both");
    assertThatThrownBy(() -> Invocation.parse("bench", "--rate", "0"))
        .hasMessage("bench --rate needs lifecycles/s above 0, not 0");
    assertThatThrownBy(() -> Invocation.parse("bench", "--rate", "fast"))
        .hasMessageStartingWith("bench --rate: ");
    assertThatThrownBy(() -> Invocation.parse("bench", "--duration", "soon"))
        .hasMessage("bench --duration: not a duration: 'soon' (e.g. 60s, 2m, 500ms)");
    assertThatThrownBy(() -> Invocation.parse("bench", "--duration", "0s"))
        .hasMessage("bench --duration must be longer than zero");
    assertThatThrownBy(() -> Invocation.parse("bench", "--json"))
        .hasMessage("bench --json needs a value");
    assertThatThrownBy(() -> Invocation.parse("bench", "--fast"))
        .hasMessage("bench does not know '--fast'");
  }

  @Test
  void usage_names_every_command_and_port_variable() {
    String usage = Invocation.usage();
    assertThat(usage)
        .contains("up ", "demo [N]", "bench ", "--rate", "--substrate", "status", "help");
    for (Component c : Component.values()) {
      assertThat(usage).contains(c.portVariable());
    }
    assertThat(usage).contains("HOTLINE_KAFKA_CONTROLLER_PORT", "HOTLINE_DATA");
    assertThat(usage)
        .contains("--jvm one", "--jvm six", "HOTLINE_JVM", "HOTLINE_SERVICE_JVM_OPTS")
        .doesNotContain("%s");
  }
}
