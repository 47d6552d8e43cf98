package gov.hotline.embedded;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real Apache Kafka broker in this JVM: KRaft mode, one node that is both broker and controller,
 * listening on 127.0.0.1. The log directory is formatted on first use (when it has no {@code
 * meta.properties}) and reused afterwards, so topics, records and consumer offsets persist across
 * restarts on the same directory.
 */
public final class EmbeddedKafkaBroker implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(EmbeddedKafkaBroker.class);

  static final String CONTROLLER_LISTENER = "CONTROLLER";
  private static final int NODE_ID = 1;
  private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

  private final KafkaRaftServer server;
  private final Path logDir;
  private final int port;
  private final int controllerPort;
  private final AtomicBoolean closed = new AtomicBoolean();

  private EmbeddedKafkaBroker(KafkaRaftServer server, Path logDir, int port, int controllerPort) {
    this.server = server;
    this.logDir = logDir;
    this.port = port;
    this.controllerPort = controllerPort;
  }

  /**
   * Starts a broker and returns once it accepts client requests.
   *
   * @param logDir where the log and {@code meta.properties} live; created if missing, reused (data
   *     kept) otherwise
   * @param port the client (PLAINTEXT) port, 0 for a free one
   * @param controllerPort the KRaft controller port, 0 for a free one
   */
  public static EmbeddedKafkaBroker start(Path logDir, int port, int controllerPort) {
    long started = System.nanoTime();
    Path dir = logDir.toAbsolutePath();
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the Kafka log directory " + dir, e);
    }
    int[] ports = choosePorts(port, controllerPort);
    Properties props = brokerProperties(dir, ports[0], ports[1]);
    KafkaConfig config = KafkaConfig.fromProps(props, false);
    if (!Files.exists(dir.resolve("meta.properties"))) {
      format(dir);
    }
    KafkaRaftServer server = new KafkaRaftServer(config, Time.SYSTEM);
    EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker(server, dir, ports[0], ports[1]);
    try {
      server.startup();
      broker.awaitReady();
    } catch (RuntimeException | Error e) {
      broker.close();
      throw e;
    }
    log.info(
        "Kafka broker on {} (controller 127.0.0.1:{}, log dir {}) started in {} ms",
        broker.bootstrapServers(),
        ports[1],
        dir,
        (System.nanoTime() - started) / 1_000_000);
    return broker;
  }

  static Properties brokerProperties(Path dir, int port, int controllerPort) {
    Properties props = new Properties();
    props.put("process.roles", "broker,controller");
    props.put("node.id", String.valueOf(NODE_ID));
    props.put("controller.quorum.voters", NODE_ID + "@127.0.0.1:" + controllerPort);
    props.put(
        "listeners",
        "PLAINTEXT://127.0.0.1:"
            + port
            + ","
            + CONTROLLER_LISTENER
            + "://127.0.0.1:"
            + controllerPort);
    props.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
    props.put("controller.listener.names", CONTROLLER_LISTENER);
    props.put("inter.broker.listener.name", "PLAINTEXT");
    props.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
    props.put("log.dirs", dir.toString());
    props.put("offsets.topic.replication.factor", "1");
    props.put("transaction.state.log.replication.factor", "1");
    props.put("transaction.state.log.min.isr", "1");
    props.put("min.insync.replicas", "1");
    props.put("num.partitions", "6");
    props.put("auto.create.topics.enable", "true");
    props.put("group.initial.rebalance.delay.ms", "0");
    // after kill -9 the restarted broker waits for its old registration to expire (~14 s by
    // default); 3 s brings that to ~5 s. Must stay above broker.heartbeat.interval.ms (2 s).
    props.put("broker.session.timeout.ms", "3000");
    return props;
  }

  private static void format(Path dir) {
    String clusterId = Uuid.randomUuid().toString();
    ByteArrayOutputStream output = new ByteArrayOutputStream();
    try (PrintStream printStream = new PrintStream(output, true, StandardCharsets.UTF_8)) {
      new Formatter()
          .setPrintStream(printStream)
          .setNodeId(NODE_ID)
          .setClusterId(clusterId)
          .setControllerListenerName(CONTROLLER_LISTENER)
          .setMetadataLogDirectory(dir.toString())
          .addDirectory(dir.toString())
          .setIgnoreFormatted(true)
          .run();
    } catch (Exception e) {
      throw new IllegalStateException("cannot format the Kafka log directory " + dir, e);
    }
    log.info(
        "formatted {} for cluster {}: {}",
        dir,
        clusterId,
        output.toString(StandardCharsets.UTF_8).trim());
  }

  private void awaitReady() {
    Properties adminProps = new Properties();
    adminProps.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
    adminProps.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "2000");
    adminProps.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "3000");
    adminProps.put(AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, "200");
    long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
    Exception last = null;
    try (Admin admin = Admin.create(adminProps)) {
      while (System.nanoTime() < deadline) {
        try {
          Collection<Node> nodes = admin.describeCluster().nodes().get(3, TimeUnit.SECONDS);
          if (!nodes.isEmpty()) {
            return;
          }
        } catch (ExecutionException | TimeoutException e) {
          last = e;
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException("interrupted while waiting for the Kafka broker", e);
        }
      }
    }
    throw new IllegalStateException(
        "Kafka broker on " + bootstrapServers() + " not ready after " + READY_TIMEOUT, last);
  }

  /**
   * Resolves 0 to free ports. Both probe sockets stay open until both are chosen, so the two ports
   * differ; a port can still be taken by someone else before the broker binds it.
   */
  private static int[] choosePorts(int port, int controllerPort) {
    try (ServerSocket first = probe(port == 0);
        ServerSocket second = probe(controllerPort == 0)) {
      int p = port == 0 ? first.getLocalPort() : port;
      int cp = controllerPort == 0 ? second.getLocalPort() : controllerPort;
      if (p == cp) {
        throw new IllegalArgumentException("port and controller port are both " + p);
      }
      return new int[] {p, cp};
    } catch (IOException e) {
      throw new UncheckedIOException("cannot find a free port", e);
    }
  }

  private static ServerSocket probe(boolean needed) throws IOException {
    if (!needed) {
      return null;
    }
    ServerSocket socket = new ServerSocket();
    socket.setReuseAddress(true);
    socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    return socket;
  }

  /** {@code 127.0.0.1:<port>} */
  public String bootstrapServers() {
    return "127.0.0.1:" + port;
  }

  public int port() {
    return port;
  }

  /** The KRaft controller port (for tests that restart on the same ports). */
  int controllerPort() {
    return controllerPort;
  }

  Path logDir() {
    return logDir;
  }

  /** Shuts the broker down cleanly and waits until it has stopped. Idempotent. */
  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      long started = System.nanoTime();
      server.shutdown();
      server.awaitShutdown();
      log.info(
          "Kafka broker on {} stopped in {} ms",
          bootstrapServers(),
          (System.nanoTime() - started) / 1_000_000);
    }
  }
}
