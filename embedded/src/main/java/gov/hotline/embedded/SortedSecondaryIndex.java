package gov.hotline.embedded;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.Missing;
import de.bwaldvogel.mongo.backend.Utils;
import de.bwaldvogel.mongo.bson.Document;
import java.util.List;

/**
 * A non-unique index for mongo-java-server, which only ignores them ("not yet implemented"):
 * in-memory, on the values of the index's first key, answering equality, {@code $in} and range
 * filters on that key (see {@link RangeIndex}). It is not persisted: it is rebuilt from the stored
 * documents when the store opens ({@link IndexedH2Database}), and filled by the collection's {@code
 * addIndex} when it is created on existing documents.
 *
 * <p>Positions are those of {@link IndexedH2Collection}: the document's id, wrapped with {@link
 * Missing#ofNullable}; that is how {@link #remove} knows a document's position.
 */
final class SortedSecondaryIndex extends Index<Object> implements RebuiltIndex {

  private final String idField;
  private final String field;
  private final RangeIndex values;
  private boolean rebuildPending;

  SortedSecondaryIndex(String name, List<IndexKey> keys, boolean sparse, String idField) {
    super(name, keys, sparse);
    this.idField = idField;
    this.field = keys.get(0).getKey();
    this.values = new RangeIndex(field);
  }

  @Override
  public synchronized void startRebuild() {
    rebuildPending = true;
  }

  @Override
  public synchronized void rebuildEntry(Document document, Object position) {
    values.add(values.keysOf(document), Missing.ofNullable(position));
  }

  @Override
  public synchronized void finishRebuild() {
    rebuildPending = false;
  }

  private Object positionOf(Document document) {
    return Missing.ofNullable(Utils.getSubdocumentValue(document, idField));
  }

  @Override
  public Object getPosition(Document document) {
    // the _id index is authoritative for positions; null means "no opinion"
    return null;
  }

  @Override
  public void checkAdd(Document document, MongoCollection<Object> collection) {
    // not unique
  }

  @Override
  public synchronized void add(Document document, Object position, MongoCollection<Object> coll) {
    values.add(values.keysOf(document), Missing.ofNullable(position));
  }

  @Override
  public synchronized Object remove(Document document) {
    Object position = positionOf(document);
    values.remove(values.keysOf(document), position);
    return position;
  }

  @Override
  public synchronized boolean canHandle(Document query) {
    return RangeIndex.plan(query, field) != null;
  }

  @Override
  public synchronized Iterable<Object> getPositions(Document query) {
    List<RangeIndex.Range> ranges = RangeIndex.plan(query, field);
    if (ranges == null) {
      throw new IllegalStateException("index " + getName() + " cannot handle " + query);
    }
    RangeIndex.KeyWalk walk = ranges.size() == 1 ? values.inKeyOrder(ranges.get(0)) : null;
    // both answers are taken later, under this index's lock, and only as far as the read goes
    return new KeyOrderedPositions(
        () -> {
          synchronized (this) {
            return values.positions(ranges);
          }
        },
        field,
        walk == null ? null : ascending -> walkOf(walk, ascending));
  }

  private KeyOrderCursor.Groups walkOf(RangeIndex.KeyWalk walk, boolean ascending) {
    return new KeyOrderCursor.Groups() {
      @Override
      public List<List<Object>> next(int positions) {
        synchronized (SortedSecondaryIndex.this) {
          return values.next(walk, ascending, positions);
        }
      }

      @Override
      public boolean hasMore() {
        synchronized (SortedSecondaryIndex.this) {
          return values.hasMore(walk, ascending);
        }
      }
    };
  }

  @Override
  public synchronized long getCount() {
    return values.size();
  }

  /** While a rebuild is pending, "not empty" keeps the collection from filling it itself. */
  @Override
  public synchronized boolean isEmpty() {
    return !rebuildPending && values.isEmpty();
  }

  @Override
  public synchronized long getDataSize() {
    return values.size();
  }

  @Override
  public void checkUpdate(Document oldDocument, Document newDocument, MongoCollection<Object> c) {
    // not unique
  }

  @Override
  public synchronized void updateInPlace(
      Document oldDocument, Document newDocument, Object position, MongoCollection<Object> c) {
    values.replace(
        values.keysOf(oldDocument), values.keysOf(newDocument), Missing.ofNullable(position));
  }

  @Override
  public synchronized void drop() {
    values.clear();
  }
}
