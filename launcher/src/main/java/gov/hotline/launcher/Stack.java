package gov.hotline.launcher;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;

/**
 * The local stack as {@code up} runs it: Mongo and Kafka first, then the four services, each a
 * child JVM under the {@link Supervisor}; stopped in the reverse order.
 */
public final class Stack {

  static final String KAFKA_MAIN = "gov.hotline.embedded.KafkaMain";
  static final String MONGO_MAIN = "gov.hotline.embedded.MongoMain";

  /**
   * The Mongo server replays its whole log and rebuilds its indexes when it opens: a 1M-event
   * history ({@code ./hotline seed}) is a 3.9 GB file, which took more than 90 s on a loaded
   * machine.
   */
  static final Duration INFRASTRUCTURE_TIMEOUT = Duration.ofSeconds(300);

  static final Duration SERVICE_TIMEOUT = Duration.ofSeconds(180);
  static final Duration STOP_GRACE = Duration.ofSeconds(30);
  static final List<String> INFRASTRUCTURE_JVM_OPTIONS = List.of("-XX:+UseSerialGC");

  /**
   * The broker needs little heap; the Mongo server holds every document in memory (ADR 0006, about
   * 1.25 KB per stored document), so its cap leaves room for a few million events. A cap, not a
   * reservation: the heap grows only as the data does. 12 GB because a lifecycle event costs about
   * 5–6 KB of store heap across all collections (three event stores, inboxes, timeline, views;
   * measured with {@code ./hotline seed}), so the 1M stored events of the history benchmark hold ~6
   * GB live; with the serial collector's old generation at 2/3 of the heap, 8 GB ran out at 1M
   * (full collections of 47 s) and 4 GB would at ~600k.
   */
  static final Map<Component, String> INFRASTRUCTURE_HEAP =
      Map.of(Component.KAFKA, "-Xmx512m", Component.MONGO, "-Xmx12g");

  static final List<String> SERVICE_JVM_OPTIONS =
      List.of("-Daxoniq.update-checker.disabled=true", "-Xmx512m", "-XX:+UseSerialGC");

  private final StackConfig config;
  private final PrintStream out;
  private final Supervisor supervisor;
  private final Instant startedAt;
  private final AtomicBoolean stopped = new AtomicBoolean();

  public Stack(StackConfig config, PrintStream out) {
    this(config, out, RestartPolicy.DEFAULT, Clock.systemUTC());
  }

  Stack(StackConfig config, PrintStream out, RestartPolicy policy, Clock clock) {
    this.config = config;
    this.out = out;
    this.startedAt = clock.instant();
    this.supervisor = new Supervisor(out, policy, new HealthProbe(), clock);
    supervisor.onRestarted(child -> writeState());
  }

  public Supervisor supervisor() {
    return supervisor;
  }

  /**
   * Refuses to start over a running stack or onto a port someone else holds, naming which and how
   * to move it, before any child is spawned.
   */
  public void checkCanStart(Set<Component> components) throws StartupException {
    Path dataDir = config.requireDataDir();
    Optional<StackState> running = StackState.read(config.stateFile());
    if (running.isPresent() && running.get().launcherAlive()) {
      throw new StartupException(
          "A stack is already running on "
              + dataDir
              + " (launcher pid "
              + running.get().launcherPid()
              + "). See ./hotline status; stop it with Ctrl-C in its terminal or kill "
              + running.get().launcherPid()
              + ".",
          2);
    }
    Map<String, Integer> wanted = new LinkedHashMap<>();
    for (Component c : Component.values()) {
      if (components.contains(c)) {
        wanted.put(c.displayName() + ", set " + c.portVariable() + " to move it", config.port(c));
      }
    }
    if (components.contains(Component.KAFKA)) {
      wanted.put(
          "kafka controller, set " + StackConfig.KAFKA_CONTROLLER_PORT + " to move it",
          config.kafkaControllerPort());
    }
    Map<String, Integer> duplicates = duplicatePorts(wanted);
    if (!duplicates.isEmpty()) {
      throw new StartupException("Two components share a port: " + describe(duplicates), 2);
    }
    Map<String, Integer> busy = PortCheck.busy(wanted);
    if (!busy.isEmpty()) {
      throw new StartupException(
          "Port"
              + (busy.size() > 1 ? "s" : "")
              + " already in use: "
              + describe(busy)
              + ".\n  Another stack or program listens there (./hotline status shows what"
              + " answers): stop it, or move the port.",
          2);
    }
  }

