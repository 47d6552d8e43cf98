package gov.hotline.launcher;

import gov.hotline.api.client.HotlineClient;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where everything of the local stack lives, resolved once from the environment.
 *
 * <p>Every port has a default (DECISIONS.md, "Ports and data") and a {@code HOTLINE_*_PORT}
 * variable moving it; the REST base URLs used by {@code demo} and {@code status} follow the ports
 * unless {@code HOTLINE_*_URL} names them outright.
 */
public final class StackConfig {

  static final String HOME = "HOTLINE_HOME";
  static final String DATA = "HOTLINE_DATA";
  static final String KAFKA_CONTROLLER_PORT = "HOTLINE_KAFKA_CONTROLLER_PORT";
  static final String KAFKA_BOOTSTRAP = "HOTLINE_KAFKA_BOOTSTRAP";
  static final String CALLER_KEY = "HOTLINE_CALLER_KEY";
  static final String JVM = "HOTLINE_JVM";
  static final String SERVICE_JVM_OPTS = "HOTLINE_SERVICE_JVM_OPTS";
  static final String CDS = "HOTLINE_CDS";
  static final int DEFAULT_KAFKA_CONTROLLER_PORT = 9093;
  static final String SCRIPT_NAME = "hotline";

  private final Path home;
  private final Path dataDir;
  private final Map<Component, Integer> ports;
  private final int kafkaControllerPort;
  private final String kafkaBootstrap;
  private final Map<Component, URI> baseUrls;
  private final String callerKey;
  private final String classpath;
  private final Path javaExecutable;
  private final JvmMode jvmMode;
  private final List<String> serviceJvmOptions;
  private final boolean cds;

  private StackConfig(
      Path home,
      Path dataDir,
      Map<Component, Integer> ports,
      int kafkaControllerPort,
      String kafkaBootstrap,
      Map<Component, URI> baseUrls,
      String callerKey,
      String classpath,
      Path javaExecutable,
      JvmMode jvmMode,
      List<String> serviceJvmOptions,
      boolean cds) {
    this.home = home;
    this.dataDir = dataDir;
    this.ports = Collections.unmodifiableMap(new EnumMap<>(ports));
    this.kafkaControllerPort = kafkaControllerPort;
    this.kafkaBootstrap = kafkaBootstrap;
    this.baseUrls = Collections.unmodifiableMap(new EnumMap<>(baseUrls));
    this.callerKey = callerKey;
    this.classpath = classpath;
    this.javaExecutable = javaExecutable;
    this.jvmMode = jvmMode;
    this.serviceJvmOptions = List.copyOf(serviceJvmOptions);
    this.cds = cds;
  }

  /** The configuration of this JVM: its environment, working directory and class path. */
  public static StackConfig fromSystem() {
    return fromEnvironment(System.getenv(), Path.of("").toAbsolutePath());
  }

  /**
   * Resolves the configuration from {@code env}; {@code cwd} is where the search for the repository
   * root starts when {@code HOTLINE_HOME} is not set.
   *
   * @throws IllegalArgumentException when a variable holds something unusable, naming it
   */
  public static StackConfig fromEnvironment(Map<String, String> env, Path cwd) {
    Path home = resolveHome(env, cwd).orElse(null);
    Path dataDir = null;
    String data = blankToNull(env.get(DATA));
    if (data != null) {
      dataDir = cwd.resolve(data).toAbsolutePath().normalize();
    } else if (home != null) {
      dataDir = home.resolve("data");
    }

    Map<Component, Integer> ports = new EnumMap<>(Component.class);
    for (Component c : Component.values()) {
      ports.put(c, port(env, c.portVariable(), c.defaultPort()));
    }
    int controllerPort = port(env, KAFKA_CONTROLLER_PORT, DEFAULT_KAFKA_CONTROLLER_PORT);

    String bootstrap = blankToNull(env.get(KAFKA_BOOTSTRAP));
    if (bootstrap == null) {
      bootstrap = "127.0.0.1:" + ports.get(Component.KAFKA);
    }

    Map<Component, URI> urls = new EnumMap<>(Component.class);
    for (Component c : Component.values()) {
      if (!c.isService()) {
        continue;
      }
      String variable = "HOTLINE_" + c.name() + "_URL";
      String url = blankToNull(env.get(variable));
      urls.put(
          c, url == null ? URI.create("http://127.0.0.1:" + ports.get(c)) : baseUrl(variable, url));
    }

    return new StackConfig(
        home,
        dataDir,
        ports,
        controllerPort,
        bootstrap,
        urls,
        blankToNull(env.get(CALLER_KEY)),
        System.getProperty("java.class.path"),
        Path.of(System.getProperty("java.home"), "bin", "java"),
        jvmMode(env),
        jvmOptions(env.get(SERVICE_JVM_OPTS)),
        cds(env));
  }

