package gov.hotline.platform;

import gov.hotline.embedded.EmbeddedKafkaBroker;
import gov.hotline.embedded.EmbeddedMongoServer;
import gov.hotline.platform.runtime.RuntimeAutoConfiguration;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.UUID;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.data.mongo.MongoDataAutoConfiguration;
import org.springframework.boot.autoconfigure.kafka.KafkaAutoConfiguration;
import org.springframework.boot.autoconfigure.mongo.MongoAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * A real Kafka broker and an in-memory Mongo wire server, each started on first use and shared by
 * every test of the run; they stop when the JVM exits.
 */
public final class Infrastructure {
  private static EmbeddedKafkaBroker kafka;
  private static EmbeddedMongoServer mongo;

  private Infrastructure() {}

  public static synchronized EmbeddedKafkaBroker kafka() {
    if (kafka == null) {
      try {
        kafka = EmbeddedKafkaBroker.start(Files.createTempDirectory("platform-kafka"), 0, 0);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      Runtime.getRuntime().addShutdownHook(new Thread(kafka::close, "platform-kafka-stop"));
    }
    return kafka;
  }

  public static synchronized EmbeddedMongoServer mongo() {
    if (mongo == null) {
      mongo = EmbeddedMongoServer.start(null, 0);
      Runtime.getRuntime().addShutdownHook(new Thread(mongo::close, "platform-mongo-stop"));
    }
    return mongo;
  }

  /**
   * A service named {@code service} on this broker and Mongo server (its own fresh database), with
   * Boot's Kafka and Mongo auto-configuration, the platform's runtime, a meter registry and the
   * given platform auto-configurations.
   */
  public static ApplicationContextRunner service(String service, Class<?>... platform) {
    return new ApplicationContextRunner()
        .withConfiguration(
            AutoConfigurations.of(
                KafkaAutoConfiguration.class,
                MongoAutoConfiguration.class,
                MongoDataAutoConfiguration.class,
                RuntimeAutoConfiguration.class))
        .withConfiguration(AutoConfigurations.of(platform))
        .withBean(SimpleMeterRegistry.class)
        .withPropertyValues(
            "hotline.service=" + service,
            "spring.kafka.bootstrap-servers=" + kafka().bootstrapServers(),
            "spring.data.mongodb.uri=" + mongo().connectionString(),
            "spring.data.mongodb.database=" + service + "-" + UUID.randomUUID());
  }
}
