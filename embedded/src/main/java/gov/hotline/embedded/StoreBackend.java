package gov.hotline.embedded;

import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.AbstractMongoBackend;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.backend.Utils;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.exception.MongoServerException;
import de.bwaldvogel.mongo.wire.message.MongoQuery;
import io.netty.channel.Channel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded server's backend: mongo-java-server's command handling on {@link StoreDatabase}s in
 * a {@link LogStore}.
 *
 * <p>Its one rule for durability: <b>no reply leaves before the store's file holds every change
 * made up to the moment the command finished</b>. For a write that is its own change (so an
 * acknowledged write survives {@code kill -9}); for a read it is whatever it may have seen (so no
 * client ever sees a document that a crash could take back). Commands run concurrently; their waits
 * for the file are shared (group commit, see {@link LogStore}). There is no global lock: writes to
 * one collection run one at a time, reads take no lock that writes hold ({@link StoreCollection}).
 */
final class StoreBackend extends AbstractMongoBackend {

  private static final Logger log = LoggerFactory.getLogger(StoreBackend.class);

  private final LogStore store;

  StoreBackend(LogStore store) {
    this.store = store;
    store.mapNames().stream()
        .filter(name -> name.startsWith(StoreDatabase.DATABASES_PREFIX))
        .map(name -> Utils.firstFragment(name.substring(StoreDatabase.DATABASES_PREFIX.length())))
        .distinct()
        .forEach(
            databaseName -> {
              log.info("opening database '{}'", databaseName);
              try {
                resolveDatabase(databaseName);
              } catch (MongoServerException e) {
                log.error("failed to open '{}'", databaseName, e);
              }
            });
  }

  @Override
  protected MongoDatabase openOrCreateDatabase(String databaseName) {
    return new StoreDatabase(databaseName, store, getCursorRegistry());
  }

  @Override
  public Document handleCommand(
      Channel channel, String databaseName, String command, Document query) {
    try {
      return super.handleCommand(channel, databaseName, command, query);
    } finally {
      store.awaitDurable(store.appendedSequence());
    }
  }

  @Override
  public QueryResult handleQuery(MongoQuery query) {
    try {
      return super.handleQuery(query);
    } finally {
      store.awaitDurable(store.appendedSequence());
    }
  }

  LogStore store() {
    return store;
  }

  @Override
  public void close() {
    super.close();
    store.close();
  }

  @Override
  public String toString() {
    return getClass().getSimpleName()
        + "["
        + (store.isInMemory() ? "in memory" : store.file().toString())
        + "]";
  }
}