  private static boolean cds(Map<String, String> env) {
    String value = blankToNull(env.get(CDS));
    if (value == null) {
      return true;
    }
    return switch (value.toLowerCase(java.util.Locale.ROOT)) {
      case "on", "true", "1" -> true;
      case "off", "false", "0" -> false;
      default ->
          throw new IllegalArgumentException(CDS + " must be on or off, not '" + value + "'");
    };
  }

  private static JvmMode jvmMode(Map<String, String> env) {
    String value = blankToNull(env.get(JVM));
    if (value == null) {
      return JvmMode.DEFAULT;
    }
    try {
      return JvmMode.parse(value);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(JVM + " " + e.getMessage());
    }
  }

  private static List<String> jvmOptions(String value) {
    String options = blankToNull(value);
    return options == null ? List.of() : List.of(options.split("\\s+"));
  }

  /** A copy that runs the services as {@code mode} says ({@code up --jvm}, tests). */
  public StackConfig withJvmMode(JvmMode mode) {
    return new StackConfig(
        home,
        dataDir,
        ports,
        kafkaControllerPort,
        kafkaBootstrap,
        baseUrls,
        callerKey,
        classpath,
        javaExecutable,
        mode,
        serviceJvmOptions,
        cds);
  }

  /** A copy whose data lives in {@code dir} and whose ports are the given ones (tests). */
  public StackConfig withDataDirAndPorts(
      Path dir, Map<Component, Integer> newPorts, int newControllerPort) {
    Map<Component, Integer> merged = new EnumMap<>(ports);
    merged.putAll(newPorts);
    Map<Component, URI> urls = new EnumMap<>(Component.class);
    for (Component c : Component.values()) {
      if (c.isService()) {
        urls.put(c, URI.create("http://127.0.0.1:" + merged.get(c)));
      }
    }
    return new StackConfig(
        home,
        dir.toAbsolutePath(),
        merged,
        newControllerPort,
        "127.0.0.1:" + merged.get(Component.KAFKA),
        urls,
        callerKey,
        classpath,
        javaExecutable,
        jvmMode,
        serviceJvmOptions,
        cds);
  }

  static Optional<Path> resolveHome(Map<String, String> env, Path cwd) {
    String explicit = blankToNull(env.get(HOME));
    if (explicit != null) {
      return Optional.of(cwd.resolve(explicit).toAbsolutePath().normalize());
    }
    for (Path dir = cwd.toAbsolutePath().normalize(); dir != null; dir = dir.getParent()) {
      if (Files.isRegularFile(dir.resolve(SCRIPT_NAME))
          && Files.isRegularFile(dir.resolve("pom.xml"))) {
        return Optional.of(dir);
      }
    }
    return Optional.empty();
  }

  static int port(Map<String, String> env, String variable, int fallback) {
    String value = blankToNull(env.get(variable));
    if (value == null) {
      return fallback;
    }
    try {
      int port = Integer.parseInt(value.trim());
      if (port >= 1 && port <= 65535) {
        return port;
      }
    } catch (NumberFormatException ignored) {
      // reported below with the variable's name
    }
    throw new IllegalArgumentException(
        variable + " must be a port number between 1 and 65535, not '" + value + "'");
  }

