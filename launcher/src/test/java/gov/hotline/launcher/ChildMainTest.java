package gov.hotline.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ChildMainTest {

  @Test
  void the_wrapped_mains_arguments_pass_through_untouched() {
    ChildMain.Arguments args =
        ChildMain.Arguments.parse(
            "--parent-pid=4242",
            "--main=gov.hotline.embedded.KafkaMain",
            "--dir=/data/kafka",
            "--port=9092",
            "--controller-port=9093");

    assertThat(args.parentPid()).isEqualTo(4242);
    assertThat(args.mainClass()).isEqualTo("gov.hotline.embedded.KafkaMain");
    assertThat(args.rest())
        .containsExactly("--dir=/data/kafka", "--port=9092", "--controller-port=9093");
  }

  @Test
  void the_order_of_the_wrappers_own_arguments_does_not_matter() {
    ChildMain.Arguments args =
        ChildMain.Arguments.parse("--main=x.Main", "--parent-pid=1", "--port=1");

    assertThat(args.parentPid()).isEqualTo(1);
    assertThat(args.rest()).containsExactly("--port=1");
  }

  @Test
  void both_parent_and_main_are_required() {
    assertThatThrownBy(() -> ChildMain.Arguments.parse("--main=x.Main", "--port=1"))
        .hasMessageStartingWith("usage: ChildMain --parent-pid=N --main=");
    assertThatThrownBy(() -> ChildMain.Arguments.parse("--parent-pid=abc", "--main=x.Main"))
        .hasMessage("--parent-pid needs a process id, not 'abc'");
  }
}
