package gov.hotline.embedded;

import de.bwaldvogel.mongo.bson.Document;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiPredicate;

/**
 * A query's long {@code $in}/{@code $nin} lists of strings, answered by a hash lookup.
 *
 * <p>mongo-java-server's matcher tests {@code $in} and {@code $nin} by comparing the value with
 * each element of the list in turn, normalising both sides each time. axon-mongo's tracking query
 * carries every event id of its look-back window in a {@code $nin} (hundreds under load), so the
 * Mongo server spent three quarters of its CPU there, once per candidate event per query.
 *
 * <p>Where a condition is {@code field: {$in|$nin: [strings]}} on a plain field name (top level or
 * an element of a top-level {@code $and}) and the document's value of that field is a string, the
 * answer is the set's: the matcher compares two strings with {@link String#equals}, so both agree.
 * For any other value (missing, null, an array, a number, ...) the whole original query goes to the
 * matcher, as before. The rest of the query always does.
 */
final class HashedMembership {

  /** Lists shorter than this stay with the matcher: no gain. */
  static final int MIN_LIST = 16;

  private record Condition(String field, Set<String> values, boolean negated) {}

  private final Document query;
  private final Document rest;
  private final List<Condition> conditions;

  private HashedMembership(Document query, Document rest, List<Condition> conditions) {
    this.query = query;
    this.rest = rest;
    this.conditions = conditions;
  }

  /** The query split into hashed conditions and the rest; null when it has none. */
  static HashedMembership of(Document query) {
    if (query == null || query.isEmpty()) {
      return null;
    }
    List<Condition> conditions = new ArrayList<>();
    Document rest = new Document();
    for (Map.Entry<String, Object> entry : query.entrySet()) {
      String key = entry.getKey();
      Object value = entry.getValue();
      if (key.equals("$and") && value instanceof List<?> parts) {
        List<Object> kept = new ArrayList<>();
        for (Object part : parts) {
          if (!(part instanceof Document clause) || !takeCondition(clause, conditions)) {
            kept.add(part);
          }
        }
        if (!kept.isEmpty()) {
          rest.put(key, kept);
        }
      } else {
        Condition condition = condition(key, value);
        if (condition != null) {
          conditions.add(condition);
        } else {
          rest.put(key, value);
        }
      }
    }
    return conditions.isEmpty() ? null : new HashedMembership(query, rest, List.copyOf(conditions));
  }

  /** An {@code $and} clause that is one hashed condition and nothing else. */
  private static boolean takeCondition(Document clause, List<Condition> conditions) {
    if (clause.size() != 1) {
      return false;
    }
    Map.Entry<String, Object> only = clause.entrySet().iterator().next();
    Condition condition = condition(only.getKey(), only.getValue());
    if (condition == null) {
      return false;
    }
    conditions.add(condition);
    return true;
  }

  private static Condition condition(String field, Object value) {
    if (field.isEmpty() || field.startsWith("$") || field.indexOf('.') >= 0) {
      return null; // operators and paths (which search arrays on the way) stay with the matcher
    }
    if (!(value instanceof Document operator) || operator.size() != 1) {
      return null;
    }
    String op = operator.keySet().iterator().next();
    boolean negated;
    if (op.equals("$in")) {
      negated = false;
    } else if (op.equals("$nin")) {
      negated = true;
    } else {
      return null;
    }
    if (!(operator.get(op) instanceof Collection<?> list) || list.size() < MIN_LIST) {
      return null;
    }
    Set<String> values = new HashSet<>(list.size() * 2);
    for (Object element : list) {
      if (!(element instanceof String s)) {
        return null; // regexes, nulls, numbers, documents: the matcher's rules
      }
      values.add(s);
    }
    return new Condition(field, values, negated);
  }

  /**
   * Whether {@code document} matches the query, with {@code matcher} (document, query) for what the
   * sets cannot answer.
   */
  boolean matches(Document document, BiPredicate<Document, Document> matcher) {
    for (Condition condition : conditions) {
      if (!(document.get(condition.field()) instanceof String value)) {
        return matcher.test(document, query);
      }
      if (condition.values().contains(value) == condition.negated()) {
        return false;
      }
    }
    return matcher.test(document, rest);
  }
}
