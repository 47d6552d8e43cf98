package gov.hotline.embedded;

import de.bwaldvogel.mongo.backend.Missing;
import de.bwaldvogel.mongo.bson.BsonRegularExpression;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.bson.ObjectId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * An in-memory ordered multimap from the values of one document path (an index's first key) to
 * document positions, with the query planning that turns a filter into key ranges.
 *
 * <p>The index is only ever used to <em>narrow</em> the documents that mongo-java-server's own
 * query matcher then checks, so the one invariant is: every document the matcher would accept for a
 * filter is among {@link #positions(List)} of {@link #plan(Document, String)}. To keep that
 * provable the index handles only equality, {@code $eq}, {@code $in} and {@code $gt/$gte/$lt/$lte}
 * with operands of "simple" BSON types (numbers, strings, ObjectIds, booleans, dates); a filter
 * without such a constraint on the path is not handled (full scan, as before). Numbers are compared
 * exactly; bounds of {@code $gte}/{@code $lte} are widened by 2 because the matcher truncates
 * fractional numbers when it compares them with integral values beyond the int range. Values the
 * matcher orders inconsistently (NaN, infinities, Decimal128 and other number types) are kept in a
 * side set that every answer includes.
 *
 * <p>Not thread-safe by itself: the owning index synchronizes.
 */
final class RangeIndex {

  /** Marker for values that every answer must include. */
  private static final Object UNORDERED = new Object();

  private static final int NUMBER = 1;
  private static final int STRING = 2;
  private static final int OBJECT_ID = 3;
  private static final int BOOLEAN = 4;
  private static final int DATE = 5;

  private static final double TWO_POW_52 = 0x1p52;
  private static final double TWO_POW_63 = 0x1p63;

  private final List<String> path;
  private final NavigableMap<Object, Object> entries = new TreeMap<>(KeyOrder.INSTANCE);
  private final Set<Object> unordered = new HashSet<>();
  private long size;

  /**
   * Whether a document with more than one key (an array of values) was ever added since the last
   * {@link #clear}: a sort on the field orders such a document by one of its keys only, so key
   * order is no longer document order ({@link #inKeyOrder}).
   */
  private boolean multikey;

  RangeIndex(String field) {
    if (!supportsPath(field)) {
      throw new IllegalArgumentException("unsupported index path: " + field);
    }
    this.path = List.of(field.split("\\."));
  }

  /** Paths whose matcher semantics the value extraction mirrors: no positional or empty parts. */
  static boolean supportsPath(String field) {
    if (field.isEmpty() || field.startsWith("$") || field.endsWith(".")) {
      return false;
    }
    for (String part : field.split("\\.", -1)) {
      if (part.isEmpty() || part.startsWith("$") || part.chars().allMatch(Character::isDigit)) {
        return false;
      }
    }
    return true;
  }

  // ---------------------------------------------------------------- maintenance

  /** The normalised keys of a document (a set: multikey duplicates collapse). */
  Set<Object> keysOf(Document document) {
    Set<Object> keys = new TreeSet<>(KeyOrder.WITH_UNORDERED);
    collect(document, 0, keys);
    return keys;
  }

  /**
   * Mirrors DefaultQueryMatcher's traversal: arrays on the way are searched element by element
   * (also nested arrays); an array at the end contributes its elements, and the elements of arrays
   * nested in it (the matcher's {@code $in} compares its first operand with those too).
   */
  private void collect(Object value, int depth, Set<Object> out) {
    if (value instanceof List<?> list) {
      for (Object element : list) {
        collect(element, depth, out);
      }
    } else if (value instanceof Document document) {
      Object child = document.getOrMissing(path.get(depth));
      if (depth == path.size() - 1) {
        if (child instanceof Collection<?> elements) {
          for (Object element : elements) {
            if (element instanceof Collection<?> nested) {
              for (Object nestedElement : nested) {
                addKey(nestedElement, out);
              }
            } else {
              addKey(element, out);
            }
          }
        } else {
          addKey(child, out);
        }
      } else {
        collect(child, depth + 1, out);
      }
    }
  }

  private static void addKey(Object value, Set<Object> out) {
    Object key = normalize(value);
    if (key != null) {
      out.add(key);
    }
  }

  void add(Set<Object> keys, Object position) {
    if (keys.size() > 1) {
      multikey = true;
    }
    for (Object key : keys) {
      if (key == UNORDERED) {
        unordered.add(position);
        continue;
      }
      Object bucket = entries.get(key);
      if (bucket == null) {
        entries.put(key, position);
        size++;
      } else if (bucket instanceof Bucket positions) {
        if (positions.add(position)) {
          size++;
        }
      } else if (!bucket.equals(position)) {
        Bucket positions = new Bucket();
        positions.add(bucket);
        positions.add(position);
        entries.put(key, positions);
        size++;
      }
    }
  }

  void remove(Set<Object> keys, Object position) {
    for (Object key : keys) {
      if (key == UNORDERED) {
        unordered.remove(position);
        continue;
      }
      Object bucket = entries.get(key);
      if (bucket instanceof Bucket positions) {
        if (positions.remove(position)) {
          size--;
          if (positions.size() == 1) {
            entries.put(key, positions.iterator().next());
          }
        }
      } else if (bucket != null && bucket.equals(position)) {
        entries.remove(key);
        size--;
      }
    }
  }

  /** Replaces a document's keys; the end state is exact whatever was indexed before. */
  void replace(Set<Object> oldKeys, Set<Object> newKeys, Object position) {
    if (oldKeys.equals(newKeys)) {
      return;
    }
    Set<Object> removed = new TreeSet<>(KeyOrder.WITH_UNORDERED);
    removed.addAll(oldKeys);
    removed.removeAll(newKeys);
    remove(removed, position);
    add(newKeys, position);
  }

  void clear() {
    entries.clear();
    unordered.clear();
    size = 0;
    multikey = false;
  }

  /** Number of (key, position) pairs, plus positions with unordered keys. */
  long size() {
    return size + unordered.size();
  }

  boolean isEmpty() {
    return size() == 0;
  }

  /** Positions of all documents with a key in one of the ranges, plus the unordered ones. */
  Collection<Object> positions(List<Range> ranges) {
    Set<Object> result = new LinkedHashSet<>();
    for (Range range : ranges) {
      for (Object bucket :
          entries.subMap(range.low, range.lowInclusive, range.high, range.highInclusive).values()) {
        if (bucket instanceof Bucket positions) {
          result.addAll(positions);
        } else {
          result.add(bucket);
        }
      }
    }
    result.addAll(unordered);
    return result;
  }

  /**
   * A walk over the keys in {@code range} in the order a sort on the field gives, one group of
   * positions per key, taken a few groups at a time with {@link #next} — or null when the index
   * cannot promise that order: it held a document with several keys, has unordered values, or the
   * range holds keys other than strings and dates (numbers are widened, see the class comment). A
   * read with a limit then decodes the documents up to it, and neither it nor this walk touches the
   * rest of the range (a processor replaying from the start of a store reads its events a batch at
   * a time; each batch used to copy every later key).
   *
   * <p>The walk is bounded by the first and last key in the range now; a key added later within
   * those bounds is met if the walk has not passed it, as a MongoDB cursor may meet a document
   * inserted while it runs.
   */
  KeyWalk inKeyOrder(Range range) {
    if (multikey || !unordered.isEmpty()) {
      return null;
    }
    NavigableMap<Object, Object> sub =
        entries.subMap(range.low, range.lowInclusive, range.high, range.highInclusive);
    if (sub.isEmpty()) {
      return new KeyWalk(null, null);
    }
    Object first = sub.firstKey();
    Object last = sub.lastKey();
    int bracket = bracket(first);
    if (bracket != bracket(last) || (bracket != STRING && bracket != DATE)) {
      return null; // brackets are ordered as the matcher orders types; within one, only these two
    }
    return new KeyWalk(first, last);
  }

  /**
   * The walk's next groups in ascending or descending key order, as many as hold at least {@code
   * positions} positions (fewer at the end of the range; none after it).
   */
  List<List<Object>> next(KeyWalk walk, boolean ascending, int positions) {
    List<List<Object>> groups = new ArrayList<>();
    int taken = 0;
    for (Map.Entry<Object, Object> entry : remaining(walk, ascending).entrySet()) {
      Object bucket = entry.getValue();
      List<Object> group =
          bucket instanceof Bucket members ? List.copyOf(members) : List.of(bucket);
      groups.add(group);
      walk.after = entry.getKey();
      taken += group.size();
      if (taken >= positions) {
        break;
      }
    }
    return groups;
  }

  /** Whether the walk has keys left in that direction. */
  boolean hasMore(KeyWalk walk, boolean ascending) {
    return !remaining(walk, ascending).isEmpty();
  }

  private NavigableMap<Object, Object> remaining(KeyWalk walk, boolean ascending) {
    if (walk.first == null || entries.isEmpty()) {
      return java.util.Collections.emptyNavigableMap();
    }
    if (ascending) {
      return walk.after == null
          ? entries.subMap(walk.first, true, walk.last, true)
          : entries.subMap(walk.after, false, walk.last, true);
    }
    return (walk.after == null
            ? entries.subMap(walk.first, true, walk.last, true)
            : entries.subMap(walk.first, true, walk.after, false))
        .descendingMap();
  }

  /** Where a walk over one range in key order stands: its bounds and the last key it took. */
  static final class KeyWalk {
    private final Object first;
    private final Object last;
    private Object after;

    private KeyWalk(Object first, Object last) {
      this.first = first;
      this.last = last;
    }
  }

  /** Distinct keys in the index (for tests and statistics). */
  int distinctKeys() {
    return entries.size();
  }

  private static final class Bucket extends HashSet<Object> {
    private static final long serialVersionUID = 1L;

    Bucket() {
      super(4);
    }
  }

  // ---------------------------------------------------------------- planning

  /**
   * The key ranges a document must have a key in to match {@code query}, or {@code null} when the
   * query has no usable constraint on {@code field}. Only conjunctive positions are considered (top
   * level and {@code $and}); every other part of the filter is left to the matcher.
   */
  static List<Range> plan(Document query, String field) {
    List<Range> result = null;
    for (Map.Entry<String, Object> entry : query.entrySet()) {
      List<Range> constraint = null;
      if (entry.getKey().equals("$and") && entry.getValue() instanceof List<?> clauses) {
        for (Object clause : clauses) {
          if (clause instanceof Document sub) {
            List<Range> subPlan = plan(sub, field);
            if (subPlan != null) {
              constraint = constraint == null ? subPlan : intersect(constraint, subPlan);
            }
          }
        }
      } else if (entry.getKey().equals(field)) {
        constraint = constraint(entry.getValue());
      }
      if (constraint != null) {
        result = result == null ? constraint : intersect(result, constraint);
      }
    }
    return result;
  }

  private static List<Range> constraint(Object queryValue) {
    if (queryValue instanceof BsonRegularExpression
        || BsonRegularExpression.isRegularExpression(queryValue)) {
      return null;
    }
    if (!(queryValue instanceof Document operators)) {
      return point(queryValue);
    }
    if (operators.isEmpty()
        || operators.keySet().stream().anyMatch(operator -> !operator.startsWith("$"))) {
      return null; // equality with a sub-document
    }
    List<Range> result = null;
    for (Map.Entry<String, Object> entry : operators.entrySet()) {
      Object operand = entry.getValue();
      List<Range> ranges =
          switch (entry.getKey()) {
            case "$eq" -> point(operand);
            case "$in" -> in(operand);
            case "$gt" -> lower(operand, false);
            case "$gte" -> lower(operand, true);
            case "$lt" -> upper(operand, false);
            case "$lte" -> upper(operand, true);
            default -> null; // other operators stay with the matcher
          };
      if (ranges != null) {
        result = result == null ? ranges : intersect(result, ranges);
      }
    }
    return result;
  }

  private static List<Range> point(Object operand) {
    Object key = operandKey(operand);
    return key == null ? null : List.of(new Range(key, true, key, true));
  }

  private static List<Range> in(Object operand) {
    if (!(operand instanceof Collection<?> values)) {
      return null;
    }
    Set<Object> keys = new TreeSet<>(KeyOrder.INSTANCE);
    for (Object value : values) {
      Object key = operandKey(value);
      if (key == null) {
        return null; // null, regex, arrays, documents ... : let the matcher do it
      }
      keys.add(key);
    }
    List<Range> ranges = new ArrayList<>(keys.size());
    for (Object key : keys) {
      ranges.add(new Range(key, true, key, true));
    }
    return ranges;
  }

  private static List<Range> lower(Object operand, boolean inclusive) {
    Object key = operandKey(operand);
    if (key == null) {
      return null;
    }
    Object high = new Edge(bracket(key), true);
    if (bracket(key) == NUMBER) {
      if (isHuge(key)) {
        return List.of(new Range(new Edge(NUMBER, false), true, high, true));
      }
      if (inclusive) {
        return List.of(new Range((Double) key - 2, true, high, true));
      }
    }
    return List.of(new Range(key, inclusive, high, true));
  }

  private static List<Range> upper(Object operand, boolean inclusive) {
    Object key = operandKey(operand);
    if (key == null) {
      return null;
    }
    Object low = new Edge(bracket(key), false);
    if (bracket(key) == NUMBER) {
      if (isHuge(key)) {
        return List.of(new Range(low, true, new Edge(NUMBER, true), true));
      }
      if (inclusive) {
        return List.of(new Range(low, true, (Double) key + 2, true));
      }
    }
    return List.of(new Range(low, true, key, inclusive));
  }

  /** Bounds this large do not narrow the range (truncation and rounding effects in the matcher). */
  private static boolean isHuge(Object number) {
    return number instanceof Long || Math.abs((Double) number) >= TWO_POW_52;
  }

  private static List<Range> intersect(List<Range> a, List<Range> b) {
    List<Range> result = new ArrayList<>();
    for (Range x : a) {
      for (Range y : b) {
        Range r = x.intersect(y);
        if (r != null) {
          result.add(r);
        }
      }
    }
    return result;
  }

  /** A query operand as an index key, or null if the index cannot answer for it. */
  private static Object operandKey(Object operand) {
    Object key = normalize(operand);
    return key == UNORDERED ? null : key;
  }

  /**
   * The key of a document or query value: numbers as mongo-java-server normalises them (Double, or
   * Long when a double cannot represent it, -0.0 as 0.0), strings, ObjectIds, booleans and dates as
   * they are; {@link #UNORDERED} for NaN, infinities and other number types; null for everything
   * else (null, missing, documents, arrays, binary ...), which can neither equal nor compare with a
   * simple operand and needs no entry.
   */
  static Object normalize(Object value) {
    if (value == null || value instanceof Missing) {
      return null;
    }
    if (value instanceof Double || value instanceof Float) {
      double d = ((Number) value).doubleValue();
      if (!Double.isFinite(d)) {
        return UNORDERED;
      }
      return d == 0.0 ? Double.valueOf(0.0) : Double.valueOf(d);
    }
    if (value instanceof Integer
        || value instanceof Long
        || value instanceof Short
        || value instanceof Byte) {
      long l = ((Number) value).longValue();
      double d = (double) l;
      if ((long) d == l) { // exactly Utils.normalizeValue's test (Long.MAX_VALUE becomes 2^63)
        return Double.valueOf(d);
      }
      return Long.valueOf(l);
    }
    if (value instanceof Number) {
      return UNORDERED;
    }
    if (value instanceof String
        || value instanceof ObjectId
        || value instanceof Boolean
        || value instanceof Instant) {
      return value;
    }
    return null;
  }

  private static int bracket(Object key) {
    if (key instanceof Edge edge) {
      return edge.bracket;
    } else if (key instanceof Double || key instanceof Long) {
      return NUMBER;
    } else if (key instanceof String) {
      return STRING;
    } else if (key instanceof ObjectId) {
      return OBJECT_ID;
    } else if (key instanceof Boolean) {
      return BOOLEAN;
    } else if (key instanceof Instant) {
      return DATE;
    }
    throw new IllegalArgumentException("not an index key: " + key);
  }

  /** Lower or upper end of one type's keys. */
  private record Edge(int bracket, boolean high) {}

  /** A key interval; {@code low}/{@code high} are keys or {@link Edge}s. */
  record Range(Object low, boolean lowInclusive, Object high, boolean highInclusive) {

    Range intersect(Range other) {
      int cmpLow = KeyOrder.INSTANCE.compare(low, other.low);
      Object newLow = cmpLow >= 0 ? low : other.low;
      boolean newLowInclusive =
          cmpLow > 0
              ? lowInclusive
              : cmpLow < 0 ? other.lowInclusive : lowInclusive && other.lowInclusive;
      int cmpHigh = KeyOrder.INSTANCE.compare(high, other.high);
      Object newHigh = cmpHigh <= 0 ? high : other.high;
      boolean newHighInclusive =
          cmpHigh < 0
              ? highInclusive
              : cmpHigh > 0 ? other.highInclusive : highInclusive && other.highInclusive;
      int cmp = KeyOrder.INSTANCE.compare(newLow, newHigh);
      if (cmp > 0 || (cmp == 0 && !(newLowInclusive && newHighInclusive))) {
        return null;
      }
      return new Range(newLow, newLowInclusive, newHigh, newHighInclusive);
    }
  }

  /** Total order on keys: by type bracket, then exactly by value; edges bound their bracket. */
  static final class KeyOrder implements Comparator<Object> {
    static final KeyOrder INSTANCE = new KeyOrder();

    /** Also orders the {@link #UNORDERED} marker (first), for per-document key sets. */
    static final Comparator<Object> WITH_UNORDERED =
        (a, b) -> {
          if (a == UNORDERED || b == UNORDERED) {
            return a == b ? 0 : a == UNORDERED ? -1 : 1;
          }
          return INSTANCE.compare(a, b);
        };

    @Override
    public int compare(Object a, Object b) {
      int bracketA = bracket(a);
      int bracketB = bracket(b);
      if (bracketA != bracketB) {
        return Integer.compare(bracketA, bracketB);
      }
      if (a instanceof Edge || b instanceof Edge) {
        return Integer.compare(rank(a), rank(b));
      }
      return switch (bracketA) {
        case NUMBER -> compareNumbers(a, b);
        case STRING -> ((String) a).compareTo((String) b);
        case OBJECT_ID -> ((ObjectId) a).compareTo((ObjectId) b);
        case BOOLEAN -> Boolean.compare((Boolean) a, (Boolean) b);
        case DATE -> ((Instant) a).compareTo((Instant) b);
        default -> throw new IllegalStateException();
      };
    }

    private static int rank(Object key) {
      return key instanceof Edge edge ? (edge.high ? 1 : -1) : 0;
    }

    static int compareNumbers(Object a, Object b) {
      if (a instanceof Double x) {
        return b instanceof Double y ? Double.compare(x, y) : -compareLongDouble((Long) b, x);
      }
      long x = (Long) a;
      return b instanceof Long y ? Long.compare(x, y) : compareLongDouble(x, (Double) b);
    }

    /** Exact comparison of a long with a finite double. */
    static int compareLongDouble(long l, double d) {
      if (d >= TWO_POW_63) {
        return -1;
      }
      if (d < -TWO_POW_63) {
        return 1;
      }
      double floor = Math.floor(d);
      long floorLong = (long) floor;
      if (l != floorLong) {
        return l < floorLong ? -1 : 1;
      }
      return floor == d ? 0 : -1;
    }
  }
}
