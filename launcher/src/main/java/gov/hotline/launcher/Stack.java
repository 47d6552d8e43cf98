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

  /**
   * The broker's heap is small and short-lived: the serial collector. The Mongo server holds every
   * document in its heap (ADR 0006), a live set of gigabytes with a history: with the serial
   * collector each young collection scanned that old generation (0.5 s each at 200,000 stored
   * events) and full collections stopped it for 2 s, a third of a timeline replay's time; G1
   * collects young generations in parallel and the old one concurrently (docs/benchmarks.md).
   */
  static final Map<Component, List<String>> INFRASTRUCTURE_JVM_OPTIONS =
      Map.of(
          Component.KAFKA, List.of("-XX:+UseSerialGC"),
          Component.MONGO, List.of("-XX:+UseG1GC"));

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

  /**
   * The four services in one JVM: one heap for four, a cap rather than a reservation. G1 rather
   * than the serial collector: a full collection of the shared heap (728–855 ms measured with
   * serial) stops all four services' units of work and event-store inserts at once, and that wait
   * counts against the processors' 3 s look-back (ADR 0002); ten minutes at {@code --max} with G1
   * ran faster, at less CPU per lifecycle and with shorter insert tails (docs/benchmarks.md).
   */
  static final List<String> HOST_JVM_OPTIONS =
      List.of("-Daxoniq.update-checker.disabled=true", "-Xmx1g", "-XX:+UseG1GC");

  /** The host writes its class-data archive as it exits: that takes seconds more. */
  static final Duration CDS_DUMP_STOP_GRACE = Duration.ofSeconds(120);

  /** CDS says why a class is left out of the archive, some 200 lines; not for the log. */
  static final List<String> CDS_QUIET = List.of("-Xlog:cds=off", "-Xlog:cds+dynamic=off");

  static final String HOST_MODULE = "services-host";
  static final String HOST_MAIN = "gov.hotline.host.ServicesHost";

  private final StackConfig config;
  private final PrintStream out;
  private final Supervisor supervisor;
  private final Instant startedAt;
  private final AtomicBoolean stopped = new AtomicBoolean();

  /** Where this run's host writes a class-data archive as it exits, if it does. */
  private volatile Path cdsArchiveBeingWritten;

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

  private Path home() throws StartupException {
    return config
        .home()
        .orElseThrow(
            () ->
                new StartupException(
                    "Cannot find the repository (set HOTLINE_HOME, or run ./hotline from it)", 2));
  }

  /** The executable jars of the four services, or what is missing and how to build it. */
  public Map<Component, Path> serviceJars() throws StartupException {
    Path home = home();
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

  /**
   * The class path of the services host ({@code up --jvm one}): its jar and the services' plain
   * jars with their dependencies, all in {@code services-host/target}, or what is missing.
   */
  public String servicesHostClasspath() throws StartupException {
    Path home = home();
    Path target = home.resolve(HOST_MODULE).resolve("target");
    Optional<Path> jar = Optional.empty();
    if (Files.isDirectory(target)) {
      try (DirectoryStream<Path> jars = Files.newDirectoryStream(target, HOST_MODULE + "-*.jar")) {
        for (Path candidate : jars) {
          String name = candidate.getFileName().toString();
          if (!name.endsWith("-sources.jar") && !name.endsWith("-tests.jar")) {
            jar = Optional.of(candidate);
          }
        }
      } catch (IOException e) {
        jar = Optional.empty();
      }
    }
    Path lib = target.resolve("lib");
    if (jar.isEmpty() || !Files.isDirectory(lib)) {
      throw new StartupException(
          "Missing "
              + HOST_MODULE
              + "/target/"
              + HOST_MODULE
              + "-*.jar or its lib/ under "
              + home
              + " (needed by --jvm one).\n  Build it with ./mvnw -DskipTests package"
              + " (./hotline does this by itself), or run the services with --jvm six.",
          2);
    }
    return jar.get() + java.io.File.pathSeparator + lib.resolve("*");
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
    command.addAll(INFRASTRUCTURE_JVM_OPTIONS.get(component));
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

  private static final String PROCESSOR_SEGMENTS = "HOTLINE_PROCESSOR_SEGMENTS";
  private static final java.util.Set<String> SCALED_OUT_MODULES =
      java.util.Set.of(Component.DISPATCH.module(), Component.SUPERVISION.module());

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
    // With second instances, dispatch's and supervision's processors are made of two segments so
    // the instances can share them (on a fresh data directory: Axon splits a processor into
    // segments when it first creates its tokens). One instance alone keeps one segment: each
    // segment is a thread of its own polling the store and writing its token.
    boolean scaledOut = jars.keySet().stream().anyMatch(Component.secondInstances()::contains);
    for (Map.Entry<Component, Path> jar : jars.entrySet()) {
      ChildSpec spec = service(jar.getKey(), jar.getValue(), callerKey);
      if (scaledOut && SCALED_OUT_MODULES.contains(jar.getKey().module())) {
        spec = spec.withEnvironment(PROCESSOR_SEGMENTS, "2");
      }
      services.add(supervisor.launch(spec));
    }
    supervisor.awaitReady(services, SERVICE_TIMEOUT, progress());
  }

  ChildSpec service(Component service, Path jar, String callerKey) {
    List<String> command = new ArrayList<>();
    command.add(config.javaExecutable().toString());
    command.addAll(SERVICE_JVM_OPTIONS);
    command.addAll(config.serviceJvmOptions());
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

  /**
   * Starts the four services in one host JVM ({@code up --jvm one}) and waits until each one's
   * health endpoint says UP. The host is one child: if it dies, the four come back together.
   */
  public void startServicesHost(String classpath, boolean scaledOut)
      throws StartupException, InterruptedException, IOException {
    String callerKey =
        config.callerKey().isPresent()
            ? config.callerKey().get()
            : CallerKey.ensure(config.callerKeyFile());
    out.println(
        "Starting intake, dispatch, supervision, knowledge in one JVM (40-80 s on two cores)…");
    ChildSpec spec = servicesHost(classpath, callerKey);
    if (scaledOut) { // as for the six JVMs: the processors in two segments, shared with dispatch-2
      // …
      spec = spec.withEnvironment(PROCESSOR_SEGMENTS, "2");
    }
    ManagedChild host = supervisor.launch(spec);
    supervisor.awaitReady(List.of(host), SERVICE_TIMEOUT, progress());
  }

  ChildSpec servicesHost(String classpath, String callerKey) {
    List<String> command = new ArrayList<>();
    command.add(config.javaExecutable().toString());
    command.addAll(HOST_JVM_OPTIONS);
    command.addAll(cdsOptions(classpath));
    command.addAll(config.serviceJvmOptions());
    command.add("-cp");
    command.add(classpath);
    command.add(HOST_MAIN);
    Map<String, String> env = new LinkedHashMap<>();
    for (Component service : Component.services()) {
      env.put(service.portVariable(), String.valueOf(config.port(service)));
    }
    env.put("HOTLINE_KAFKA_BOOTSTRAP", "127.0.0.1:" + config.port(Component.KAFKA));
    env.put("HOTLINE_MONGO_URI", config.mongoUri());
    env.put("HOTLINE_PARENT_PID", String.valueOf(ProcessHandle.current().pid()));
    env.put(StackConfig.CALLER_KEY, callerKey);
    List<URI> urls = Component.services().stream().map(this::localUrl).collect(Collectors.toList());
    return new ChildSpec(
        Component.INTAKE,
        command,
        env,
        workingDirectory(),
        requireLogDir().resolve(ChildSpec.SERVICES_HOST + ".log"),
        new ChildSpec.AllHealthy(urls),
        SERVICE_TIMEOUT,
        ChildSpec.SERVICES_HOST,
        Component.services());
  }

  /**
   * Class-data sharing for the host (ADR 0007): with an archive newer than every jar on {@code
   * classpath}, map it; without one, have this run write it as the host exits ({@link #stop} keeps
   * it only when the host stopped cleanly, so a killed dump is never used).
   */
  List<String> cdsOptions(String classpath) {
    if (!config.cds()) {
      return List.of();
    }
    Path archive = config.cdsArchive();
    List<String> options = new ArrayList<>();
    try {
      if (Files.isRegularFile(archive)
          && Files.getLastModifiedTime(archive).toMillis() > newestJar(classpath)) {
        options.add("-XX:SharedArchiveFile=" + archive);
      } else {
        Files.createDirectories(archive.getParent());
        Path next = archive.resolveSibling(archive.getFileName() + ".new");
        Files.deleteIfExists(next);
        Files.deleteIfExists(archive); // stale: its jars changed
        cdsArchiveBeingWritten = next;
        options.add("-XX:ArchiveClassesAtExit=" + next);
      }
    } catch (IOException e) {
      out.println("! No class-data archive (" + e.getMessage() + "); starting without one");
      return List.of();
    }
    options.addAll(CDS_QUIET);
    return options;
  }

  /**
   * The newest modification time (ms) of the jars on a class path; {@code dir/*} means its jars.
   */
  static long newestJar(String classpath) throws IOException {
    long newest = 0;
    for (String entry : classpath.split(java.io.File.pathSeparator)) {
      List<Path> jars = new ArrayList<>();
      if (entry.endsWith("*")) {
        Path dir = Path.of(entry.substring(0, entry.length() - 1));
        try (DirectoryStream<Path> all = Files.newDirectoryStream(dir, "*.jar")) {
          all.forEach(jars::add);
        }
      } else {
        jars.add(Path.of(entry));
      }
      for (Path jar : jars) {
        newest = Math.max(newest, Files.getLastModifiedTime(jar).toMillis());
      }
    }
    return newest;
  }

  /** Keeps the archive the host wrote as it stopped, if it stopped cleanly; drops it otherwise. */
  private void keepCdsArchive() {
    Path next = cdsArchiveBeingWritten;
    if (next == null) {
      return;
    }
    Optional<Process> host =
        supervisor.children().stream()
            .filter(c -> c.name().equals(ChildSpec.SERVICES_HOST))
            .map(ManagedChild::process)
            .findFirst();
    try {
      boolean clean =
          host.isPresent()
              && !host.get().isAlive()
              && (host.get().exitValue() == 0 || host.get().exitValue() == 143);
      if (clean && Files.isRegularFile(next) && Files.size(next) > 0) {
        Files.move(
            next,
            config.cdsArchive(),
            java.nio.file.StandardCopyOption.REPLACE_EXISTING,
            java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        out.println(
            "Class-data archive written to "
                + config.cdsArchive()
                + ": the services start faster next time.");
      } else {
        Files.deleteIfExists(next);
      }
    } catch (IOException e) {
      out.println("! Cannot keep the class-data archive: " + e.getMessage());
    }
  }

  private Path requireLogDir() {
    return config.logFile(Component.INTAKE).getParent();
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
      for (Component component : child.serves()) { // a services host: a row per service
        table.row(
            component.displayName(),
            child.pid(),
            config.address(component),
            child.state() == ManagedChild.State.UP ? "UP" : child.state().name(),
            child.logFile());
      }
    }
    return table.render();
  }

  /** The Swagger UI of each running service. */
  public List<String> swaggerUrls() {
    return supervisor.children().stream()
        .flatMap(c -> c.serves().stream())
        .filter(Component::isService)
        .map(c -> String.format("%-12s %s/swagger-ui.html", c.displayName(), localUrl(c)))
        .toList();
  }

  void writeState() {
    List<StackState.Entry> entries =
        supervisor.children().stream()
            .map(
                c ->
                    new StackState.Entry(
                        c.name(),
                        c.pid(),
                        c.serves().stream().map(config::address).collect(Collectors.joining(" ")),
                        c.logFile().toString()))
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
    supervisor.stopAll(cdsArchiveBeingWritten != null ? CDS_DUMP_STOP_GRACE : STOP_GRACE);
    keepCdsArchive();
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
