package gov.hotline.embedded;

import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.AbstractMongoCollection;
import de.bwaldvogel.mongo.backend.ArrayFilters;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.DocumentWithPosition;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.Missing;
import de.bwaldvogel.mongo.backend.QueryParameters;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.backend.Utils;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.oplog.Oplog;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.BiConsumer;
import java.util.stream.Stream;

/**
 * A collection in a {@link LogStore} map: documents by id as BSON bytes, every read decoding its
 * own copy. Compared with mongo-java-server's synchronized collections:
 *
 * <ul>
 *   <li>Writes to one collection run one at a time (the collection's monitor), so a {@code
 *       findAndModify} or an update reads and changes a document atomically; writes to different
 *       collections run in parallel.
 *   <li>Reads take no lock that writes hold: they read the store's concurrent map and the indexes
 *       (each synchronised by itself for the moment of a lookup). A read sees each document either
 *       before or after a concurrent write to it, never half-changed, since a stored document is
 *       replaced whole. Only adding or dropping an index excludes reads (the index list).
 *   <li>Documents found through an index are read in natural order (the map's key order, or its
 *       reverse for {@code $natural: -1}), so that a query returns exactly what a full scan would.
 * </ul>
 */
final class StoreCollection extends AbstractMongoCollection<Object> {

  private final LogStore.StoreMap data;

  /** Keys of a collection without id field (system.indexes): insertion order. */
  private final AtomicLong nextKey;

  /** Reads share it; only changes to the list of indexes take it exclusively. */
  private final ReentrantReadWriteLock indexList = new ReentrantReadWriteLock();

  StoreCollection(
      MongoDatabase database,
      String collectionName,
      CollectionOptions options,
      LogStore.StoreMap data,
      CursorRegistry cursorRegistry) {
    super(database, collectionName, options, cursorRegistry);
    this.data = data;
    long next = 0;
    if (!data.view().isEmpty() && data.view().lastKey() instanceof Number last) {
      next = last.longValue() + 1;
    }
    this.nextKey = new AtomicLong(next);
  }

  String idField() {
    return getIdField();
  }

  void forEachDocument(BiConsumer<Document, Object> action) {
    try (var documents = streamAllDocumentsWithPosition()) {
      documents.forEach(d -> action.accept(d.getDocument(), d.getPosition()));
    }
  }

  // ------------------------------------------------------------------ storage

  @Override
  protected Object addDocumentInternal(Document document) {
    Object key;
    if (getIdField() != null) {
      key = Utils.getSubdocumentValue(document, getIdField());
      if (key instanceof Document id) {
        key = id.cloneDeeply(); // the caller keeps the document; the map's key must not change
      }
    } else {
      key = nextKey.getAndIncrement();
    }
    byte[] previous = data.put(Missing.ofNullable(key), Bson.encode(document));
    if (previous != null) {
      throw new IllegalStateException("document with key '" + key + "' already existed in " + this);
    }
    return key;
  }

  @Override
  protected void handleUpdate(Object position, Document oldDocument, Document newDocument) {
    data.put(Missing.ofNullable(position), Bson.encode(newDocument));
  }

  @Override
  protected void removeDocument(Object position) {
    if (data.remove(position) == null) {
      throw new NoSuchElementException("No document with key " + position);
    }
  }

  @Override
  protected Document getDocument(Object position) {
    byte[] bytes = data.get(position);
    return bytes == null ? null : Bson.decode(bytes);
  }

  @Override
  public int count() {
    return data.size();
  }

  @Override
  public boolean isEmpty() {
    return data.size() == 0;
  }

  /** The stock collections re-encode every document to BSON to count its size; ours has it. */
  @Override
  protected boolean tracksDataSize() {
    return false;
  }

  @Override
  protected void updateDataSize(int sizeDelta) {}

  @Override
  protected int getDataSize() {
    return (int) Math.min(Integer.MAX_VALUE, data.bytes());
  }

  @Override
  protected Stream<DocumentWithPosition<Object>> streamAllDocumentsWithPosition() {
    return data.view().entrySet().stream()
        .map(entry -> new DocumentWithPosition<>(Bson.decode(entry.getValue()), entry.getKey()));
  }

  @Override
  protected QueryResult matchDocuments(
      Document query,
      Document orderBy,
      int numberToSkip,
      int limit,
      int batchSize,
      Document fieldSelector) {
    NavigableMap<Object, byte[]> documents =
        isNaturalDescending(orderBy) ? data.view().descendingMap() : data.view();
    return matchDocumentsFromStream(
        documents.values().stream().map(Bson::decode),
        query,
        orderBy,
        numberToSkip,
        limit,
        batchSize,
        fieldSelector);
  }

