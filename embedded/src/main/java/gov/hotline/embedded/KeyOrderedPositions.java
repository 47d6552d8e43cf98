package gov.hotline.embedded;

import de.bwaldvogel.mongo.bson.Document;
import java.util.Collection;
import java.util.Iterator;
import java.util.function.Supplier;

/**
 * An index's answer to a filter: the positions of every document that may match (its iterator) —
 * what mongo-java-server reads — and, where the index can tell, the same positions grouped by key
 * in sort order ({@link #groups}), so a sorted read with a limit stops at the limit instead of
 * decoding and sorting every document in the range (a processor reading events after a timestamp,
 * 100 at a time, read all later events for each hundred). Neither is taken from the index before a
 * read asks, and the groups only as far as it reads: a read of the first hundred events after a
 * timestamp early in a long history costs a hundred, not the history after it.
 */
final class KeyOrderedPositions implements Iterable<Object> {

  /** The groups of a walk in one direction (true: ascending). */
  interface Walks {
    KeyOrderCursor.Groups walk(boolean ascending);
  }

  private final Supplier<Collection<Object>> all;
  private final String field;
  private final Walks walks;
  private Collection<Object> positions;

  /**
   * @param all every position that may match, asked for only when a read needs them all
   * @param walks the groups in key order, or null when the index cannot promise that order
   */
  KeyOrderedPositions(Supplier<Collection<Object>> all, String field, Walks walks) {
    this.all = all;
    this.field = field;
    this.walks = walks;
  }

  @Override
  public Iterator<Object> iterator() {
    if (positions == null) {
      positions = all.get();
    }
    return positions.iterator();
  }

  /** The groups in the order of {@code direction} (from {@link #direction}, not 0). */
  KeyOrderCursor.Groups groups(int direction) {
    return walks.walk(direction > 0);
  }

  /**
   * 1 or -1 when {@code orderBy} sorts first on this index's field ascending or descending and the
   * groups are known; 0 otherwise.
   */
  int direction(Document orderBy) {
    if (walks == null || orderBy == null || orderBy.isEmpty()) {
      return 0;
    }
    var first = orderBy.entrySet().iterator().next();
    if (!first.getKey().equals(field) || !(first.getValue() instanceof Number number)) {
      return 0;
    }
    return number.doubleValue() > 0 ? 1 : number.doubleValue() < 0 ? -1 : 0;
  }
}
