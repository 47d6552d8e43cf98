package gov.hotline.testsupport;

import gov.hotline.embedded.EmbeddedKafkaBroker;
import gov.hotline.embedded.EmbeddedMongoServer;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.MergedContextConfiguration;

/**
 * A real Kafka broker (KRaft) and an in-memory Mongo wire server for one test class, and the
 * service's {@code spring.kafka.bootstrap-servers} and {@code spring.data.mongodb.uri} pointing at
 * them. Use it through {@link OnEmbeddedInfrastructure}, which also closes the Spring context
 * before this stops the broker and the server: a service must never outlive what it talks to.
 *
 * <p>One test class at a time (the addresses are static, as a Spring context customizer cannot see
 * JUnit's extension context); a second start while one runs fails loudly rather than mixing them.
 */
public final class EmbeddedInfrastructure implements BeforeAllCallback, AfterAllCallback {

  private record Running(Path kafkaDir, EmbeddedKafkaBroker kafka, EmbeddedMongoServer mongo) {}

  private static Running running;
  private static TopicClient topics;

  @Override
  public void beforeAll(ExtensionContext context) throws IOException {
    synchronized (EmbeddedInfrastructure.class) {
      if (running != null) {
        throw new IllegalStateException(
            "the embedded infrastructure runs for another test class already;"
                + " classes that use it cannot run in parallel");
      }
      Path kafkaDir = Files.createTempDirectory("hotline-component-kafka");
      EmbeddedKafkaBroker kafka = EmbeddedKafkaBroker.start(kafkaDir, 0, 0);
      EmbeddedMongoServer mongo;
      try {
        mongo = EmbeddedMongoServer.start(null, 0);
      } catch (RuntimeException e) {
        kafka.close();
        throw e;
      }
      running = new Running(kafkaDir, kafka, mongo);
    }
  }

  @Override
  public void afterAll(ExtensionContext context) throws IOException {
    Running stopping;
    TopicClient client;
    synchronized (EmbeddedInfrastructure.class) {
      stopping = running;
      client = topics;
      running = null;
      topics = null;
    }
    if (stopping == null) {
      return;
    }
    try (EmbeddedMongoServer mongo = stopping.mongo();
        EmbeddedKafkaBroker kafka = stopping.kafka();
        TopicClient ignored = client) {
      // closed in reverse order: the test's clients, then the broker, then the Mongo server
    }
    try (Stream<Path> files = Files.walk(stopping.kafkaDir())) {
      files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
    }
  }

  /** {@code 127.0.0.1:<port>} of the running broker. */
  public static String bootstrapServers() {
    return current().kafka().bootstrapServers();
  }

  /** {@code mongodb://127.0.0.1:<port>} of the running Mongo server. */
  public static String mongoUri() {
    return current().mongo().connectionString();
  }

  /** A client of the running broker's topics, closed with the broker. */
  public static synchronized TopicClient topics() {
    if (topics == null) {
      topics = new TopicClient(bootstrapServers());
    }
    return topics;
  }

  private static synchronized Running current() {
    if (running == null) {
      throw new IllegalStateException(
          "no embedded infrastructure runs: annotate the test class with @OnEmbeddedInfrastructure");
    }
    return running;
  }

  /**
   * Points the Spring context at the running broker and server, above every other property source
   * (as {@code @DynamicPropertySource} would). Registered by {@link OnEmbeddedInfrastructure}.
   */
  static final class ConnectionProperties implements ContextCustomizerFactory {
    @Override
    public ContextCustomizer createContextCustomizer(
        Class<?> testClass, List<ContextConfigurationAttributes> configAttributes) {
      return new Connection();
    }
  }

  /** All alike: the addresses are read when the context starts, not when it is configured. */
  private static final class Connection implements ContextCustomizer {
    @Override
    public void customizeContext(
        ConfigurableApplicationContext context, MergedContextConfiguration mergedConfig) {
      context
          .getEnvironment()
          .getPropertySources()
          .addFirst(
              new MapPropertySource(
                  "embeddedInfrastructure",
                  Map.of(
                      "spring.kafka.bootstrap-servers", bootstrapServers(),
                      "spring.data.mongodb.uri", mongoUri())));
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof Connection;
    }

    @Override
    public int hashCode() {
      return Connection.class.hashCode();
    }
  }
}
