package gov.hotline.embedded;

import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

/**
 * Runs an {@link EmbeddedKafkaBroker} as its own process.
 *
 * <p>Arguments: {@code --dir=PATH} (log directory, required), {@code --port=N} (default 9092),
 * {@code --controller-port=N} (default 9093), 0 meaning a free port; {@code
 * --exit-with-parent=false} keeps it running when the parent process dies. Prints {@code READY
 * kafka 127.0.0.1:<port>} on stdout once the broker accepts clients; logs go to stderr. SIGTERM
 * stops the broker cleanly.
 */
public final class KafkaMain {

  private static final String USAGE =
      "KafkaMain --dir=PATH [--port=9092] [--controller-port=9093] [--exit-with-parent=true]";

  private KafkaMain() {}

  public static void main(String[] args) {
    MainSupport.configureLogging();
    EmbeddedKafkaBroker broker;
    Map<String, String> options;
    try {
      options =
          MainSupport.parse(
              args, Set.of("dir", "port", "controller-port", "exit-with-parent"), USAGE);
      String dir = options.get("dir");
      if (dir == null || dir.isBlank()) {
        throw new IllegalArgumentException("--dir is required; usage: " + USAGE);
      }
      broker =
          EmbeddedKafkaBroker.start(
              Path.of(dir),
              MainSupport.intOption(options, "port", 9092),
              MainSupport.intOption(options, "controller-port", 9093));
    } catch (RuntimeException e) {
      MainSupport.failed("kafka", e);
      return;
    }
    Runtime.getRuntime().addShutdownHook(new Thread(broker::close, "kafka-shutdown"));
    MainSupport.ready("kafka", broker.bootstrapServers());
    MainSupport.stayUp(options, "kafka");
  }
}
