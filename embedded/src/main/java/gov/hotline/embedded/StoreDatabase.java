package gov.hotline.embedded;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.AbstractSynchronizedMongoDatabase;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.oplog.Oplog;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A database of the embedded server: mongo-java-server 1.47.0's {@code H2Database}, re-implemented
 * on a {@link LogStore} (one store map per collection, named {@code databases.<db>.<collection>} as
 * the H2 backend named its maps). What differs from the stock database:
 *
 * <ul>
 *   <li>non-unique indexes are real ({@link SortedSecondaryIndex}) instead of being ignored;
 *   <li>unique indexes other than {@code _id} also answer equality, {@code $in} and range queries
 *       on their first key ({@link SortedUniqueIndex});
 *   <li>all indexes live in memory and are rebuilt in one pass over each collection when the store
 *       opens, so a change to a document is one change in the store;
 *   <li>collections read index hits in natural order and take no lock for reads ({@link
 *       StoreCollection}).
 * </ul>
 */
final class StoreDatabase extends AbstractSynchronizedMongoDatabase<Object> {

  private static final Logger log = LoggerFactory.getLogger(StoreDatabase.class);

  static final String DATABASES_PREFIX = "databases.";

  private final LogStore store;

  /** Indexes to fill from stored documents once the database is open, per collection. */
  private Map<String, List<RebuiltIndex>> pendingRebuilds = new LinkedHashMap<>();

  StoreDatabase(String databaseName, LogStore store, CursorRegistry cursorRegistry) {
    super(databaseName, cursorRegistry);
    this.store = store;
    initializeNamespacesAndIndexes();
    rebuildIndexes();
  }

  private void scheduleRebuild(String collectionName, RebuiltIndex index) {
    index.startRebuild();
    pendingRebuilds.computeIfAbsent(collectionName, name -> new ArrayList<>()).add(index);
  }

  /** One pass over each collection's documents feeds all its in-memory indexes. */
  private void rebuildIndexes() {
    Map<String, List<RebuiltIndex>> pending = pendingRebuilds;
    pendingRebuilds = null;
    pending.forEach(
        (collectionName, indexes) -> {
          MongoCollection<Object> collection = resolveCollection(collectionName, false);
          long start = System.nanoTime();
          int[] documents = {0};
          if (collection instanceof StoreCollection indexed) {
            indexed.forEachDocument(
                (document, position) -> {
                  documents[0]++;
                  for (RebuiltIndex index : indexes) {
                    index.rebuildEntry(document, position);
                  }
                });
          }
          indexes.forEach(RebuiltIndex::finishRebuild);
          log.info(
              "rebuilt {} in-memory index(es) of {}.{} from {} documents in {} ms",
              indexes.size(),
              databaseName,
              collectionName,
              documents[0],
              (System.nanoTime() - start) / 1_000_000);
        });
  }

  /**
   * The index the collection already has under that name, if its options match (otherwise the
   * collection's addIndex reports the conflict, as the stock backend does).
   */
  private Index<Object> existingIndex(String collectionName, String indexName, boolean sparse) {
    MongoCollection<Object> collection = resolveCollection(collectionName, false);
    if (collection == null) {
      return null;
    }
    return collection.getIndexes().stream()
        .filter(index -> index.getName().equals(indexName))
        .filter(index -> Boolean.TRUE.equals(index.toIndexDescription().get("sparse")) == sparse)
        .findFirst()
        .orElse(null);
  }

  @Override
  protected Index<Object> openOrCreateUniqueIndex(
      String collectionName, String indexName, List<IndexKey> keys, boolean sparse) {
    Index<Object> existing = existingIndex(collectionName, indexName, sparse);
    if (existing != null) {
      return existing; // createIndexes on an existing index: keep it (and skip any rebuild)
    }
    boolean idIndex = keys.size() == 1 && keys.get(0).getKey().equals("_id");
    boolean ranged = !idIndex && RangeIndex.supportsPath(keys.get(0).getKey());
    SortedUniqueIndex index = new SortedUniqueIndex(indexName, keys, sparse, ranged);
    MongoCollection<Object> collection = resolveCollection(collectionName, false);
    if (pendingRebuilds != null && collection != null && !collection.isEmpty()) {
      // the database is opening: filled in one pass with the other indexes of the collection.
      // (An index created on a live database is filled, and checked, by the collection's addIndex.)
      scheduleRebuild(collectionName, index);
    }
    return index;
  }

  @Override
  protected Index<Object> openOrCreateSecondaryIndex(
      String collectionName, String indexName, List<IndexKey> keys, boolean sparse) {
    Index<Object> existing = existingIndex(collectionName, indexName, sparse);
    if (existing != null) {
      return existing;
    }
    MongoCollection<Object> collection = resolveCollection(collectionName, false);
    if (collection instanceof StoreCollection indexed
        && indexed.idField() != null
        && RangeIndex.supportsPath(keys.get(0).getKey())) {
      log.debug("adding sorted secondary index {} {} on {}", indexName, keys, collectionName);
      SortedSecondaryIndex index =
          new SortedSecondaryIndex(indexName, keys, sparse, indexed.idField());
      if (pendingRebuilds != null) {
        scheduleRebuild(collectionName, index);
      } // else the collection's addIndex fills it from the existing documents
      return index;
    }
    return super.openOrCreateSecondaryIndex(collectionName, indexName, keys, sparse);
  }

  @Override
  public void drop(Oplog oplog) {
    super.drop(oplog);
    for (String name : store.mapNames()) {
      if (name.startsWith(DATABASES_PREFIX + databaseName + ".")) {
        store.removeMap(name);
      }
    }
  }

  @Override
  protected MongoCollection<Object> openOrCreateCollection(
      String collectionName, CollectionOptions options) {
    LogStore.StoreMap data = store.map(mapName(collectionName));
    return new StoreCollection(this, collectionName, options, data, cursorRegistry);
  }

  private String mapName(String collectionName) {
    return DATABASES_PREFIX + getFullCollectionNamespace(collectionName);
  }

  @Override
  protected long getStorageSize() {
    return store.fileSize();
  }

  @Override
  protected long getFileSize() {
    return getStorageSize();
  }

  @Override
  public void dropCollection(String collectionName, Oplog oplog) {
    super.dropCollection(collectionName, oplog);
    store.removeMap(mapName(collectionName));
  }

  @Override
  public void moveCollection(
      MongoDatabase oldDatabase, MongoCollection<?> collection, String newCollectionName) {
    // the stock backend reads the full name after the rename, and so loses the data on restart
    String oldMapName = DATABASES_PREFIX + collection.getFullName();
    super.moveCollection(oldDatabase, collection, newCollectionName);
    store.renameMap(oldMapName, mapName(newCollectionName));
  }
}
