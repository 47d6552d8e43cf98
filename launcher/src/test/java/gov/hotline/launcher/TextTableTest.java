package gov.hotline.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TextTableTest {

  @Test
  void columns_line_up_and_lines_carry_no_trailing_blanks() {
    String rendered =
        new TextTable("NAME", "PID", "ADDRESS")
            .row("kafka", 4242, "127.0.0.1:9092")
            .row("supervision", null, "http://127.0.0.1:8083")
            .render();

    assertThat(rendered)
        .isEqualTo(
            """
            NAME        | PID  | ADDRESS
            ------------+------+----------------------
            kafka       | 4242 | 127.0.0.1:9092
            supervision | -    | http://127.0.0.1:8083
            """);
  }

  @Test
  void chinese_text_counts_two_columns_per_character() {
    String rendered = new TextTable("A", "B").row("城市管理", "x").row("ab", "y").render();

    assertThat(rendered)
        .isEqualTo(
            """
            A        | B
            ---------+--
            城市管理 | x
            ab       | y
            """);
    assertThat(TextTable.displayWidth("噪声 ok")).isEqualTo(7);
  }

  @Test
  void truncation_respects_display_width() {
    assertThat(TextTable.truncate("夜间施工噪声", 7)).isEqualTo("夜间施…");
    assertThat(TextTable.truncate("short", 10)).isEqualTo("short");
    assertThat(TextTable.truncate("abcdefghij", 5)).isEqualTo("abcd…");
  }
}
