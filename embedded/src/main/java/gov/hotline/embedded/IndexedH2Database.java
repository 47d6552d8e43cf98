package gov.hotline.embedded;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.AbstractSynchronizedMongoDatabase;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.oplog.Oplog;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.h2.mvstore.FileStore;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * mongo-java-server 1.47.0's {@code H2Database}, re-implemented (same MVMap names and contents, so
 * files written by the stock backend open unchanged) because the stock class calls the index and
 * collection hooks from its constructor, before a subclass could hold the store. What differs:
 *
 * <ul>
 *   <li>non-unique indexes are real ({@link SortedSecondaryIndex}) instead of being ignored;
 *   <li>unique indexes other than {@code _id} also answer equality, {@code $in} and range queries
 *       on their first key ({@link SortedUniqueIndex});
 *   <li>collections read index hits in natural order ({@link IndexedH2Collection}).
 * </ul>
 */
final class IndexedH2Database extends AbstractSynchronizedMongoDatabase<Object> {

  private static final Logger log = LoggerFactory.getLogger(IndexedH2Database.class);

  // as in de.bwaldvogel.mongo.backend.h2.H2Database (package-private there)
  private static final String META_PREFIX = "meta.";
  private static final String DATABASES_PREFIX = "databases.";

  private final MVStore mvStore;

  /** Indexes to fill from stored documents once the database is open, per collection. */
  private Map<String, List<RebuiltIndex>> pendingRebuilds = new LinkedHashMap<>();

  IndexedH2Database(String databaseName, MVStore mvStore, CursorRegistry cursorRegistry) {
    super(databaseName, cursorRegistry);
    this.mvStore = mvStore;
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
          if (collection instanceof IndexedH2Collection indexed) {
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
    MVMap<KeyValue, Object> mvMap = mvStore.openMap(mapNameForIndex(collectionName, indexName));
    boolean idIndex = keys.size() == 1 && keys.get(0).getKey().equals("_id");
    boolean ranged = !idIndex && RangeIndex.supportsPath(keys.get(0).getKey());
    SortedUniqueIndex index = new SortedUniqueIndex(mvMap, indexName, keys, sparse, ranged);
    if (ranged && !mvMap.isEmpty()) {
      // the stored part is complete (so addIndex will not fill the index); the in-memory part
      // is rebuilt when the database is open, or now for an index created on a live database
      if (pendingRebuilds != null) {
        scheduleRebuild(collectionName, index);
      } else {
        MongoCollection<Object> collection = resolveCollection(collectionName, false);
        if (collection instanceof IndexedH2Collection indexed) {
          indexed.forEachDocument(index::rebuildEntry);
        }
      }
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
    if (collection instanceof IndexedH2Collection indexed
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
  protected void dropIndex(MongoCollection<Object> collection, String indexName) {
    super.dropIndex(collection, indexName);
    String name = mapNameForIndex(collection.getCollectionName(), indexName);
    log.debug("Removing map '{}'", name);
    mvStore.removeMap(name);
  }

  private String mapNameForIndex(String collectionName, String indexName) {
    return getFullCollectionNamespace(collectionName) + "._index_" + indexName;
  }

  @Override
  public void drop(Oplog oplog) {
    super.drop(oplog);
    List<MVMap<?, ?>> maps =
        mvStore.getMapNames().stream()
            .filter(
                name ->
                    name.startsWith(databaseName + ".")
                        || name.startsWith(DATABASES_PREFIX + databaseName)
                        || name.startsWith(META_PREFIX + databaseName))
            .map(mvStore::openMap)
            .collect(Collectors.toList());
    for (MVMap<?, ?> map : maps) {
      mvStore.removeMap(map);
    }
  }

  @Override
  protected MongoCollection<Object> openOrCreateCollection(
      String collectionName, CollectionOptions options) {
    String fullCollectionName = getFullCollectionNamespace(collectionName);
    MVMap<Object, Document> dataMap = mvStore.openMap(DATABASES_PREFIX + fullCollectionName);
    MVMap<String, Object> metaMap = mvStore.openMap(META_PREFIX + fullCollectionName);
    return new IndexedH2Collection(this, collectionName, options, dataMap, metaMap, cursorRegistry);
  }

  @Override
  protected long getStorageSize() {
    FileStore<?> fileStore = mvStore.getFileStore();
    return fileStore != null ? fileStore.size() : 0;
  }

  @Override
  protected long getFileSize() {
    return getStorageSize();
  }

  @Override
  public void dropCollection(String collectionName, Oplog oplog) {
    super.dropCollection(collectionName, oplog);
    String fullCollectionName = getFullCollectionNamespace(collectionName);
    MVMap<Object, Document> dataMap = mvStore.openMap(DATABASES_PREFIX + fullCollectionName);
    MVMap<String, Object> metaMap = mvStore.openMap(META_PREFIX + fullCollectionName);
    mvStore.removeMap(dataMap);
    mvStore.removeMap(metaMap);
  }

  @Override
  public void moveCollection(
      MongoDatabase oldDatabase, MongoCollection<?> collection, String newCollectionName) {
    // the stock backend reads the full name after the rename, and so loses the data on restart
    String fullCollectionName = collection.getFullName();
    super.moveCollection(oldDatabase, collection, newCollectionName);
    String newFullName = getFullCollectionNamespace(newCollectionName);
    MVMap<Object, Document> dataMap = mvStore.openMap(DATABASES_PREFIX + fullCollectionName);
    MVMap<String, Object> metaMap = mvStore.openMap(META_PREFIX + fullCollectionName);
    mvStore.renameMap(dataMap, DATABASES_PREFIX + newFullName);
    mvStore.renameMap(metaMap, META_PREFIX + newFullName);
  }
}