  private static Map<String, Integer> duplicatePorts(Map<String, Integer> wanted) {
    Map<Integer, List<String>> byPort =
        wanted.entrySet().stream()
            .collect(
                Collectors.groupingBy(
                    Map.Entry::getValue,
                    Collectors.mapping(Map.Entry::getKey, Collectors.toList())));
    Map<String, Integer> duplicates = new LinkedHashMap<>();
    byPort.forEach(
        (port, names) -> {
          if (names.size() > 1) {
            names.forEach(n -> duplicates.put(n, port));
          }
        });
    return duplicates;
  }

  private static String describe(Map<String, Integer> ports) {
    return ports.entrySet().stream()
        .map(e -> e.getValue() + " (" + e.getKey() + ")")
        .collect(Collectors.joining(", "));
  }

  /** The executable jars of the four services, or what is missing and how to build it. */
  public Map<Component, Path> serviceJars() throws StartupException {
    Path home =
        config
            .home()
            .orElseThrow(
                () ->
                    new StartupException(
                        "Cannot find the repository (set HOTLINE_HOME, or run ./hotline from it)",
                        2));
    Map<Component, Path> jars = new EnumMap<>(Component.class);
    List<String> missing = new ArrayList<>();
    for (Component service : Component.services()) {
      Optional<Path> jar =
          execJar(home.resolve(service.module()).resolve("target"), service.module());
      if (jar.isPresent()) {
        jars.put(service, jar.get());
      } else {
        missing.add(service.module() + "/target/" + service.module() + "-*-exec.jar");
      }
    }
    if (!missing.isEmpty()) {
      throw new StartupException(
          "Missing "
              + String.join(", ", missing)
              + " under "
              + home
              + ".\n  Build them with ./mvnw -DskipTests install (./hotline does this by itself).",
          2);
    }
    return jars;
  }

  static Optional<Path> execJar(Path targetDir, String module) {
    if (!Files.isDirectory(targetDir)) {
      return Optional.empty();
    }
    List<Path> found = new ArrayList<>();
    try (DirectoryStream<Path> jars = Files.newDirectoryStream(targetDir, module + "-*-exec.jar")) {
      jars.forEach(found::add);
    } catch (IOException e) {
      return Optional.empty();
    }
    return found.stream()
        .max(
            (a, b) -> {
              try {
                return Files.getLastModifiedTime(a).compareTo(Files.getLastModifiedTime(b));
              } catch (IOException e) {
                return 0;
              }
            });
  }

  /** Starts Mongo and Kafka and waits for their READY lines. */
  public void startInfrastructure() throws StartupException, InterruptedException, IOException {
    Path data = config.requireDataDir();
    Files.createDirectories(data.resolve("mongo"));
    Files.createDirectories(data.resolve("kafka"));
    out.println("Starting mongo and kafka (data in " + data + ")…");
    ManagedChild mongo =
        supervisor.launch(
            infrastructure(
                Component.MONGO,
                MONGO_MAIN,
                List.of(
                    "--file=" + data.resolve("mongo").resolve("hotline.mv.db"),
                    "--port=" + config.port(Component.MONGO)),
                "READY mongo"));
    ManagedChild kafka =
        supervisor.launch(
            infrastructure(
                Component.KAFKA,
                KAFKA_MAIN,
                List.of(
                    "--dir=" + data.resolve("kafka"),
                    "--port=" + config.port(Component.KAFKA),
                    "--controller-port=" + config.kafkaControllerPort()),
                "READY kafka"));
    supervisor.awaitReady(List.of(mongo, kafka), INFRASTRUCTURE_TIMEOUT, progress());
  }

  private ChildSpec infrastructure(
      Component component, String mainClass, List<String> args, String readyPrefix) {
    List<String> command = new ArrayList<>();
    command.add(config.javaExecutable().toString());
    command.add(INFRASTRUCTURE_HEAP.get(component));
    command.addAll(INFRASTRUCTURE_JVM_OPTIONS);
    command.add("-cp");
    command.add(config.classpath());
    command.add(ChildMain.class.getName());
    command.add("--parent-pid=" + ProcessHandle.current().pid());
    command.add("--main=" + mainClass);
    command.addAll(args);
    return new ChildSpec(
        component,
        command,
        Map.of(),
        workingDirectory(),
        config.logFile(component),
        new ChildSpec.ReadyLine(readyPrefix),
        INFRASTRUCTURE_TIMEOUT);
  }

