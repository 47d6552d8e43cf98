package gov.hotline.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import gov.hotline.launcher.Invocation.Command;
import gov.hotline.launcher.Invocation.UsageException;
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
    assertThat(Invocation.parse("--help").command()).isEqualTo(Command.HELP);
    assertThat(Invocation.parse("help").command()).isEqualTo(Command.HELP);
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
  void usage_names_every_command_and_port_variable() {
    String usage = Invocation.usage();
    assertThat(usage).contains("up ", "demo [N]", "status", "help");
    for (Component c : Component.values()) {
      assertThat(usage).contains(c.portVariable());
    }
    assertThat(usage).contains("HOTLINE_KAFKA_CONTROLLER_PORT", "HOTLINE_DATA");
  }
}