  @Override
  protected QueryResult matchDocuments(
      Document query,
      Iterable<Object> positions,
      Document orderBy,
      int numberToSkip,
      int limit,
      int batchSize,
      Document fieldSelector) {
    if (positions instanceof KeyOrderedPositions keyed && keyed.direction(orderBy) != 0) {
      boolean batched = limit == 0 && batchSize > 0 && isEmpty(fieldSelector);
      if (limit > 0 || batched) {
        KeyOrderCursor cursor =
            new KeyOrderCursor(
                cursorRegistry.generateCursorId(),
                keyed.groups(keyed.direction(orderBy)),
                orderBy,
                this::getDocument,
                document -> documentMatchesQuery(document, query));
        if (limit > 0) {
          // the first skip + limit in sort order; skip, limit and projection as the full read
          int wanted = (int) Math.min(Integer.MAX_VALUE, (long) numberToSkip + limit);
          return matchDocumentsFromStream(
              cursor.takeDocuments(wanted).stream(),
              query,
              orderBy,
              numberToSkip,
              limit,
              batchSize,
              fieldSelector);
        }
        // read in batches (a processor takes one and closes the cursor): decode only those
        if (numberToSkip > 0) {
          cursor.takeDocuments(numberToSkip);
        }
        List<Document> first = cursor.takeDocuments(batchSize);
        if (cursor.isEmpty()) {
          return new QueryResult(first);
        }
        cursorRegistry.add(cursor);
        return new QueryResult(first, cursor);
      }
    }
    List<Object> ordered = new ArrayList<>();
    positions.forEach(ordered::add);
    ordered.sort(isNaturalDescending(orderBy) ? LogStore.KEY_ORDER.reversed() : LogStore.KEY_ORDER);
    // a document removed since the index was read is skipped; one changed since is re-checked
    return matchDocumentsFromStream(
        ordered.stream().map(this::getDocument).filter(Objects::nonNull),
        query,
        orderBy,
        numberToSkip,
        limit,
        batchSize,
        fieldSelector);
  }

  /**
   * The matcher, with long {@code $in}/{@code $nin} lists of strings answered by {@link
   * HashedMembership}. A query is split once per thread and reused for every document it is checked
   * against (the same query object, for a whole read and its cursor).
   */
  @Override
  protected boolean documentMatchesQuery(Document document, Document query) {
    Split split = lastSplit.get();
    if (split == null || split.query() != query) {
      split = new Split(query, HashedMembership.of(query));
      lastSplit.set(split);
    }
    if (split.hashed() == null) {
      return super.documentMatchesQuery(document, query);
    }
    return split.hashed().matches(document, super::documentMatchesQuery);
  }

  /** A query and its hashed conditions (null: none). */
  private record Split(Document query, HashedMembership hashed) {}

  private final ThreadLocal<Split> lastSplit = new ThreadLocal<>();

  private static boolean isEmpty(Document fieldSelector) {
    return fieldSelector == null || fieldSelector.isEmpty();
  }

  // ------------------------------------------------------------------ reads: no write lock

  /** A read: many at once, none while the list of indexes changes. */
  private <T> T underReadLock(java.util.function.Supplier<T> read) {
    indexList.readLock().lock();
    try {
      return read.get();
    } finally {
      indexList.readLock().unlock();
    }
  }

  @Override
  public QueryResult handleQuery(QueryParameters queryParameters) {
    return underReadLock(() -> super.handleQuery(queryParameters));
  }

  @Override
  public Document handleDistinct(Document query) {
    return underReadLock(() -> super.handleDistinct(query));
  }

  @Override
  public int count(Document query, int skip, int limit) {
    return underReadLock(() -> super.count(query, skip, limit));
  }

  @Override
  public Document getStats() {
    return underReadLock(() -> super.getStats());
  }

  @Override
  public Document validate() {
    return underReadLock(() -> super.validate());
  }

  // ------------------------------------------------------------------ writes: one at a time

  @Override
  public synchronized void addIndex(Index<Object> index) {
    indexList.writeLock().lock();
    try {
      super.addIndex(index);
    } finally {
      indexList.writeLock().unlock();
    }
  }

  @Override
  public synchronized void dropIndex(String indexName) {
    indexList.writeLock().lock();
    try {
      super.dropIndex(indexName);
    } finally {
      indexList.writeLock().unlock();
    }
  }

  @Override
  public synchronized void drop() {
    super.drop();
  }

  @Override
  public synchronized void addDocument(Document document) {
    super.addDocument(document);
  }

  @Override
  public synchronized void addDocuments(Stream<Document> documents) {
    super.addDocuments(documents);
  }

  @Override
  public synchronized void addDocumentIfMissing(Document document) {
    super.addDocumentIfMissing(document);
  }

  @Override
  public synchronized Document findAndModify(Document query) {
    return super.findAndModify(query);
  }

  @Override
  public synchronized List<Document> insertDocuments(List<Document> documents, boolean isOrdered) {
    return super.insertDocuments(documents, isOrdered);
  }

  @Override
  public synchronized int deleteDocuments(Document selector, int limit, Oplog oplog) {
    return super.deleteDocuments(selector, limit, oplog);
  }

  @Override
  public synchronized Document updateDocuments(
      Document selector,
      Document updateQuery,
      ArrayFilters arrayFilters,
      boolean isMulti,
      boolean isUpsert,
      Oplog oplog) {
    return super.updateDocuments(selector, updateQuery, arrayFilters, isMulti, isUpsert, oplog);
  }

  @Override
  public synchronized void removeDocument(Document document) {
    super.removeDocument(document);
  }

  @Override
  public synchronized void renameTo(MongoDatabase newDatabase, String newCollectionName) {
    super.renameTo(newDatabase, newCollectionName);
  }

  /** For tests: the stored entries. */
  Map<Object, byte[]> entries() {
    return data.view();
  }
}
