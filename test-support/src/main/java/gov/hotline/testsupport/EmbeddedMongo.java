package gov.hotline.testsupport;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import gov.hotline.embedded.EmbeddedMongoServer;
import org.bson.UuidRepresentation;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * An in-memory Mongo wire server for one test class of a read model, and {@link MongoTemplate}s on
 * it whose client stores UUIDs as {@link UuidRepresentation#JAVA_LEGACY}, as Spring Boot configures
 * the services' client (a plain client refuses to write a UUID at all). Register it with
 * {@code @RegisterExtension static final EmbeddedMongo mongo = new EmbeddedMongo();}.
 */
public final class EmbeddedMongo implements BeforeAllCallback, AfterAllCallback {
  private EmbeddedMongoServer server;
  private MongoClient client;

  @Override
  public void beforeAll(ExtensionContext context) {
    server = EmbeddedMongoServer.start(null, 0);
    client =
        MongoClients.create(
            MongoClientSettings.builder()
                .applyConnectionString(new ConnectionString(server.connectionString()))
                .uuidRepresentation(UuidRepresentation.JAVA_LEGACY)
                .build());
  }

  @Override
  public void afterAll(ExtensionContext context) {
    try (EmbeddedMongoServer stopping = server;
        MongoClient closing = client) {
      client = null;
      server = null;
    }
  }

  /** A template on {@code database} of this server. */
  public MongoTemplate template(String database) {
    if (client == null) {
      throw new IllegalStateException(
          "register EmbeddedMongo as a static @RegisterExtension field");
    }
    return new MongoTemplate(client, database);
  }
}
