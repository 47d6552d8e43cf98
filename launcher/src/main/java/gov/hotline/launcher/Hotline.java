package gov.hotline.launcher;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * The {@code ./hotline} command: {@code up}, {@code demo [N]}, {@code bench [options]}, {@code
 * status}, {@code help}.
 *
 * <p>Run as {@code java -cp launcher/target/launcher-<v>.jar:launcher/target/lib/*
 * gov.hotline.launcher.Hotline <command>}; the Kafka and Mongo children run on the same class path.
 */
public final class Hotline {

  static final String LOGGING_CONFIG = "logback-launcher.xml";

  private Hotline() {}

  public static void main(String[] args) {
    // Before the first logger exists; the child JVMs, on the same class path, keep their own.
    if (System.getProperty("logback.configurationFile") == null) {
      System.setProperty("logback.configurationFile", LOGGING_CONFIG);
    }
    PrintStream out = console();
    int code = run(args, out);
    out.flush();
    System.exit(code);
  }

  /** Terminals show Chinese text whatever the JVM's default charset (often ASCII in containers). */
  static PrintStream console() {
    return new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
  }

  static int run(String[] args, PrintStream out) {
    Invocation invocation;
    StackConfig config;
    try {
      invocation = Invocation.parse(args);
      config = StackConfig.fromSystem();
    } catch (Invocation.UsageException e) {
      out.println("hotline: " + e.getMessage());
      out.println();
      out.print(Invocation.usage());
      return 2;
    } catch (IllegalArgumentException e) {
      out.println("hotline: " + e.getMessage());
      return 2;
    }
    try {
      return switch (invocation.command()) {
        case HELP -> {
          out.print(Invocation.usage());
          yield 0;
        }
        case STATUS -> status(config, out);
        case DEMO -> demo(config, out, invocation.orders());
        case BENCH -> new Bench(config, out, invocation.bench()).run();
        case SEED -> new Seed(config, out, invocation.seed()).run();
        case UP ->
            up(
                invocation.jvm() == null ? config : config.withJvmMode(invocation.jvm()),
                out,
                invocation.instances());
      };
    } catch (IllegalStateException e) {
      out.println("hotline: " + e.getMessage());
      return 2;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 130;
    }
  }

  // --- up ----------------------------------------------------------------------------------

  private static int up(StackConfig config, PrintStream out, int instances)
      throws InterruptedException {
    Path data = config.requireDataDir();
    out.println("Hotline local stack");
    out.println("  repository  " + config.home().map(Path::toString).orElse("(unknown)"));
    out.println("  data        " + data);
    out.println(
        "  services    "
            + (config.jvmMode() == JvmMode.ONE
                ? "one JVM, four Spring contexts (--jvm one)"
                : "one JVM each (--jvm six)"));

    Stack stack = new Stack(config, out);
    ShutdownHook hook = new ShutdownHook(stack);
    Runtime.getRuntime().addShutdownHook(new Thread(hook, "hotline-shutdown"));
    try {
      boolean oneJvm = config.jvmMode() == JvmMode.ONE;
      // second instances run from their exec jars in both modes
      Map<Component, Path> jars = oneJvm ? new EnumMap<>(Component.class) : stack.serviceJars();
      if (instances >= 2) {
        Map<Component, Path> exec = oneJvm ? stack.serviceJars() : jars;
        jars.put(Component.DISPATCH_2, exec.get(Component.DISPATCH));
        jars.put(Component.SUPERVISION_2, exec.get(Component.SUPERVISION));
      }
      String hostClasspath = oneJvm ? stack.servicesHostClasspath() : null;
      stack.checkCanStart(Component.stack(instances));
      stack.startInfrastructure();
      if (oneJvm) {
        stack.startServicesHost(hostClasspath, instances >= 2);
      }
      if (!jars.isEmpty()) {
        stack.startServices(jars);
      }
    } catch (StartupException e) {
      if (hook.started) {
        return 130; // Ctrl-C during start-up; the hook reports what it stops
      }
      out.println();
      out.println("✗ " + e.getMessage());
      return e.exitCode();
    } catch (IOException e) {
      out.println("✗ " + e.getMessage());
      return 1;
    }
    stack.superviseAll();

    out.println();
    out.print(stack.table());
    out.println();
    out.println("Swagger UI:");
    stack.swaggerUrls().forEach(url -> out.println("  " + url));
    out.println();
    out.println(
        "Ready: orders can be taken at "
            + "http://127.0.0.1:"
            + config.port(Component.INTAKE)
            + "/orders — ./hotline demo N drives N orders through the loop.");
    out.println("Supervising: a child that dies is restarted. Ctrl-C stops everything.");
    new CountDownLatch(1).await(); // until Ctrl-C or SIGTERM; the hook then stops the children
    return 0;
  }

  /** One hook for the whole stack, so the shutdown order is ours and not a race of JVMs. */
  private static final class ShutdownHook implements Runnable {
    private final Stack stack;
    volatile boolean started;

    ShutdownHook(Stack stack) {
      this.stack = stack;
    }

    @Override
    public void run() {
      started = true;
      stack.stop();
    }
  }

  // --- status ------------------------------------------------------------------------------

  private static int status(StackConfig config, PrintStream out) {
    StatusReport report = new StatusReport(config, new HealthProbe());
    List<StatusReport.Line> lines = report.check();
    out.print(StatusReport.render(lines));
    report
        .runningLauncher()
        .ifPresentOrElse(
            s ->
                out.printf(
                    "%nLauncher pid %d, up since %s; data in %s%n",
                    s.launcherPid(),
                    s.startedAt(),
                    report.dataDir().map(Path::toString).orElse("?")),
            () -> out.printf("%nNo ./hotline up is running on this data directory.%n"));
    long up = lines.stream().filter(StatusReport.Line::up).count();
    out.printf("%d of %d up.%n", up, lines.size());
    return up == lines.size() ? 0 : 1;
  }

  // --- demo --------------------------------------------------------------------------------

  private static int demo(StackConfig config, PrintStream out, int orders)
      throws InterruptedException {
    return new Demo(config, out, LifecycleTopic.on(config.kafkaBootstrap())).run(orders);
  }
}
