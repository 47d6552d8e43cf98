package gov.hotline.embedded;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.backend.AbstractUniqueIndex;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.Missing;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.exception.KeyConstraintError;
import java.util.List;
import java.util.Map;
import java.util.Map.Entry;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A unique index in memory, like mongo-java-server's {@code MemoryUniqueIndex} (normalised key
 * values to positions), plus, for indexes other than {@code _id}, a {@link RangeIndex} on the first
 * key. The stock index only answers exact matches on all its keys; Axon's queries ({@code
 * aggregateIdentifier = x and sequenceNumber >= n}, or just {@code aggregateIdentifier = x}) need
 * the first key alone. Nothing of it is stored: it is rebuilt from the documents when the store
 * opens, so that every change to a document is exactly one change in the store.
 */
final class SortedUniqueIndex extends AbstractUniqueIndex<Object> implements RebuiltIndex {

  private final Map<KeyValue, Object> positions = new ConcurrentHashMap<>();
  private final String firstKey;
  private final RangeIndex range; // null: exact lookups only (the _id index)
  private volatile boolean rebuildPending;

  SortedUniqueIndex(String name, List<IndexKey> keys, boolean sparse, boolean withRangeIndex) {
    super(name, keys, sparse);
    this.firstKey = keys.get(0).getKey();
    this.range = withRangeIndex ? new RangeIndex(firstKey) : null;
  }

  boolean hasRangeIndex() {
    return range != null;
  }

  /** Called before the collection registers the index, so that it does not fill it itself. */
  @Override
  public void startRebuild() {
    rebuildPending = true;
  }

  /** Fills the index from a stored document when an existing store is opened. */
  @Override
  public void rebuildEntry(Document document, Object position) {
    add(document, position, null);
  }

  @Override
  public void finishRebuild() {
    rebuildPending = false;
  }

  // ------------------------------------------------------------ storage, as MemoryUniqueIndex

  @Override
  protected Object removeDocument(KeyValue keyValue) {
    return positions.remove(keyValue);
  }

  @Override
  protected boolean putKeyPosition(KeyValue keyValue, Object position) {
    return positions.putIfAbsent(keyValue, Missing.ofNullable(position)) == null;
  }

  @Override
  protected Iterable<Entry<KeyValue, Object>> getIterable() {
    return positions.entrySet();
  }

  @Override
  protected Object getPosition(KeyValue keyValue) {
    return positions.get(keyValue);
  }

  @Override
  public long getCount() {
    return positions.size();
  }

  /** While a rebuild is pending, "not empty" keeps the collection from filling it itself. */
  @Override
  public boolean isEmpty() {
    return !rebuildPending && positions.isEmpty();
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

  /**
   * For a single-key index (e.g. {@code _id}), a filter that fixes the key to one plain value and
   * says more, e.g. {@code {_id: x, sequence: 7}} (a conditional write): the lookup of the key
   * alone, which holds at most the one document the collection then matches against the whole
   * filter. The stock index answers only filters on exactly its keys, so without this such a filter
   * scanned the collection. Null when the filter does not fix the key to a plain value.
   */
  private Document exactKeyQuery(Document query) {
    if (getKeys().size() != 1) {
      return null;
    }
    Object value = null;
    if (query.containsKey(firstKey) && query.size() >= 2) {
      value = query.get(firstKey);
    } else if (query.get("$and") instanceof List<?> clauses) { // how the Java driver writes and()
      for (Object clause : clauses) {
        if (clause instanceof Document sub && sub.size() == 1 && sub.containsKey(firstKey)) {
          value = sub.get(firstKey);
          break;
        }
      }
    }
    if (value == null
        || value instanceof Document
        || value instanceof Map<?, ?>
        || value instanceof Iterable<?>
        || value instanceof java.util.regex.Pattern
        || value instanceof de.bwaldvogel.mongo.bson.BsonRegularExpression) {
      return null; // operators, sub-documents, arrays and patterns match more than one key value
    }
    return new Document(firstKey, value);
  }

  @Override
  public synchronized boolean canHandle(Document query) {
    return super.canHandle(query)
        || exactKeyQuery(query) != null
        || (range != null && RangeIndex.plan(query, firstKey) != null);
  }

  @Override
  public synchronized Iterable<Object> getPositions(Document query) {
    if (super.canHandle(query)) {
      return super.getPositions(query);
    }
    Document exact = exactKeyQuery(query);
    if (exact != null) {
      return super.getPositions(exact); // the collection matches the rest of the filter on it
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
    positions.clear();
    if (range != null) {
      range.clear();
    }
  }
}
