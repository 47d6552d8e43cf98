package gov.hotline.embedded;

import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.gte;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedMongoServerIT {

  @Test
  void keepsDataAndIndexesAcrossRestarts(@TempDir Path dir) {
    Path file = dir.resolve("data/mongo/hotline.mv");
    int port;
    try (EmbeddedMongoServer server = EmbeddedMongoServer.start(file, 0);
        MongoClient client = MongoClients.create(server.connectionString())) {
      port = server.port();
      assertThat(server.connectionString()).isEqualTo("mongodb://127.0.0.1:" + port);
      MongoCollection<Document> orders = client.getDatabase("intake").getCollection("orders");
      orders.createIndex(Indexes.ascending("number"), new IndexOptions().unique(true));
      orders.createIndex(Indexes.ascending("receivedAt"));
      for (int i = 0; i < 50; i++) {
        orders.insertOne(
            new Document("number", "20261125" + String.format("%06d", i))
                .append("receivedAt", 1000L + i)
                .append("status", i % 2 == 0 ? "OPEN" : "CLOSED"));
      }
      orders.updateOne(eq("number", "20261125000003"), new Document("$set", new Document("x", 1)));
      orders.deleteOne(eq("number", "20261125000004"));
      assertThat(orders.countDocuments()).isEqualTo(49);
      server.close(); // idempotent: the try block closes it again
    }
    assertThat(file).exists();

    try (EmbeddedMongoServer server = EmbeddedMongoServer.start(file, port);
        MongoClient client = MongoClients.create(server.connectionString())) {
      assertThat(server.port()).isEqualTo(port);
      MongoCollection<Document> orders = client.getDatabase("intake").getCollection("orders");
      assertThat(orders.countDocuments()).isEqualTo(49);
      assertThat(orders.find(eq("number", "20261125000003")).first()).containsEntry("x", 1);
      assertThat(orders.find(eq("number", "20261125000004")).first()).isNull();
      List<Long> received = new ArrayList<>();
      orders
          .find(gte("receivedAt", 1040L))
          .sort(Sorts.descending("receivedAt"))
          .forEach(d -> received.add(d.getLong("receivedAt")));
      assertThat(received)
          .containsExactly(1049L, 1048L, 1047L, 1046L, 1045L, 1044L, 1043L, 1042L, 1041L, 1040L);
      assertThat(orders.listIndexes().map(d -> d.getString("name")).into(new ArrayList<>()))
          .containsExactlyInAnyOrder("_id_", "number_1", "receivedAt_1");
      // the unique index still holds after the restart
      assertThatThrownBy(() -> orders.insertOne(new Document("number", "20261125000001")))
          .hasMessageContaining("duplicate key");
    }
  }

  @Test
  void inMemoryServerStartsOnAFreePort() {
    try (EmbeddedMongoServer a = EmbeddedMongoServer.start(null, 0);
        EmbeddedMongoServer b = EmbeddedMongoServer.start(null, 0);
        MongoClient client = MongoClients.create(a.connectionString())) {
      assertThat(a.port()).isNotEqualTo(b.port()).isPositive();
      client.getDatabase("t").getCollection("c").insertOne(new Document("a", 1));
      assertThat(client.getDatabase("t").getCollection("c").countDocuments()).isEqualTo(1);
    }
  }

  /**
   * An acknowledged write must survive SIGKILL: the stock H2 backend only commits about once a
   * second and lost them.
   */
  @Test
  void acknowledgedWritesSurviveKillDashNine(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("mongo/hotline.mv");
    Path log = dir.resolve("mongo-main.log");
    int documents = 200;

    ChildMongo first = ChildMongo.start(file, log);
    try (MongoClient client = first.client()) {
      MongoCollection<Document> events = client.getDatabase("intake").getCollection("events");
      for (int i = 0; i < documents; i++) {
        events.insertOne(new Document("_id", i).append("payload", "event " + i));
      }
    } finally {
      first.kill();
    }

    ChildMongo second = ChildMongo.start(file, log);
    try (MongoClient client = second.client()) {
      MongoCollection<Document> events = client.getDatabase("intake").getCollection("events");
      assertThat(events.countDocuments()).isEqualTo(documents);
      List<Integer> ids = events.find().map(d -> d.getInteger("_id")).into(new ArrayList<>());
      assertThat(ids).hasSize(documents).doesNotHaveDuplicates();
      assertThat(ids.stream().mapToInt(Integer::intValue).max().orElseThrow())
          .isEqualTo(documents - 1);
    } finally {
      second.stop();
    }
    assertThat(Files.readString(log)).doesNotContain("Exception");
  }
}
