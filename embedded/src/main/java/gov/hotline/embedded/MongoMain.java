package gov.hotline.embedded;

import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

/**
 * Runs an {@link EmbeddedMongoServer} as its own process.
 *
 * <p>Arguments: {@code --file=PATH} (the store's file; without it the data lives in memory), {@code
 * --port=N} (default 27017, 0 for a free port); {@code --exit-with-parent=false} keeps it running
 * when the parent process dies. Prints {@code READY mongo 127.0.0.1:<port>} on stdout once it
 * listens; logs go to stderr. SIGTERM closes the store cleanly; every acknowledged write also
 * survives {@code kill -9}.
 */
public final class MongoMain {

  private static final String USAGE =
      "MongoMain [--file=PATH] [--port=27017] [--exit-with-parent=true]";

  private MongoMain() {}

  public static void main(String[] args) {
    MainSupport.configureLogging();
    EmbeddedMongoServer server;
    Map<String, String> options;
    try {
      options = MainSupport.parse(args, Set.of("file", "port", "exit-with-parent"), USAGE);
      String file = options.get("file");
      server =
          EmbeddedMongoServer.start(
              file == null || file.isBlank() ? null : Path.of(file),
              MainSupport.intOption(options, "port", 27017));
    } catch (RuntimeException e) {
      MainSupport.failed("mongo", e);
      return;
    }
    Runtime.getRuntime().addShutdownHook(new Thread(server::close, "mongo-shutdown"));
    MainSupport.ready("mongo", "127.0.0.1:" + server.port());
    MainSupport.stayUp(options, "mongo");
  }
}
