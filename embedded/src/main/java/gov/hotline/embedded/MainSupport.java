package gov.hotline.embedded;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;

/** What the process entry points share: arguments, logging, the READY line, staying alive. */
final class MainSupport {

  static final String LOGBACK_CONFIG_PROPERTY = "logback.configurationFile";
  static final String LOGBACK_CONFIG = "logback-embedded.xml";

  private MainSupport() {}

  /**
   * Selects {@code logback-embedded.xml} unless a configuration is given. Must run before the first
   * logger is created, so the mains have no static loggers.
   */
  static void configureLogging() {
    if (System.getProperty(LOGBACK_CONFIG_PROPERTY) == null) {
      System.setProperty(LOGBACK_CONFIG_PROPERTY, LOGBACK_CONFIG);
    }
  }

  /** Parses {@code --name=value} arguments; unknown names and other forms are errors. */
  static Map<String, String> parse(String[] args, Set<String> known, String usage) {
    Map<String, String> options = new LinkedHashMap<>();
    for (String arg : args) {
      int eq = arg.indexOf('=');
      if (!arg.startsWith("--") || eq < 0 || !known.contains(arg.substring(2, eq))) {
        throw new IllegalArgumentException("unexpected argument '" + arg + "'; usage: " + usage);
      }
      options.put(arg.substring(2, eq), arg.substring(eq + 1));
    }
    return options;
  }

  static int intOption(Map<String, String> options, String name, int defaultValue) {
    String value = options.get(name);
    if (value == null || value.isBlank()) {
      return defaultValue;
    }
    try {
      return Integer.parseInt(value.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("--" + name + " must be a number, not '" + value + "'");
    }
  }

  /** Prints {@code READY <what> <address>} on stdout, the line the launcher waits for. */
  static void ready(String what, String address) {
    System.out.println("READY " + what + " " + address);
    System.out.flush();
  }

  static void failed(String what, Throwable e) {
    System.err.println("FAILED " + what + ": " + e);
    e.printStackTrace(System.err);
    System.err.flush();
    System.exit(1);
  }

  /**
   * Keeps the process up until it is stopped (SIGTERM runs the shutdown hooks). With {@code
   * --exit-with-parent=true} (the default) it also exits, cleanly, when its parent process dies, so
   * a launcher killed with {@code kill -9} leaves no orphans.
   */
  static void stayUp(Map<String, String> options, String what) {
    if (!"false".equalsIgnoreCase(options.getOrDefault("exit-with-parent", "true"))) {
      ProcessHandle.current()
          .parent()
          .ifPresent(
              parent ->
                  parent
                      .onExit()
                      .thenRun(
                          () -> {
                            System.err.println(
                                what + ": parent process " + parent.pid() + " ended, stopping");
                            System.exit(0);
                          }));
    }
    try {
      new CountDownLatch(1).await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
