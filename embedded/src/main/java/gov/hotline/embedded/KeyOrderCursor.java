package gov.hotline.embedded;

import de.bwaldvogel.mongo.backend.AbstractCursor;
import de.bwaldvogel.mongo.backend.DocumentComparator;
import de.bwaldvogel.mongo.bson.Document;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The documents of a sorted read over an indexed range, produced a batch at a time in key order
 * (see {@link KeyOrderedPositions}) instead of all decoded and sorted up front: a reader that takes
 * one batch and closes the cursor — a processor reading the events after a timestamp — pays for one
 * batch, and a read with a limit for skip + limit documents. Whole key groups are decoded until a
 * batch is full, then sorted on the full sort with documents that tie in natural order, as the full
 * read would give them. Documents are read when their batch is made; one changed since the index
 * was read is checked against the filter again, one removed is skipped.
 */
final class KeyOrderCursor extends AbstractCursor {
  private final Groups groups;
  private final Function<Object, Document> read;
  private final Predicate<Document> matches;
  private final DocumentComparator order;
  private final Deque<Document> ready = new ArrayDeque<>();

  /** The key groups of the read, in its direction, a few at a time from the index. */
  interface Groups {
    /** The next groups, holding at least {@code positions} positions unless the range ends. */
    List<List<Object>> next(int positions);

    boolean hasMore();
  }

  KeyOrderCursor(
      long id,
      Groups groups,
      Document orderBy,
      Function<Object, Document> read,
      Predicate<Document> matches) {
    super(id);
    this.groups = groups;
    this.read = read;
    this.matches = matches;
    this.order = new DocumentComparator(orderBy);
  }

  @Override
  public boolean isEmpty() {
    return ready.isEmpty() && !groups.hasMore();
  }

  @Override
  public synchronized List<Document> takeDocuments(int count) {
    int wanted = count > 0 ? count : Integer.MAX_VALUE;
    boolean exhausted = false;
    while (ready.size() < wanted && !exhausted) {
      Map<Object, Document> chunk = new TreeMap<>(LogStore.KEY_ORDER); // natural order
      while (ready.size() + chunk.size() < wanted) {
        List<List<Object>> next = groups.next(wanted - ready.size() - chunk.size());
        if (next.isEmpty()) {
          exhausted = true;
          break;
        }
        for (List<Object> group : next) {
          for (Object position : group) {
            Document document = read.apply(position);
            if (document != null && matches.test(document)) {
              chunk.put(position, document);
            }
          }
        }
      }
      List<Document> sorted = new ArrayList<>(chunk.values());
      sorted.sort(order); // stable: ties stay in natural order
      ready.addAll(sorted);
    }
    List<Document> batch = new ArrayList<>(Math.min(wanted, ready.size()));
    while (batch.size() < wanted && !ready.isEmpty()) {
      batch.add(ready.poll());
    }
    return batch;
  }
}
