package gov.hotline.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import gov.hotline.launcher.PrometheusText.Sample;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PrometheusTextTest {

  @Test
  void reads_names_labels_and_values_and_skips_comments() {
    List<Sample> samples =
        PrometheusText.parse(
            """
            # HELP hotline_relay_published_total Contract events acknowledged by the broker
            # TYPE hotline_relay_published_total counter
            hotline_relay_published_total{service="dispatch"} 40.0

            process_uptime_seconds 12.5
            jvm_info{runtime="OpenJDK Runtime Environment",vendor="Debian",version="17.0.17+10-Debian-1deb12u1",} 1
            """);

    assertThat(samples)
        .containsExactly(
            new Sample("hotline_relay_published_total", Map.of("service", "dispatch"), 40.0),
            new Sample("process_uptime_seconds", Map.of(), 12.5),
            new Sample(
                "jvm_info",
                Map.of(
                    "runtime", "OpenJDK Runtime Environment",
                    "vendor", "Debian",
                    "version", "17.0.17+10-Debian-1deb12u1"),
                1.0));
  }

  @Test
  void label_values_may_hold_escapes_commas_and_braces_and_values_may_be_special() {
    List<Sample> samples =
        PrometheusText.parse(
            """
            m{a="say \\"hi\\", {ok}",b="back\\\\slash",c="two\\nlines"} NaN
            m_bucket{le="+Inf"} +Inf
            m_gauge -Inf 1700000000000
            """);

    assertThat(samples.get(0).labels())
        .containsExactly(
            Map.entry("a", "say \"hi\", {ok}"),
            Map.entry("b", "back\\slash"),
            Map.entry("c", "two\nlines"));
    assertThat(samples.get(0).value()).isNaN();
    assertThat(samples.get(1).value()).isEqualTo(Double.POSITIVE_INFINITY);
    assertThat(samples.get(1).label("le")).isEqualTo("+Inf");
    assertThat(samples.get(1).labelsWithout("le")).isEmpty();
    assertThat(samples.get(2).value()).isEqualTo(Double.NEGATIVE_INFINITY);
  }

  @Test
  void a_line_that_is_no_sample_is_named_in_the_failure() {
    assertThatThrownBy(() -> PrometheusText.parse("ok 1\n{service=\"x\"} 2\n"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("line 2");
    assertThatThrownBy(() -> PrometheusText.parse("m{a=unquoted} 1"))
        .hasMessageContaining("line 1");
  }
}
