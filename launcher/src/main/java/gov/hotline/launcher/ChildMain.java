package gov.hotline.launcher;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;

/**
 * Runs another {@code main} (the embedded Kafka or Mongo server) and ends the JVM when the launcher
 * that spawned it is gone, even after {@code kill -9}, so no broker outlives its stack.
 *
 * <p>Usage: {@code ChildMain --parent-pid=N --main=gov.hotline.embedded.KafkaMain <its args...>}.
 * The wrapped main's own arguments pass through untouched. When the parent disappears the child
 * leaves through {@link System#exit}, so the wrapped server's shutdown hooks close its stores; if
 * they hang, the JVM halts after {@link #HALT_AFTER}.
 */
public final class ChildMain {

  static final Duration POLL_INTERVAL = Duration.ofSeconds(1);
  static final Duration HALT_AFTER = Duration.ofSeconds(30);

  private ChildMain() {}

  /** The wrapper's own arguments, then the wrapped main's. */
  record Arguments(long parentPid, String mainClass, String[] rest) {

    static Arguments parse(String... args) {
      Long parentPid = null;
      String mainClass = null;
      int i = 0;
      for (; i < args.length && (parentPid == null || mainClass == null); i++) {
        String arg = args[i];
        if (arg.startsWith("--parent-pid=")) {
          String value = arg.substring("--parent-pid=".length());
          try {
            parentPid = Long.parseLong(value);
          } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                "--parent-pid needs a process id, not '" + value + "'");
          }
        } else if (arg.startsWith("--main=")) {
          mainClass = arg.substring("--main=".length());
        } else {
          break;
        }
      }
      if (parentPid == null || mainClass == null || mainClass.isBlank()) {
        throw new IllegalArgumentException(
            "usage: ChildMain --parent-pid=N --main=fully.qualified.Main [args of that main...]");
      }
      return new Arguments(parentPid, mainClass, Arrays.copyOfRange(args, i, args.length));
    }
  }

  public static void main(String[] args) {
    Arguments arguments;
    try {
      arguments = Arguments.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.exit(2);
      return;
    }

    Optional<ProcessHandle> parent = ProcessHandle.of(arguments.parentPid());
    if (parent.isEmpty() || !parent.get().isAlive()) {
      System.err.println(
          "Parent process " + arguments.parentPid() + " is already gone; not starting");
      System.exit(0);
      return;
    }
    watch(parent.get());

    try {
      Method main = Class.forName(arguments.mainClass()).getMethod("main", String[].class);
      main.invoke(null, (Object) arguments.rest());
    } catch (InvocationTargetException e) {
      System.err.println(arguments.mainClass() + " failed:");
      e.getCause().printStackTrace();
      System.exit(1);
    } catch (ReflectiveOperationException e) {
      System.err.println("Cannot run " + arguments.mainClass() + ": " + e);
      System.exit(1);
    }
  }

  private static void watch(ProcessHandle parent) {
    // When the parent is our real parent, being re-parented also means it is gone: this covers a
    // killed parent that lingers as a zombie because nobody reaped it yet.
    boolean realParent = isParent(parent);
    Thread watcher =
        new Thread(
            () -> {
              // ProcessHandle remembers the start time, so a recycled pid does not fool isAlive().
              while (parent.isAlive() && (!realParent || isParent(parent))) {
                try {
                  Thread.sleep(POLL_INTERVAL.toMillis());
                } catch (InterruptedException e) {
                  return;
                }
              }
              System.err.println(
                  "Launcher (pid " + parent.pid() + ") is gone; shutting down this child process");
              Thread halt =
                  new Thread(
                      () -> {
                        try {
                          Thread.sleep(HALT_AFTER.toMillis());
                        } catch (InterruptedException ignored) {
                          // halting anyway
                        }
                        Runtime.getRuntime().halt(1);
                      },
                      "child-main-halt");
              halt.setDaemon(true);
              halt.start();
              System.exit(0);
            },
            "child-main-parent-watch");
    watcher.setDaemon(true);
    watcher.start();
  }

  private static boolean isParent(ProcessHandle parent) {
    return ProcessHandle.current().parent().map(p -> p.pid() == parent.pid()).orElse(false);
  }
}
