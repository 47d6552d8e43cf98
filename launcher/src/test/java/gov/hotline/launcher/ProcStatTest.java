package gov.hotline.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ProcStatTest {

  @Test
  void a_process_cpu_time_is_user_plus_system_ticks() {
    String stat =
        "28400 (java) S 28262 28262 28259 0 -1 1077936384 95113 0 3 0 5125 711 0 0 20 0 62 0"
            + " 22051 3290357760 89284 18446744073709551615 1 1 0 0 0 0 4 0 16800975 0 0 0 17 1 0"
            + " 0 0 0 0";

    assertThat(ProcStat.cpuTicks(stat)).isEqualTo(5125 + 711);
  }

  @Test
  void a_command_name_with_spaces_and_parentheses_does_not_shift_the_fields() {
    String stat = "77 (my (odd) name) R 1 1 1 0 -1 4194560 0 0 0 0 12 34 0 0 20 0 1 0 100";

    assertThat(ProcStat.cpuTicks(stat)).isEqualTo(46);
    assertThatThrownBy(() -> ProcStat.cpuTicks("garbage"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void the_machine_line_splits_into_busy_and_total() {
    String procStat =
        """
        cpu  513018 0 47597 341346 557 0 1801 404 0 0
        cpu0 256000 0 23000 170000 300 0 900 200 0 0
        intr 1 2 3
        """;

    ProcStat.Machine machine = ProcStat.machine(procStat);

    long busy = 513018 + 47597 + 1801 + 404;
    assertThat(machine.busy()).isEqualTo(busy);
    assertThat(machine.total()).isEqualTo(busy + 341346 + 557);
    assertThat(machine.minus(new ProcStat.Machine(100, 1000)))
        .isEqualTo(new ProcStat.Machine(busy - 100, busy + 341346 + 557 - 1000));
  }

  @Test
  void this_process_can_be_read_on_linux() {
    if (!System.getProperty("os.name").toLowerCase().contains("linux")) {
      return;
    }
    assertThat(ProcStat.ticks(ProcessHandle.current().pid())).isPresent();
    assertThat(ProcStat.ticks(-1)).isEmpty();
    assertThat(ProcStat.machine()).isPresent();
    assertThat(ProcStat.ticksPerSecond()).isPositive();
  }
}
