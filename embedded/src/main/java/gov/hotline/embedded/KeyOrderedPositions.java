package gov.hotline.embedded;

import de.bwaldvogel.mongo.bson.Document;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;

/**
 * An index's answer to a filter: the positions of every document that may match ({@link #all}) —
 * what mongo-java-server reads — and, where the index can tell, the same positions grouped by key
 * in sort order ({@link #groups}, null otherwise), so a sorted read with a limit stops at the limit
 * instead of decoding and sorting every document in the range (a processor reading events after a
 * timestamp, 100 at a time, read all later events for each hundred).
 */
record KeyOrderedPositions(Collection<Object> all, String field, List<List<Object>> groups)
    implements Iterable<Object> {

  @Override
  public Iterator<Object> iterator() {
    return all.iterator();
  }

  /**
   * 1 or -1 when {@code orderBy} sorts first on this index's field ascending or descending and the
   * groups are known; 0 otherwise.
   */
  int direction(Document orderBy) {
    if (groups == null || orderBy == null || orderBy.isEmpty()) {
      return 0;
    }
    var first = orderBy.entrySet().iterator().next();
    if (!first.getKey().equals(field) || !(first.getValue() instanceof Number number)) {
      return 0;
    }
    return number.doubleValue() > 0 ? 1 : number.doubleValue() < 0 ? -1 : 0;
  }
}
