package gov.hotline.embedded;

import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.gte;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
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

    ChildServer first = ChildServer.start(file, log);
    try (MongoClient client = client(first.port)) {
      MongoCollection<Document> events = client.getDatabase("intake").getCollection("events");
      for (int i = 0; i < documents; i++) {
        events.insertOne(new Document("_id", i).append("payload", "event " + i));
      }
    } finally {
      first.process.destroyForcibly(); // SIGKILL: no shutdown hook, no close
      assertThat(first.process.waitFor(30, TimeUnit.SECONDS)).isTrue();
    }
    assertThat(first.process.exitValue()).isEqualTo(137);

    ChildServer second = ChildServer.start(file, log);
    try (MongoClient client = client(second.port)) {
      MongoCollection<Document> events = client.getDatabase("intake").getCollection("events");
      assertThat(events.countDocuments()).isEqualTo(documents);
      List<Integer> ids = events.find().map(d -> d.getInteger("_id")).into(new ArrayList<>());
      assertThat(ids).hasSize(documents).doesNotHaveDuplicates();
      assertThat(ids.stream().mapToInt(Integer::intValue).max().orElseThrow())
          .isEqualTo(documents - 1);
    } finally {
      second.process.destroy(); // SIGTERM: clean stop through the shutdown hook
      assertThat(second.process.waitFor(30, TimeUnit.SECONDS)).isTrue();
    }
    assertThat(Files.readString(log)).doesNotContain("Exception");
  }

  private static MongoClient client(int port) {
    return MongoClients.create(
        MongoClientSettings.builder()
            .applyConnectionString(new ConnectionString("mongodb://127.0.0.1:" + port))
            .applyToClusterSettings(b -> b.serverSelectionTimeout(10, TimeUnit.SECONDS))
            .build());
  }

  /** {@link MongoMain} in a child JVM, as the launcher runs it. */
  private record ChildServer(Process process, int port) {

    static ChildServer start(Path file, Path log) throws IOException {
      String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
      Process process =
          new ProcessBuilder(
                  java,
                  "-Xmx256m",
                  "-cp",
                  System.getProperty("java.class.path"),
                  MongoMain.class.getName(),
                  "--file=" + file,
                  "--port=0")
              .redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()))
              .start();
      CompletableFuture<String> ready = new CompletableFuture<>();
      Thread reader =
          new Thread(
              () -> {
                try (BufferedReader out =
                    new BufferedReader(
                        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                  String line;
                  while ((line = out.readLine()) != null) {
                    if (line.startsWith("READY mongo ")) {
                      ready.complete(line);
                    }
                  }
                  ready.completeExceptionally(new IllegalStateException("MongoMain ended"));
                } catch (IOException e) {
                  ready.completeExceptionally(e);
                }
              },
              "mongo-main-stdout");
      reader.setDaemon(true);
      reader.start();
      await("READY line of MongoMain").atMost(Duration.ofSeconds(60)).until(ready::isDone);
      String line = ready.join();
      assertThat(line).matches("READY mongo 127\\.0\\.0\\.1:\\d+");
      return new ChildServer(process, Integer.parseInt(line.substring(line.lastIndexOf(':') + 1)));
    }
  }
}
