package gov.hotline.system;

import gov.hotline.api.client.HotlineClient;
import gov.hotline.dispatch.DispatchApplication;
import gov.hotline.embedded.EmbeddedKafkaBroker;
import gov.hotline.embedded.EmbeddedMongoServer;
import gov.hotline.intake.IntakeApplication;
import gov.hotline.knowledge.KnowledgeApplication;
import gov.hotline.platform.runtime.OneAtATimeLogging;
import gov.hotline.supervision.SupervisionApplication;
import gov.hotline.testsupport.TopicClient;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The whole system for a test run: one real Kafka broker (KRaft), one Mongo wire server, and the
 * four services as separate Spring contexts in this JVM on random ports. Started once and shared by
 * every journey of the run; a test may stop and start one service.
 */
final class HotlineStack {
  static final String CALLER_KEY =
      Base64.getEncoder().encodeToString("system-test-caller-key-0123456789".getBytes());

  private static HotlineStack shared;

  private final String bootstrapServers;
  private final String mongoUri;
  private final List<AutoCloseable> infrastructure;
  private final Map<String, Supplier<SpringApplicationBuilder>> builders = new LinkedHashMap<>();
  private final Map<String, ConfigurableApplicationContext> running = new LinkedHashMap<>();
  private final Map<String, String> lastUrls = new LinkedHashMap<>();
  private final TopicClient topics;

  private HotlineStack(
      String bootstrapServers, String mongoUri, List<AutoCloseable> infrastructure) {
    this.bootstrapServers = bootstrapServers;
    this.mongoUri = mongoUri;
    this.infrastructure = infrastructure;
    this.topics = new TopicClient(bootstrapServers);
    builders.put("intake", IntakeApplication::builder);
    builders.put("dispatch", DispatchApplication::builder);
    builders.put("supervision", SupervisionApplication::builder);
    builders.put("knowledge", KnowledgeApplication::builder);
    builders.keySet().parallelStream().forEach(this::start);
  }

  /** The stack on the embedded broker and Mongo server, shared by every journey of the run. */
  static synchronized HotlineStack shared() {
    if (shared == null) {
      try {
        Path dir = Files.createTempDirectory("hotline-system-test");
        EmbeddedKafkaBroker kafka = EmbeddedKafkaBroker.start(dir.resolve("kafka"), 0, 0);
        EmbeddedMongoServer mongo = EmbeddedMongoServer.start(null, 0);
        shared =
            new HotlineStack(
                kafka.bootstrapServers(), mongo.connectionString(), List.of(kafka, mongo));
        Runtime.getRuntime().addShutdownHook(new Thread(shared::close, "hotline-stack-stop"));
      } catch (IOException e) {
        throw new IllegalStateException("cannot start the stack", e);
      }
    }
    return shared;
  }

  /** The four services on infrastructure someone else runs (e.g. Testcontainers). */
  static HotlineStack on(String bootstrapServers, String mongoUri) {
    return new HotlineStack(bootstrapServers, mongoUri, List.of());
  }

  String bootstrapServers() {
    return bootstrapServers;
  }

  String mongoUri() {
    return mongoUri;
  }

  /** The broker's topics, read as an outside system reads them. */
  TopicClient topics() {
    return topics;
  }

  /** The base URL of a running service, e.g. {@code http://127.0.0.1:41234}. */
  synchronized String url(String service) {
    ConfigurableApplicationContext context = running.get(service);
    if (context == null) {
      throw new IllegalStateException(service + " is not running");
    }
    return "http://127.0.0.1:" + context.getEnvironment().getProperty("local.server.port");
  }

  /** A bean of a running service, for checks only the service itself can answer. */
  synchronized <T> T bean(String service, Class<T> type) {
    ConfigurableApplicationContext context = running.get(service);
    if (context == null) {
      throw new IllegalStateException(service + " is not running");
    }
    return context.getBean(type);
  }

  /**
   * The services' base URLs for {@link HotlineClient}; a stopped service keeps its last URL, where
   * nobody answers until it starts again (on another port: ask again then).
   */
  synchronized HotlineClient.Endpoints endpoints() {
    return new HotlineClient.Endpoints(
        URI.create(lastUrls.get("intake")),
        URI.create(lastUrls.get("dispatch")),
        URI.create(lastUrls.get("supervision")),
        URI.create(lastUrls.get("knowledge")));
  }

  /**
   * The services' base URLs with dispatch and supervision at the given instances, e.g. {@code
   * "dispatch-2"} (see {@link #start}).
   */
  synchronized HotlineClient.Endpoints endpoints(String dispatch, String supervision) {
    return new HotlineClient.Endpoints(
        URI.create(lastUrls.get("intake")),
        URI.create(url(dispatch)),
        URI.create(url(supervision)),
        URI.create(lastUrls.get("knowledge")));
  }

  /**
   * Starts a service, or another instance of one when named {@code <service>-<n>}, e.g. {@code
   * dispatch-2}: its own context and port, the same database and consumer group as the first, so
   * the two share the work (Kafka partitions, processor segments) as instances on two machines
   * would.
   */
  void start(String service) {
    String base = service.replaceFirst("-\\d+$", "");
    // dispatch's and supervision's processors in two segments, so a second instance can share them
    int segments = base.equals("dispatch") || base.equals("supervision") ? 2 : 1;
    ConfigurableApplicationContext context =
        builders
            .get(base)
            .get()
            // parallel starts must not set up the JVM's one logback at once
            .listeners(OneAtATimeLogging.acquire(), OneAtATimeLogging.release())
            .run(
                "--hotline.processors.segments=" + segments,
                "--server.port=0",
                "--spring.kafka.bootstrap-servers=" + bootstrapServers,
                "--spring.data.mongodb.uri=" + mongoUri,
                "--hotline.caller.key=" + CALLER_KEY,
                "--hotline.topics.partitions=3",
                "--spring.main.banner-mode=off",
                "--logging.level.root=WARN");
    synchronized (this) {
      running.put(service, context);
      lastUrls.put(service, url(service));
    }
  }

  void stop(String service) {
    ConfigurableApplicationContext context;
    synchronized (this) {
      context = running.remove(service);
    }
    if (context != null) {
      context.close();
    }
  }

  void close() {
    topics.close();
    List<String> services;
    synchronized (this) {
      services = List.copyOf(running.keySet());
    }
    for (String service : services) {
      try {
        stop(service);
      } catch (RuntimeException ignored) {
        // shutting down anyway
      }
    }
    for (AutoCloseable closeable : infrastructure) {
      try {
        closeable.close();
      } catch (Exception ignored) {
        // shutting down anyway
      }
    }
  }
}
