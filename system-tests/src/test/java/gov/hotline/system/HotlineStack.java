package gov.hotline.system;

import gov.hotline.dispatch.DispatchApplication;
import gov.hotline.embedded.EmbeddedKafkaBroker;
import gov.hotline.embedded.EmbeddedMongoServer;
import gov.hotline.intake.IntakeApplication;
import gov.hotline.knowledge.KnowledgeApplication;
import gov.hotline.supervision.SupervisionApplication;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.LinkedHashMap;
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

  private final EmbeddedKafkaBroker kafka;
  private final EmbeddedMongoServer mongo;
  private final Map<String, Supplier<SpringApplicationBuilder>> builders = new LinkedHashMap<>();
  private final Map<String, ConfigurableApplicationContext> running = new LinkedHashMap<>();

  private HotlineStack() throws IOException {
    Path dir = Files.createTempDirectory("hotline-system-test");
    kafka = EmbeddedKafkaBroker.start(dir.resolve("kafka"), 0, 0);
    mongo = EmbeddedMongoServer.start(null, 0);
    builders.put("intake", IntakeApplication::builder);
    builders.put("dispatch", DispatchApplication::builder);
    builders.put("supervision", SupervisionApplication::builder);
    builders.put("knowledge", KnowledgeApplication::builder);
    builders.keySet().parallelStream().forEach(this::start);
    Runtime.getRuntime().addShutdownHook(new Thread(this::close, "hotline-stack-stop"));
  }

  static synchronized HotlineStack shared() {
    if (shared == null) {
      try {
        shared = new HotlineStack();
      } catch (IOException e) {
        throw new IllegalStateException("cannot start the stack", e);
      }
    }
    return shared;
  }

  String bootstrapServers() {
    return kafka.bootstrapServers();
  }

  String mongoUri() {
    return mongo.connectionString();
  }

  /** The base URL of a running service, e.g. {@code http://127.0.0.1:41234}. */
  synchronized String url(String service) {
    ConfigurableApplicationContext context = running.get(service);
    if (context == null) {
      throw new IllegalStateException(service + " is not running");
    }
    return "http://127.0.0.1:" + context.getEnvironment().getProperty("local.server.port");
  }

  synchronized ConfigurableApplicationContext context(String service) {
    return running.get(service);
  }

  void start(String service) {
    ConfigurableApplicationContext context =
        builders
            .get(service)
            .get()
            .run(
                "--server.port=0",
                "--spring.kafka.bootstrap-servers=" + kafka.bootstrapServers(),
                "--spring.data.mongodb.uri=" + mongo.connectionString(),
                "--hotline.caller.key=" + CALLER_KEY,
                "--hotline.topics.partitions=3",
                "--spring.main.banner-mode=off",
                "--logging.level.root=WARN");
    synchronized (this) {
      running.put(service, context);
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

  private void close() {
    for (String service : builders.keySet()) {
      try {
        stop(service);
      } catch (RuntimeException ignored) {
        // shutting down anyway
      }
    }
    kafka.close();
    mongo.close();
  }
}
