package gov.hotline.embedded;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.backend.AbstractUniqueIndex;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.Missing;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.exception.KeyConstraintError;
import java.util.List;
import java.util.Map.Entry;
import org.h2.mvstore.MVMap;

/**
 * A unique index stored in an MVMap exactly like mongo-java-server's {@code H2UniqueIndex} (same
 * map, same entries, so existing files stay readable), plus, for indexes other than {@code _id}, an
 * in-memory {@link RangeIndex} on the first key. The stock index only answers exact matches on all
 * its keys; Axon's queries ({@code aggregateIdentifier = x and sequenceNumber >= n}, or just {@code
 * aggregateIdentifier = x}) need the first key alone.
 */
final class SortedUniqueIndex extends AbstractUniqueIndex<Object> implements RebuiltIndex {

  private final MVMap<KeyValue, Object> mvMap;
  private final String firstKey;
  private final RangeIndex range; // null: exact lookups only (the _id index)

  SortedUniqueIndex(
      MVMap<KeyValue, Object> mvMap,
      String name,
      List<IndexKey> keys,
      boolean sparse,
      boolean withRangeIndex) {
    super(name, keys, sparse);
    this.mvMap = mvMap;
    this.firstKey = keys.get(0).getKey();
    this.range = withRangeIndex ? new RangeIndex(firstKey) : null;
  }

  boolean hasRangeIndex() {
    return range != null;
  }

  @Override
  public void startRebuild() {
    // the stored part is complete; isEmpty() already reports it as filled
  }

  /** Fills the in-memory part from a stored document (when an existing store is opened). */
  @Override
  public synchronized void rebuildEntry(Document document, Object position) {
    if (range != null) {
      range.add(range.keysOf(document), Missing.ofNullable(position));
    }
  }

  @Override
  public void finishRebuild() {}

  // ------------------------------------------------------------ storage, as H2UniqueIndex

  @Override
  protected Object removeDocument(KeyValue keyValue) {
    return mvMap.remove(keyValue);
  }

  @Override
  protected boolean putKeyPosition(KeyValue keyValue, Object position) {
    return mvMap.putIfAbsent(keyValue, Missing.ofNullable(position)) == null;
  }

  @Override
  protected Iterable<Entry<KeyValue, Object>> getIterable() {
    return mvMap.entrySet();
  }

  @Override
  protected Object getPosition(KeyValue keyValue) {
    return mvMap.get(keyValue);
  }

  @Override
  public long getCount() {
    return mvMap.sizeAsLong();
  }

  @Override
  public boolean isEmpty() {
    return mvMap.isEmpty();
  }

  @Override
  public long getDataSize() {
    return getCount();
  }

  // ------------------------------------------------------------ keeping the range index current

  @Override
  public synchronized void add(Document document, Object position, MongoCollection<Object> c) {
    super.add(document, position, c);
    if (range != null) {
      range.add(range.keysOf(document), Missing.ofNullable(position));
    }
  }

  @Override
  public synchronized Object remove(Document document) {
    Object position = super.remove(document);
    if (range != null && position != null) {
      range.remove(range.keysOf(document), position);
    }
    return position;
  }

  @Override
  public synchronized void updateInPlace(
      Document oldDocument, Document newDocument, Object position, MongoCollection<Object> c)
      throws KeyConstraintError {
    // may call remove(old) and add(new) above, when the unique keys change
    super.updateInPlace(oldDocument, newDocument, position, c);
    if (range != null) {
      range.replace(
          range.keysOf(oldDocument), range.keysOf(newDocument), Missing.ofNullable(position));
    }
  }

  // ------------------------------------------------------------ queries

  @Override
  public synchronized boolean canHandle(Document query) {
    return super.canHandle(query) || (range != null && RangeIndex.plan(query, firstKey) != null);
  }

  @Override
  public synchronized Iterable<Object> getPositions(Document query) {
    if (super.canHandle(query)) {
      return super.getPositions(query);
    }
    List<RangeIndex.Range> ranges = range == null ? null : RangeIndex.plan(query, firstKey);
    if (ranges == null) {
      throw new IllegalStateException("index " + getName() + " cannot handle " + query);
    }
    return range.positions(ranges);
  }

  @Override
  public synchronized void drop() {
    super.drop();
    if (range != null) {
      range.clear();
    }
  }
}
