package gov.hotline.platform.mongo;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.bson.BsonDocument;
import org.bson.BsonValue;

/**
 * The shape of one query a service sent: which collection, which fields its filter names (per
 * alternative of an {@code $or}) and which it sorts by — what decides whether an index can answer
 * it. Values are left out, so every order's lookup has the same shape.
 *
 * @param alternatives the fields each alternative of the filter names; one alternative without
 *     {@code $or}, and one empty alternative for an empty filter
 */
public record QueryShape(
    String database,
    String collection,
    String command,
    List<Set<String>> alternatives,
    List<String> sort) {

  /**
   * The shape of a query command, or null for a command that reads nothing by filter.
   *
   * @param command the command as the driver sends it ({@code find}, {@code findAndModify}, {@code
   *     update}, {@code delete}, {@code count}, {@code distinct})
   */
  public static List<QueryShape> of(String database, String name, BsonDocument command) {
    BsonValue target = command.get(name);
    if (target == null || !target.isString()) {
      return List.of();
    }
    String collection = target.asString().getValue();
    List<QueryShape> shapes = new ArrayList<>();
    switch (name) {
      case "find" ->
          shapes.add(shape(database, collection, name, command.get("filter"), command.get("sort")));
      case "findAndModify" ->
          shapes.add(shape(database, collection, name, command.get("query"), command.get("sort")));
      case "count", "distinct" -> {
        // a count without any query (estimatedDocumentCount) is answered from the collection's
        // metadata, never by reading documents
        if (!name.equals("count") || command.containsKey("query")) {
          shapes.add(shape(database, collection, name, command.get("query"), null));
        }
      }
      case "update", "delete" -> {
        String list = name.equals("update") ? "updates" : "deletes";
        if (command.isArray(list)) {
          for (BsonValue statement : command.getArray(list)) {
            if (statement.isDocument()) {
              shapes.add(shape(database, collection, name, statement.asDocument().get("q"), null));
            }
          }
        }
      }
      default -> {
        // not a query by filter (insert, createIndexes, ping, …)
      }
    }
    return shapes;
  }

  private static QueryShape shape(
      String database, String collection, String command, BsonValue filter, BsonValue sort) {
    List<Set<String>> alternatives = new ArrayList<>();
    alternatives.add(new LinkedHashSet<>());
    if (filter != null && filter.isDocument()) {
      alternatives = fields(filter.asDocument());
    }
    List<String> sortFields = new ArrayList<>();
    if (sort != null && sort.isDocument()) {
      sortFields.addAll(sort.asDocument().keySet());
    }
    return new QueryShape(
        database,
        collection,
        command,
        alternatives.stream().map(Set::copyOf).toList(),
        List.copyOf(sortFields));
  }

  /** The fields each alternative of a filter names: {@code $and} joins, {@code $or} branches. */
  private static List<Set<String>> fields(BsonDocument filter) {
    List<Set<String>> alternatives = new ArrayList<>();
    alternatives.add(new LinkedHashSet<>());
    for (String key : filter.keySet()) {
      BsonValue value = filter.get(key);
      if (key.equals("$and") && value.isArray()) {
        for (BsonValue part : value.asArray()) {
          if (part.isDocument()) {
            alternatives = cross(alternatives, fields(part.asDocument()));
          }
        }
      } else if ((key.equals("$or") || key.equals("$nor")) && value.isArray()) {
        List<Set<String>> branches = new ArrayList<>();
        for (BsonValue part : value.asArray()) {
          if (part.isDocument()) {
            branches.addAll(fields(part.asDocument()));
          }
        }
        alternatives = cross(alternatives, branches);
      } else if (!key.startsWith("$")) {
        alternatives.forEach(a -> a.add(key));
      }
    }
    return alternatives;
  }

  private static List<Set<String>> cross(List<Set<String>> left, List<Set<String>> right) {
    List<Set<String>> result = new ArrayList<>();
    for (Set<String> l : left) {
      for (Set<String> r : right) {
        Set<String> both = new LinkedHashSet<>(l);
        both.addAll(r);
        result.add(both);
      }
    }
    return result;
  }

  /**
   * Whether indexes whose first keys are {@code leadingKeys} (plus the collection's {@code _id})
   * can answer this query without reading the whole collection: every alternative names {@code _id}
   * or the first key of an index, or, without a filter, the query sorts by one.
   */
  public boolean isAnsweredByIndexes(Set<String> leadingKeys) {
    for (Set<String> alternative : alternatives) {
      boolean indexed =
          alternative.contains("_id")
              || alternative.stream().anyMatch(leadingKeys::contains)
              || (alternative.isEmpty() && !sort.isEmpty() && leadingKeys.contains(sort.get(0)));
      if (!indexed) {
        return false;
      }
    }
    return true;
  }

  @Override
  public String toString() {
    return database
        + "."
        + collection
        + " "
        + command
        + " filter on "
        + alternatives
        + (sort.isEmpty() ? "" : " sorted by " + sort);
  }
}
