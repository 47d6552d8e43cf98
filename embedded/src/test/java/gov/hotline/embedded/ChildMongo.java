package gov.hotline.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** {@link MongoMain} in a child JVM, as the launcher runs it (for kill tests). */
record ChildMongo(Process process, int port) {

  static ChildMongo start(Path file, Path log, String... jvmOptions) throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> command = new ArrayList<>(List.of(java, "-Xmx256m"));
    command.addAll(List.of(jvmOptions));
    command.addAll(
        List.of(
            "-cp",
            System.getProperty("java.class.path"),
            MongoMain.class.getName(),
            "--file=" + file,
            "--port=0"));
    Process process =
        new ProcessBuilder(command)
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
    return new ChildMongo(process, Integer.parseInt(line.substring(line.lastIndexOf(':') + 1)));
  }

  /** A client that gives up quickly once the server is gone and never retries a write. */
  MongoClient client() {
    return MongoClients.create(
        MongoClientSettings.builder()
            .applyConnectionString(new ConnectionString("mongodb://127.0.0.1:" + port))
            .retryWrites(false)
            .retryReads(false)
            .applyToClusterSettings(b -> b.serverSelectionTimeout(2, TimeUnit.SECONDS))
            .applyToSocketSettings(b -> b.connectTimeout(2, TimeUnit.SECONDS))
            .build());
  }

  /** SIGKILL: no shutdown hook, no close. */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).isEqualTo(137);
  }

  /** SIGTERM: a clean stop through the shutdown hook. */
  void stop() throws InterruptedException {
    process.destroy();
    assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
  }
}
