package gov.hotline.embedded;

import de.bwaldvogel.mongo.MongoServer;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A MongoDB wire-protocol server (mongo-java-server) in this JVM, on 127.0.0.1.
 *
 * <p>Its backend ({@link StoreBackend}) keeps documents in memory as BSON and appends every change
 * to one file ({@link LogStore}) before the reply that depends on it goes out, sharing file writes
 * between concurrent commands: an acknowledged write survives {@code kill -9} of the process.
 * Non-unique indexes exist and all indexes answer equality, {@code $in} and range queries on their
 * first key (mongo-java-server itself ignores non-unique indexes and scans the whole collection).
 * Indexes live on the heap and are rebuilt from the documents when a store is opened. See ADR 0006.
 */
public final class EmbeddedMongoServer implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(EmbeddedMongoServer.class);

  private final MongoServer server;
  private final StoreBackend backend;
  private final int port;
  private final Path file;
  private final AtomicBoolean closed = new AtomicBoolean();

  private EmbeddedMongoServer(MongoServer server, StoreBackend backend, int port, Path file) {
    this.server = server;
    this.backend = backend;
    this.port = port;
    this.file = file;
  }

  /**
   * Starts a server.
   *
   * @param file the store's file (parent directories are created), or {@code null} for an in-memory
   *     store (tests); a file of another format, such as the H2 file of earlier versions, is
   *     refused
   * @param port the port to listen on, 0 for a free one
   */
  public static EmbeddedMongoServer start(Path file, int port) {
    long started = System.nanoTime();
    LogStore store = file == null ? LogStore.inMemory() : LogStore.open(file);
    StoreBackend backend;
    try {
      backend = new StoreBackend(store);
    } catch (RuntimeException e) {
      store.close();
      throw e;
    }
    MongoServer server = new MongoServer(backend);
    try {
      server.bind("127.0.0.1", port);
    } catch (RuntimeException e) {
      store.close(); // MongoServer.bind already shut the backend down; closing is idempotent
      throw new IllegalStateException("cannot listen on 127.0.0.1:" + port, e);
    }
    int actualPort = server.getLocalAddress().getPort();
    log.info(
        "mongo-java-server on 127.0.0.1:{} ({}) started in {} ms",
        actualPort,
        file == null ? "in memory" : file.toAbsolutePath(),
        (System.nanoTime() - started) / 1_000_000);
    return new EmbeddedMongoServer(server, backend, actualPort, file);
  }

  /** {@code mongodb://127.0.0.1:<port>} */
  public String connectionString() {
    return "mongodb://127.0.0.1:" + port;
  }

  public int port() {
    return port;
  }

  /** For tests in this package. */
  StoreBackend backend() {
    return backend;
  }

  /** Closes client connections, commits and closes the store. Idempotent. */
  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      server.shutdownNow();
      log.info(
          "mongo-java-server on 127.0.0.1:{} ({}) stopped",
          port,
          file == null ? "in memory" : file.toAbsolutePath());
    }
  }
}