  /** Starts the four services at once and waits until each one's health endpoint says UP. */
  public void startServices(Map<Component, Path> jars)
      throws StartupException, InterruptedException, IOException {
    String callerKey =
        config.callerKey().isPresent()
            ? config.callerKey().get()
            : CallerKey.ensure(config.callerKeyFile());
    List<ManagedChild> services = new ArrayList<>();
    out.println(
        "Starting "
            + jars.keySet().stream().map(Component::displayName).collect(Collectors.joining(", "))
            + " (each takes 20-40 s to start on two cores)…");
    for (Map.Entry<Component, Path> jar : jars.entrySet()) {
      services.add(supervisor.launch(service(jar.getKey(), jar.getValue(), callerKey)));
    }
    supervisor.awaitReady(services, SERVICE_TIMEOUT, progress());
  }

  ChildSpec service(Component service, Path jar, String callerKey) {
    List<String> command = new ArrayList<>();
    command.add(config.javaExecutable().toString());
    command.addAll(SERVICE_JVM_OPTIONS);
    command.add("-jar");
    command.add(jar.toString());
    Map<String, String> env = new LinkedHashMap<>();
    env.put("SERVER_PORT", String.valueOf(config.port(service)));
    env.put("HOTLINE_KAFKA_BOOTSTRAP", "127.0.0.1:" + config.port(Component.KAFKA));
    env.put("HOTLINE_MONGO_URI", config.mongoUri());
    env.put("HOTLINE_PARENT_PID", String.valueOf(ProcessHandle.current().pid()));
    if (service == Component.INTAKE) {
      env.put(StackConfig.CALLER_KEY, callerKey);
    }
    return new ChildSpec(
        service,
        command,
        env,
        workingDirectory(),
        config.logFile(service),
        new ChildSpec.Healthy(localUrl(service)),
        SERVICE_TIMEOUT);
  }

  private URI localUrl(Component service) {
    return URI.create("http://127.0.0.1:" + config.port(service));
  }

  private Path workingDirectory() {
    return config.home().orElse(config.requireDataDir());
  }

  private Supervisor.ReadyListener progress() {
    return new Supervisor.ReadyListener() {
      @Override
      public void ready(ManagedChild child, Duration after) {
        out.printf(
            "  ✓ %-12s up after %s (pid %d)%n",
            child.name(), Supervisor.seconds(after), child.pid());
      }

      @Override
      public void stillWaiting(Map<ManagedChild, String> pending, Duration elapsed) {
        out.printf("  … %d s, still waiting for:%n", elapsed.toSeconds());
        pending.forEach(
            (child, reason) ->
                out.printf("      %-12s %s%n", child.name(), TextTable.truncate(reason, 110)));
      }
    };
  }

  /** From now on, a child that dies is reported and restarted. */
  public void superviseAll() {
    supervisor.children().forEach(supervisor::supervise);
    writeState();
  }

  /** name | pid | address | health | log file, for every child. */
  public String table() {
    TextTable table = new TextTable("NAME", "PID", "ADDRESS", "HEALTH", "LOG");
    for (ManagedChild child : supervisor.children()) {
      table.row(
          child.name(),
          child.pid(),
          config.address(child.component()),
          child.state() == ManagedChild.State.UP ? "UP" : child.state().name(),
          child.logFile());
    }
    return table.render();
  }

  /** The Swagger UI of each running service. */
  public List<String> swaggerUrls() {
    return supervisor.children().stream()
        .filter(c -> c.component().isService())
        .map(c -> String.format("%-12s %s/swagger-ui.html", c.name(), localUrl(c.component())))
        .toList();
  }

  void writeState() {
    List<StackState.Entry> entries =
        supervisor.children().stream()
            .map(
                c ->
                    new StackState.Entry(
                        c.name(), c.pid(), config.address(c.component()), c.logFile().toString()))
            .toList();
    try {
      new StackState(ProcessHandle.current().pid(), startedAt, entries).write(config.stateFile());
    } catch (IOException e) {
      out.println("! Cannot write " + config.stateFile() + ": " + e.getMessage());
    }
  }

  /** Services, then Kafka, then Mongo; each gets SIGTERM and 30 s before it is killed. */
  public void stop() {
    if (supervisor.children().isEmpty() || !stopped.compareAndSet(false, true)) {
      return;
    }
    out.println();
    out.println("Stopping the stack: services first, then kafka, then mongo.");
    supervisor.stopAll(STOP_GRACE);
    try {
      Optional<StackState> state = StackState.read(config.stateFile());
      if (state.isPresent() && state.get().launcherPid() == ProcessHandle.current().pid()) {
        Files.deleteIfExists(config.stateFile());
      }
    } catch (IOException | IllegalStateException ignored) {
      // a stale state file is recognised by its dead launcher pid
    }
    out.println("All stopped.");
  }
}
