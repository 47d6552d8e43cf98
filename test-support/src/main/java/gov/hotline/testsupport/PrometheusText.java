package gov.hotline.testsupport;

/** A service's {@code /actuator/prometheus} answer, read as a dashboard reads a counter. */
public final class PrometheusText {
  private PrometheusText() {}

  /**
   * The sum of every series of {@code metric} whose label {@code label} is {@code value}, e.g.
   * {@code hotline_inbox_events_total} with {@code outcome="own"} over all event types; 0 when
   * there is none yet (a counter appears with its first increment).
   */
  public static double sum(String scrape, String metric, String label, String value) {
    String selector = label + "=\"" + value + "\"";
    return scrape
        .lines()
        .filter(line -> line.startsWith(metric + "{"))
        .filter(line -> line.contains("{" + selector) || line.contains("," + selector))
        .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
        .sum();
  }
}