  private static URI baseUrl(String variable, String value) {
    try {
      URI uri = URI.create(value.endsWith("/") ? value.substring(0, value.length() - 1) : value);
      if (uri.getScheme() == null || uri.getHost() == null) {
        throw new IllegalArgumentException("no scheme or host");
      }
      return uri;
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          variable + " must be a base URL such as http://127.0.0.1:8081, not '" + value + "'");
    }
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.trim();
  }

  /** The repository root, if known (needed to find the service jars). */
  public Optional<Path> home() {
    return Optional.ofNullable(home);
  }

  /** The data directory, if known: {@code HOTLINE_DATA}, else {@code <home>/data}. */
  public Optional<Path> dataDir() {
    return Optional.ofNullable(dataDir);
  }

  /** The data directory, or an explanation of how to name one. */
  public Path requireDataDir() {
    if (dataDir == null) {
      throw new IllegalStateException(
          "Cannot find the repository root (a directory holding the '"
              + SCRIPT_NAME
              + "' script) above "
              + Path.of("").toAbsolutePath()
              + ". Run ./hotline from the repository, or set HOTLINE_HOME or HOTLINE_DATA.");
    }
    return dataDir;
  }

  public int port(Component component) {
    return ports.get(component);
  }

  public int kafkaControllerPort() {
    return kafkaControllerPort;
  }

  public String kafkaBootstrap() {
    return kafkaBootstrap;
  }

  public String mongoUri() {
    return "mongodb://127.0.0.1:" + port(Component.MONGO);
  }

  /** The base URL of a service's REST API, e.g. {@code http://127.0.0.1:8081}. */
  public URI baseUrl(Component service) {
    URI uri = baseUrls.get(service);
    if (uri == null) {
      throw new IllegalArgumentException(service + " has no REST API");
    }
    return uri;
  }

  /** The four services' base URLs, for {@link HotlineClient}. */
  public HotlineClient.Endpoints endpoints() {
    return new HotlineClient.Endpoints(
        baseUrl(Component.INTAKE),
        baseUrl(Component.DISPATCH),
        baseUrl(Component.SUPERVISION),
        baseUrl(Component.KNOWLEDGE));
  }

  /**
   * The endpoints of each instance: the first instances, then (when {@code instances} is 2) the
   * same with dispatch and supervision at their second instances.
   */
  public List<HotlineClient.Endpoints> endpoints(int instances) {
    List<HotlineClient.Endpoints> all = new ArrayList<>(List.of(endpoints()));
    if (instances >= 2) {
      all.add(
          new HotlineClient.Endpoints(
              baseUrl(Component.INTAKE),
              baseUrl(Component.DISPATCH_2),
              baseUrl(Component.SUPERVISION_2),
              baseUrl(Component.KNOWLEDGE)));
    }
    return all;
  }

  /**
   * How many instances of the scaled-out services the stack on this data directory runs: 2 when its
   * launcher started second instances ({@code up --instances 2}), else 1.
   */
  public int runningInstances() {
    return dataDir()
        .flatMap(d -> StackState.read(stateFile()))
        .filter(StackState::launcherAlive)
        .filter(s -> s.entry(Component.DISPATCH_2.displayName()).isPresent())
        .map(s -> 2)
        .orElse(1);
  }

  /** What a person types to reach a component: a URL for services, host:port otherwise. */
  public String address(Component component) {
    return switch (component) {
      case MONGO -> mongoUri();
      case KAFKA -> "127.0.0.1:" + port(Component.KAFKA);
      default -> baseUrl(component).toString();
    };
  }

  /** {@code HOTLINE_CALLER_KEY} if set; otherwise {@code up} uses the key file. */
  public Optional<String> callerKey() {
    return Optional.ofNullable(callerKey);
  }

  public String classpath() {
    return classpath;
  }

  public Path javaExecutable() {
    return javaExecutable;
  }

  /** One JVM for the four services, or one each ({@code HOTLINE_JVM}, {@code up --jvm}). */
  public JvmMode jvmMode() {
    return jvmMode;
  }

  /**
   * Extra options for the services' JVMs ({@code HOTLINE_SERVICE_JVM_OPTS}, e.g. {@code
   * -XX:TieredStopAtLevel=1}), after the launcher's own.
   */
  public List<String> serviceJvmOptions() {
    return serviceJvmOptions;
  }

  /**
   * Whether the services host keeps a class-data sharing archive ({@code HOTLINE_CDS}, on unless
   * {@code off}): the first run writes it when it stops, later runs map it (ADR 0007).
   */
  public boolean cds() {
    return cds;
  }

  /** The host's class-data sharing archive: {@code <data>/cds/services-host.jsa}. */
  public Path cdsArchive() {
    return requireDataDir().resolve("cds").resolve("services-host.jsa");
  }

  public Path logFile(Component component) {
    return requireDataDir().resolve("logs").resolve(component.displayName() + ".log");
  }

  public Path callerKeyFile() {
    return requireDataDir().resolve("keys").resolve("caller-hmac.key");
  }

  public Path stateFile() {
    return requireDataDir().resolve("stack.json");
  }
}
