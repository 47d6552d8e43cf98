package gov.hotline.embedded;

import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.bson.Document;
import io.netty.channel.Channel;
import java.util.Locale;
import java.util.Set;
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
    try {
      return super.handleCommand(channel, databaseName, command, query);
    } finally {
      if (durable && !READ_ONLY_COMMANDS.contains(command.toLowerCase(Locale.ROOT))) {
        commit(); // no-op when nothing changed
      }
    }
  }

  @Override
  public void close() {
    if (durable && !getMvStore().isClosed()) {
      commit();
    }
    super.close();
  }
}
