package gov.hotline.embedded;

import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;
import org.h2.mvstore.MVStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A MongoDB wire-protocol server (mongo-java-server) in this JVM, on 127.0.0.1.
 *
 * <p>Its backend is the H2 MVStore backend, changed so that every write is committed before it is
 * acknowledged (an acknowledged write survives {@code kill -9} of the process) and so that
 * non-unique indexes exist and all indexes answer equality, {@code $in} and range queries on their
 * first key (mongo-java-server itself ignores non-unique indexes and scans the whole collection).
 * Indexes live on the heap and are rebuilt from the documents when a store is opened.
 */
public final class EmbeddedMongoServer implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(EmbeddedMongoServer.class);

  private final MongoServer server;
  private final IndexedH2Backend backend;
  private final int port;
  private final Path file;
  private final AtomicBoolean closed = new AtomicBoolean();

  private EmbeddedMongoServer(MongoServer server, IndexedH2Backend backend, int port, Path file) {
    this.server = server;
    this.backend = backend;
    this.port = port;
    this.file = file;
  }

  /**
   * Starts a server.
   *
   * @param file the MVStore file of the durable backend (parent directories are created), or {@code
   *     null} for an in-memory store (tests)
   * @param port the port to listen on, 0 for a free one
   */
  public static EmbeddedMongoServer start(Path file, int port) {
    long started = System.nanoTime();
    MVStore store = openStore(file);
    IndexedH2Backend backend;
    try {
      backend = new IndexedH2Backend(store);
    } catch (RuntimeException e) {
      store.closeImmediately();
      throw e;
    }
    MongoServer server = new MongoServer(backend);
    try {
      server.bind("127.0.0.1", port);
    } catch (RuntimeException e) {
      // MongoServer.bind already shut the server (and with it the backend) down
      if (!store.isClosed()) {
        store.close();
      }
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

  private static MVStore openStore(Path file) {
    if (file == null) {
      return new MVStore.Builder().open();
    }
    Path absolute = file.toAbsolutePath();
    try {
      if (absolute.getParent() != null) {
        Files.createDirectories(absolute.getParent());
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the directory of " + absolute, e);
    }
    MVStore store = new MVStore.Builder().fileName(absolute.toString()).open();
    // H2's default keeps replaced chunks for 45 s; with a commit per write that made the file
    // grow to ~1 GB for 5,000 orders. 0 reuses space as soon as a newer version is stored.
    store.setRetentionTime(0);
    return store;
  }

  /** {@code mongodb://127.0.0.1:<port>} */
  public String connectionString() {
    return "mongodb://127.0.0.1:" + port;
  }

  public int port() {
    return port;
  }

  /** For tests in this package. */
  MongoBackend backend() {
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
