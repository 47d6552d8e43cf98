package gov.hotline.embedded;

import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.bson.Document;
import io.netty.channel.Channel;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.h2.mvstore.MVStore;

/**
 * The H2 MVStore backend with two changes that the local stack needs:
 *
 * <ol>
 *   <li>Durability: the stock backend leaves committing to the MVStore's background thread (about
 *       once a second), so a {@code kill -9} loses writes that were already acknowledged. Here
 *       every command that may write is followed by {@link MVStore#commit()} before its reply goes
 *       out. (No fsync: survives a process crash, not a power loss.)
 *   <li>Indexes: databases are {@link IndexedH2Database}s, whose non-unique indexes exist and whose
 *       indexes answer range queries.
 *   <li>Atomicity: mongo-java-server does not make a single write atomic against concurrent ones
 *       (two simultaneous {@code findAndModify $inc} on one document returned the same value,
 *       because the reply shared the stored document, which the next write changed before the reply
 *       was sent). MongoDB guarantees it, and the services rely on it (order numbers, inbox, unique
 *       event sequence), so write commands run one at a time here and their replies are copied
 *       before the next one starts. Reads are not blocked.
 * </ol>
 */
final class IndexedH2Backend extends H2Backend {

  /** Commands that never change the store (lower case); everything else is followed by commit. */
  private static final Set<String> READ_ONLY_COMMANDS =
      Set.of(
          "find",
          "getmore",
          "count",
          "distinct",
          "listcollections",
          "listindexes",
          "listdatabases",
          "hello",
          "ismaster",
          "ping",
          "buildinfo",
          "serverstatus",
          "dbstats",
          "collstats",
          "validate",
          "killcursors",
          "endsessions",
          "whatsmyuri",
          "getlasterror",
          "reseterror",
          "getparameter",
          "getlog",
          "hostinfo",
          "connectionstatus",
          "getcmdlineopts",
          "getfreemonitoringstatus",
          "saslstart",
          "saslcontinue");

  private final boolean durable;
  private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();

  IndexedH2Backend(MVStore mvStore) {
    super(mvStore);
    this.durable = mvStore.getFileStore() != null;
  }

  @Override
  protected MongoDatabase openOrCreateDatabase(String databaseName) {
    // called from H2Backend's constructor too: use only state the superclasses have set
    return new IndexedH2Database(databaseName, getMvStore(), getCursorRegistry());
  }

  @Override
  public Document handleCommand(
      Channel channel, String databaseName, String command, Document query) {
    if (READ_ONLY_COMMANDS.contains(command.toLowerCase(Locale.ROOT))) {
      lock.readLock().lock();
      try {
        return copy(super.handleCommand(channel, databaseName, command, query));
      } finally {
        lock.readLock().unlock();
      }
    }
    lock.writeLock().lock();
    try {
      // The reply may share objects with the stored document (findAndModify returns it); it is
      // written to the socket after this method returns, when the next write may already have
      // changed it in place — so the reply leaves as a copy taken while writes are held.
      return copy(super.handleCommand(channel, databaseName, command, query));
    } finally {
      try {
        if (durable) {
          commit(); // no-op when nothing changed
        }
      } finally {
        lock.writeLock().unlock();
      }
    }
  }

  private static Document copy(Document reply) {
    return reply == null ? null : reply.cloneDeeply();
  }

  @Override
  public void close() {
    if (durable && !getMvStore().isClosed()) {
      commit();
    }
    super.close();
  }
}
