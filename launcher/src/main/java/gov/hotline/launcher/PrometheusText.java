package gov.hotline.launcher;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the Prometheus text exposition format (what {@code /actuator/prometheus} answers) into
 * samples: name, labels, value. Comments, blank lines and timestamps are skipped; {@code NaN} and
 * {@code ±Inf} are read as such.
 */
final class PrometheusText {

  /** One line of the exposition: {@code name{labels} value}. */
  record Sample(String name, Map<String, String> labels, double value) {
    String label(String key) {
      return labels.getOrDefault(key, "");
    }

    /** The labels without {@code le}: what the buckets of one histogram share. */
    Map<String, String> labelsWithout(String key) {
      Map<String, String> rest = new LinkedHashMap<>(labels);
      rest.remove(key);
      return rest;
    }
  }

  private PrometheusText() {}

  static List<Sample> parse(String text) {
    List<Sample> samples = new ArrayList<>();
    int lineNo = 0;
    for (String raw : text.split("\n")) {
      lineNo++;
      String line = raw.strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      try {
        samples.add(line(line));
      } catch (RuntimeException e) {
        throw new IllegalArgumentException(
            "line " + lineNo + " is not a Prometheus sample: " + TextTable.truncate(line, 200), e);
      }
    }
    return samples;
  }

  private static Sample line(String line) {
    int i = 0;
    while (i < line.length() && line.charAt(i) != '{' && !Character.isWhitespace(line.charAt(i))) {
      i++;
    }
    String name = line.substring(0, i);
    if (name.isEmpty()) {
      throw new IllegalArgumentException("no metric name");
    }
    Map<String, String> labels = new LinkedHashMap<>();
    if (i < line.length() && line.charAt(i) == '{') {
      i = labels(line, i + 1, labels);
    }
    String[] rest = line.substring(i).strip().split("\\s+");
    return new Sample(name, Collections.unmodifiableMap(labels), value(rest[0]));
  }

  /** Reads {@code a="x",b="y"}} from {@code i}; returns the index after the closing brace. */
  private static int labels(String line, int i, Map<String, String> labels) {
    while (true) {
      while (line.charAt(i) == ',' || line.charAt(i) == ' ') {
        i++;
      }
      if (line.charAt(i) == '}') {
        return i + 1;
      }
      int eq = line.indexOf('=', i);
      String key = line.substring(i, eq).strip();
      if (line.charAt(eq + 1) != '"') {
        throw new IllegalArgumentException("label " + key + " has no quoted value");
      }
      StringBuilder value = new StringBuilder();
      int j = eq + 2;
      for (char c = line.charAt(j); c != '"'; c = line.charAt(++j)) {
        if (c == '\\') {
          char escaped = line.charAt(++j);
          value.append(escaped == 'n' ? '\n' : escaped);
        } else {
          value.append(c);
        }
      }
      labels.put(key, value.toString());
      i = j + 1;
    }
  }

  private static double value(String text) {
    return switch (text) {
      case "NaN" -> Double.NaN;
      case "+Inf", "Inf" -> Double.POSITIVE_INFINITY;
      case "-Inf" -> Double.NEGATIVE_INFINITY;
      default -> Double.parseDouble(text);
    };
  }
}
