package gov.hotline.platform.axon;

import org.bson.Document;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * Mongo health by {@code ping}, which every Mongo wire server answers. Boot's own indicator sends
 * {@code hello}, which the embedded server (mongo-java-server) does not know, so a healthy stack
 * would report DOWN.
 */
public class MongoPingHealthIndicator extends AbstractHealthIndicator {
  private final MongoTemplate mongo;

  public MongoPingHealthIndicator(MongoTemplate mongo) {
    super("Mongo health check failed");
    this.mongo = mongo;
  }

  @Override
  protected void doHealthCheck(Health.Builder builder) {
    Document result = mongo.getDb().runCommand(new Document("ping", 1));
    builder
        .up()
        .withDetail("database", mongo.getDb().getName())
        .withDetail("ping", result.get("ok"));
  }
}
