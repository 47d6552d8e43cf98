package gov.hotline.launcher;

import java.util.Locale;

/**
 * How {@code up} runs the four services: each in its own JVM from its own executable jar ({@link
 * #SIX} processes with the broker and Mongo), or all four as separate Spring contexts in one host
 * JVM ({@link #ONE}; ADR 0007). Either way each service keeps its port, database and consumer
 * groups, and they meet only on Kafka.
 */
public enum JvmMode {
  ONE,
  SIX;

  /** What {@code up} does without {@code --jvm} or {@code HOTLINE_JVM} (ADR 0007). */
  public static final JvmMode DEFAULT = ONE;

  /** {@code one} or {@code six} (any case). */
  public static JvmMode parse(String value) {
    return switch (value.trim().toLowerCase(Locale.ROOT)) {
      case "one", "1" -> ONE;
      case "six", "6" -> SIX;
      default -> throw new IllegalArgumentException("must be one or six, not '" + value + "'");
    };
  }

  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
