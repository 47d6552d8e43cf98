package gov.hotline.embedded;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.exists;
import static com.mongodb.client.model.Filters.gt;
import static com.mongodb.client.model.Filters.gte;
import static com.mongodb.client.model.Filters.in;
import static com.mongodb.client.model.Filters.lt;
import static com.mongodb.client.model.Filters.lte;
import static com.mongodb.client.model.Filters.ne;
import static com.mongodb.client.model.Filters.nin;
import static com.mongodb.client.model.Filters.or;
import static com.mongodb.client.model.Filters.regex;
import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.MongoException;
import com.mongodb.MongoSocketException;
import com.mongodb.MongoTimeoutException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import com.mongodb.client.result.DeleteResult;
import com.mongodb.client.result.UpdateResult;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Date;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.bson.types.Decimal128;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The indexed backend must return exactly what mongo-java-server's stock H2 backend (no usable
 * indexes: full scans) returns: same documents, same order, for random data of mixed types and
 * random filters, before and after random writes, and after the store is reopened.
 */
class MongoIndexEquivalenceTest {

  private static final int DOCUMENTS = 1200;
  private static final int QUERIES = 200;

  /** Which client database each collection handle belongs to (for the count command). */
  private static final Map<MongoCollection<Document>, MongoDatabase> DATABASES =
      Collections.synchronizedMap(new IdentityHashMap<>());

  private static MongoCollection<Document> events(MongoClient client) {
    MongoDatabase database = client.getDatabase("test");
    MongoCollection<Document> events = database.getCollection("events");
    DATABASES.put(events, database);
    return events;
  }

  @Test
  void indexedQueriesReturnWhatFullScansReturn() {
    MongoServer reference = new MongoServer(H2Backend.inMemory());
    try (EmbeddedMongoServer indexed = EmbeddedMongoServer.start(null, 0);
        MongoClient indexedClient = MongoClients.create(indexed.connectionString());
        MongoClient referenceClient = MongoClients.create(startReference(reference))) {
      MongoCollection<Document> a = events(indexedClient);
      MongoCollection<Document> b = events(referenceClient);
      Data data = new Data(new Random(Long.getLong("equivalence.seed", 20261125L)));
      createIndexes(a);
      createIndexes(b);
      List<Document> documents = data.documents(DOCUMENTS); // all with _id: the driver keeps them
      a.insertMany(documents);
      b.insertMany(documents);

      compareQueries(a, b, data, QUERIES);
      for (int round = 0; round < 5; round++) {
        mutate(a, b, data);
        compareQueries(a, b, data, QUERIES / 4);
      }
      assertAxonQueriesUseAnIndex(indexed);
    } finally {
      reference.shutdownNow();
    }
  }

  @Test
  void indexesAreRebuiltWhenTheStoreIsReopened(@TempDir Path dir) {
    Path file = dir.resolve("mongo/test.mv");
    MongoServer reference = new MongoServer(H2Backend.inMemory());
    Data data = new Data(new Random(Long.getLong("equivalence.seed", 7L)));
    try (MongoClient referenceClient = MongoClients.create(startReference(reference))) {
      MongoCollection<Document> b = events(referenceClient);
      createIndexes(b);
      List<Document> documents = data.documents(DOCUMENTS / 2);
      b.insertMany(documents);
      try (EmbeddedMongoServer indexed = EmbeddedMongoServer.start(file, 0);
          MongoClient client = MongoClients.create(indexed.connectionString())) {
        MongoCollection<Document> a = events(client);
        createIndexes(a);
        a.insertMany(documents);
        compareQueries(a, b, data, 50);
      }
      try (EmbeddedMongoServer indexed = EmbeddedMongoServer.start(file, 0);
          MongoClient client = MongoClients.create(indexed.connectionString())) {
        MongoCollection<Document> a = events(client);
        assertAxonQueriesUseAnIndex(indexed);
        compareQueries(a, b, data, QUERIES / 2);
        createIndexes(a); // as Axon does on every start: must keep the rebuilt indexes
        mutate(a, b, data);
        compareQueries(a, b, data, QUERIES / 4);
      }
    } finally {
      reference.shutdownNow();
    }
  }

  private static String startReference(MongoServer reference) {
    reference.bind("127.0.0.1", 0);
    return "mongodb://127.0.0.1:" + reference.getLocalAddress().getPort();
  }

  /** The event store's indexes (as axon-mongo creates them) plus indexes on mixed-type fields. */
  private static void createIndexes(MongoCollection<Document> collection) {
    collection.createIndex(
        Indexes.ascending("aggregateIdentifier", "sequenceNumber"),
        new IndexOptions().unique(true).name("uniqueAggregateIndex"));
    collection.createIndex(
        Indexes.ascending("timestamp", "sequenceNumber"),
        new IndexOptions().unique(false).name("orderedEventStreamIndex"));
    collection.createIndex(Indexes.ascending("mixed"));
    collection.createIndex(Indexes.ascending("nested.x"));
    collection.createIndex(new Document("type", -1).append("mixed", 1));
  }

  private static void assertAxonQueriesUseAnIndex(EmbeddedMongoServer server) {
    @SuppressWarnings("unchecked")
    de.bwaldvogel.mongo.MongoCollection<Object> events =
        (de.bwaldvogel.mongo.MongoCollection<Object>)
            server.backend().resolveDatabase("test").resolveCollection("events", true);
    de.bwaldvogel.mongo.bson.Document loadAggregate =
        new de.bwaldvogel.mongo.bson.Document(
            "$and",
            List.of(
                new de.bwaldvogel.mongo.bson.Document("aggregateIdentifier", "agg-1"),
                new de.bwaldvogel.mongo.bson.Document(
                    "sequenceNumber", new de.bwaldvogel.mongo.bson.Document("$gte", 0L))));
    de.bwaldvogel.mongo.bson.Document tracking =
        new de.bwaldvogel.mongo.bson.Document(
            "$and",
            List.of(
                new de.bwaldvogel.mongo.bson.Document(
                    "timestamp",
                    new de.bwaldvogel.mongo.bson.Document("$gte", "2026-11-25T00:00:00Z")),
                new de.bwaldvogel.mongo.bson.Document(
                    "eventIdentifier",
                    new de.bwaldvogel.mongo.bson.Document("$nin", List.of("x")))));
    assertThat(firstIndexFor(events, loadAggregate)).isEqualTo("uniqueAggregateIndex");
    assertThat(firstIndexFor(events, tracking)).isEqualTo("orderedEventStreamIndex");
    assertThat(
            firstIndexFor(
                events, new de.bwaldvogel.mongo.bson.Document("aggregateIdentifier", "agg-1")))
        .isEqualTo("uniqueAggregateIndex");
    // a conditional write ({_id, sequence}) is a lookup by _id, not a scan
    assertThat(
            firstIndexFor(
                events,
                new de.bwaldvogel.mongo.bson.Document("_id", "order-1").append("sequence", 3L)))
        .isEqualTo("_id_");
    assertThat(
            firstIndexFor(
                events,
                new de.bwaldvogel.mongo.bson.Document(
                    "$and",
                    List.of(
                        new de.bwaldvogel.mongo.bson.Document("_id", "order-1"),
                        new de.bwaldvogel.mongo.bson.Document(
                            "sequence", new de.bwaldvogel.mongo.bson.Document("$exists", false))))))
        .as("as the Java driver writes Filters.and")
        .isEqualTo("_id_");
  }

  private static String firstIndexFor(
      de.bwaldvogel.mongo.MongoCollection<Object> collection,
      de.bwaldvogel.mongo.bson.Document query) {
    return collection.getIndexes().stream()
        .filter(index -> index.canHandle(query))
        .map(Index::getName)
        .findFirst()
        .orElse(null);
  }

  // ------------------------------------------------------------------ comparing

  /** What a query returned; the error text is for the failure message only. */
  private record Outcome(List<Document> documents, boolean failed, String error) {
    boolean sameAs(Outcome other) {
      return documents.equals(other.documents) && failed == other.failed;
    }

    /** The same documents by {@code _id}, for a sort whose order is not defined. */
    Outcome unordered() {
      List<Document> byId = new ArrayList<>(documents);
      byId.sort(java.util.Comparator.comparing(d -> String.valueOf(d.get("_id"))));
      return new Outcome(byId, failed, error);
    }
  }

  private static Outcome run(
      Function<MongoCollection<Document>, List<Document>> query,
      MongoCollection<Document> collection) {
    for (int attempt = 1; ; attempt++) {
      try {
        return new Outcome(query.apply(collection), false, null);
      } catch (MongoSocketException | MongoTimeoutException e) {
        if (attempt == 3) {
          throw e; // the connection, not the query: on a loaded machine, try again
        }
      } catch (MongoException e) {
        return new Outcome(List.of(), true, e.getMessage());
      }
    }
  }

  private static void compareQueries(
      MongoCollection<Document> a, MongoCollection<Document> b, Data data, int count) {
    assertThat(a.find().into(new ArrayList<>())).isEqualTo(b.find().into(new ArrayList<>()));
    for (int i = 0; i < count; i++) {
      Bson filter = data.filter();
      Bson sort = data.sort();
      // A sort on the mixed field is not a total order (see unorderable): the order it gives, and
      // which documents come first under a limit, are a matter of the sort algorithm and of value
      // identity, not of the answer. Its documents are compared without order and without limit.
      boolean totalOrder = sort == null || !sort.toBsonDocument().containsKey("mixed");
      int limit = totalOrder ? data.limit() : 0;
      int skip = limit > 0 && i % 3 == 0 ? data.limit() : 0;
      int batchSize = i % 2 == 0 ? data.limit() : 0; // answered in batches: the cursor's getMore
      Function<MongoCollection<Document>, List<Document>> query =
          c -> {
            var find = c.find(filter);
            if (sort != null) {
              find = find.sort(sort);
            }
            if (limit > 0) {
              find = find.skip(skip).limit(limit);
            } else if (batchSize > 0) { // as a processor reads events after a timestamp
              find = find.batchSize(batchSize);
            }
            return find.into(new ArrayList<>());
          };
      Outcome expected = totalOrder ? run(query, b) : run(query, b).unordered();
      Outcome actual = totalOrder ? run(query, a) : run(query, a).unordered();
      if (unorderable(expected) || unorderable(actual)) {
        continue;
      }
      if (!actual.sameAs(expected)) {
        throw new AssertionError(
            "filter "
                + filter
                + " sort "
                + sort
                + " skip "
                + skip
                + " limit "
                + limit
                + " batch "
                + batchSize
                + ": "
                + describeDifference(expected, actual));
      }
      if (!expected.failed() && i % 4 == 0) {
        // the count command goes through the same index selection
        assertThat(count(a, filter)).as("count %s", filter).isEqualTo(count(b, filter));
      }
    }
  }

  /**
   * mongo-java-server's sort comparator is not a total order on mixed values (NaN, lists): Java's
   * sort may throw "Comparison method violates its general contract", and whether it notices
   * depends on object identity ({@code ValueComparator} answers 0 for the same instance). The stock
   * backend shares one value instance between all documents an {@code updateMany $set} changed; the
   * embedded store decodes every document on its own. Such a query has no answer to compare.
   */
  private static boolean unorderable(Outcome outcome) {
    return outcome.failed()
        && outcome.error() != null
        && outcome.error().contains("Comparison method violates its general contract");
  }

  private static String describeDifference(Outcome expected, Outcome actual) {
    if (expected.failed() != actual.failed()) {
      return "full scan error: " + expected.error() + "; indexed error: " + actual.error();
    }
    List<Object> expectedIds = expected.documents().stream().map(d -> d.get("_id")).toList();
    List<Object> actualIds = actual.documents().stream().map(d -> d.get("_id")).toList();
    List<Document> missing =
        expected.documents().stream().filter(d -> !actualIds.contains(d.get("_id"))).toList();
    List<Document> extra =
        actual.documents().stream().filter(d -> !expectedIds.contains(d.get("_id"))).toList();
    return expected.documents().size()
        + " expected, "
        + actual.documents().size()
        + " found; missing "
        + missing
        + "; unexpected "
        + extra
        + (missing.isEmpty() && extra.isEmpty() ? "; order differs" : "");
  }

  private static Object count(MongoCollection<Document> collection, Bson filter) {
    Document command =
        new Document("count", collection.getNamespace().getCollectionName())
            .append("query", filter.toBsonDocument());
    return DATABASES.get(collection).runCommand(command).get("n");
  }

  private static void mutate(MongoCollection<Document> a, MongoCollection<Document> b, Data data) {
    for (int i = 0; i < 40; i++) {
      switch (data.random.nextInt(6)) {
        case 0 -> {
          Bson filter = eq("aggregateIdentifier", data.aggregate());
          Bson update = Updates.set("mixed", data.value());
          assertSame(a.updateMany(filter, update), b.updateMany(filter, update));
        }
        case 1 -> {
          Bson filter = lt("timestamp", data.timestamp());
          Bson update =
              Updates.combine(
                  Updates.set("timestamp", data.timestamp()), Updates.set("nested", data.nested()));
          assertSame(a.updateMany(filter, update), b.updateMany(filter, update));
        }
        case 2 -> {
          Bson filter = and(eq("type", data.type()), gte("mixed", data.scalar()));
          DeleteResult x = a.deleteMany(filter);
          DeleteResult y = b.deleteMany(filter);
          assertThat(x.getDeletedCount()).isEqualTo(y.getDeletedCount());
        }
        case 3 -> {
          Document replacement = data.document();
          Bson filter = eq("aggregateIdentifier", data.aggregate());
          Document x = a.find(filter).sort(Sorts.descending("sequenceNumber")).first();
          if (x != null) {
            replacement.put("_id", x.get("_id"));
            replacement.put("aggregateIdentifier", x.get("aggregateIdentifier"));
            replacement.put("sequenceNumber", x.get("sequenceNumber"));
            assertSame(
                a.replaceOne(eq("_id", x.get("_id")), replacement),
                b.replaceOne(eq("_id", x.get("_id")), replacement));
          }
        }
        case 4 -> {
          Bson filter = and(eq("aggregateIdentifier", data.aggregate()), gte("sequenceNumber", 1L));
          Bson update = Updates.set("nested", data.nested());
          var options =
              new FindOneAndUpdateOptions()
                  .sort(Sorts.descending("sequenceNumber"))
                  .returnDocument(ReturnDocument.AFTER);
          assertThat(a.findOneAndUpdate(filter, update, options))
              .isEqualTo(b.findOneAndUpdate(filter, update, options));
        }
        default -> {
          List<Document> more = data.documents(20);
          a.insertMany(more);
          b.insertMany(more);
          ObjectId id = data.nextId();
          Bson upsert =
              Updates.combine(
                  Updates.set("aggregateIdentifier", "upserted-" + id),
                  Updates.set("sequenceNumber", 0L),
                  Updates.set("timestamp", data.timestamp()),
                  Updates.set("mixed", data.value()));
          assertSame(
              a.updateOne(eq("_id", id), upsert, new UpdateOptions().upsert(true)),
              b.updateOne(eq("_id", id), upsert, new UpdateOptions().upsert(true)));
        }
      }
    }
  }

  private static void assertSame(UpdateResult x, UpdateResult y) {
    assertThat(x.getMatchedCount()).isEqualTo(y.getMatchedCount());
    assertThat(x.getModifiedCount()).isEqualTo(y.getModifiedCount());
  }

  // ------------------------------------------------------------------ random data

  /** Event-store-like documents plus fields holding every kind of value. */
  static final class Data {
    final Random random;
    private final List<ObjectId> objectIds = new ArrayList<>();
    private final long base = Instant.parse("2026-11-25T00:00:00Z").toEpochMilli();
    private final int[] sequence = new int[40];
    private long ids;

    Data(Random random) {
      this.random = random;
      for (int i = 0; i < 20; i++) {
        objectIds.add(new ObjectId(new Date(base + i * 1000L), i));
      }
    }

    List<Document> documents(int count) {
      List<Document> documents = new ArrayList<>(count);
      for (int i = 0; i < count; i++) {
        documents.add(document());
      }
      return documents;
    }

    Document document() {
      int aggregate = random.nextInt(sequence.length);
      Document document =
          new Document("_id", nextId())
              .append("aggregateIdentifier", "agg-" + aggregate)
              .append("sequenceNumber", (long) sequence[aggregate]++)
              .append("timestamp", timestamp())
              .append("eventIdentifier", "event-" + random.nextInt(120))
              .append("type", type());
      if (random.nextInt(20) > 0) {
        document.append("mixed", value());
      }
      Object nested = nested();
      if (nested != null) {
        document.append("nested", nested);
      }
      return document;
    }

    /** Ids from the seed, so that a failure can be reproduced. */
    ObjectId nextId() {
      return new ObjectId(new Date(base + 1000 * ids), (int) (ids++ & 0xFFFFFF));
    }

    /** The _id of a document inserted so far, or one never used. */
    ObjectId knownId() {
      long id = random.nextInt((int) Math.max(1, ids + 2));
      return new ObjectId(new Date(base + 1000 * id), (int) (id & 0xFFFFFF));
    }

    String aggregate() {
      return "agg-" + random.nextInt(sequence.length + 2);
    }

    String type() {
      return "type-" + random.nextInt(5);
    }

    String timestamp() {
      return Instant.ofEpochMilli(base + random.nextInt(2000)).toString();
    }

    Object value() {
      int kind = random.nextInt(20);
      if (kind < 14) {
        return scalar();
      } else if (kind < 17) {
        List<Object> list = new ArrayList<>();
        int size = random.nextInt(4);
        for (int i = 0; i < size; i++) {
          list.add(scalar());
        }
        return list;
      } else if (kind < 18) {
        return Arrays.asList(Arrays.asList(scalar()), scalar());
      } else {
        return new Document("k", scalar());
      }
    }

    Object nested() {
      return switch (random.nextInt(6)) {
        case 0 -> null;
        case 1 -> new Document("x", scalar());
        case 2 -> new Document("x", Arrays.asList(scalar(), scalar()));
        case 3 -> List.of(new Document("x", scalar()), new Document("x", Arrays.asList(scalar())));
        case 4 -> List.of(List.of(new Document("x", scalar())));
        default -> scalar();
      };
    }

    Object scalar() {
      return switch (random.nextInt(17)) {
        case 0, 1 -> random.nextInt(20) - 10;
        case 2 -> (long) (random.nextInt(20) - 10);
        case 3 -> random.nextInt(20) - 10 + random.nextDouble();
        case 4 -> (double) (random.nextInt(20) - 10);
        case 5 -> 3_000_000_000L + random.nextInt(3);
        case 6 -> 3_000_000_000.0 + random.nextInt(3) + (random.nextBoolean() ? 0.5 : 0.0);
        case 7 ->
            List.<Object>of(
                    -0.0,
                    Double.NaN,
                    Double.POSITIVE_INFINITY,
                    Double.NEGATIVE_INFINITY,
                    Long.MAX_VALUE,
                    (1L << 53) + 1,
                    0x1p63)
                .get(random.nextInt(7));
        case 8, 9 -> "s" + random.nextInt(15);
        case 10 -> random.nextBoolean();
        case 11 -> new Date(base + random.nextInt(20) * 1000L);
        case 12 -> objectIds.get(random.nextInt(objectIds.size()));
        case 13 -> Decimal128.parse((random.nextInt(20) - 10) + ".5");
        case 14 -> null;
        default -> "agg-" + random.nextInt(5);
      };
    }

    /** A tracking query's known ids: a few, or enough for {@link HashedMembership}. */
    List<String> eventIds(int n) {
      List<String> ids = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        ids.add("event-" + random.nextInt(3 * n));
      }
      return ids;
    }

    Bson filter() {
      String field = random.nextBoolean() ? "mixed" : "nested.x";
      return switch (random.nextInt(17)) {
        // a conditional write's filter: the _id and a condition on another field
        case 15 -> and(eq("_id", knownId()), eq("sequenceNumber", (long) random.nextInt(30)));
        case 0 -> eq("aggregateIdentifier", aggregate());
        case 1 ->
            and(
                eq("aggregateIdentifier", aggregate()),
                gte("sequenceNumber", (long) random.nextInt(30)));
        case 2 ->
            and(
                gte("timestamp", timestamp()),
                nin("eventIdentifier", eventIds(random.nextBoolean() ? 2 : 40)));
        case 3 -> gt("timestamp", timestamp());
        case 4 ->
            new Document("timestamp", new Document("$gte", timestamp()).append("$lt", timestamp()));
        case 5 -> in("aggregateIdentifier", aggregate(), aggregate(), aggregate());
        case 6 -> eq(field, scalar());
        case 7 -> gt(field, scalar());
        case 8 -> gte(field, scalar());
        case 9 -> lt(field, scalar());
        case 10 -> lte(field, scalar());
        case 11 -> in(field, scalar(), scalar(), scalar());
        case 12 -> and(eq("type", type()), lte("mixed", scalar()));
        case 13 -> or(eq("aggregateIdentifier", aggregate()), lt("mixed", scalar()));
        case 14 -> new Document(field, new Document("$gt", scalar()).append("$lte", scalar()));
        default ->
            switch (random.nextInt(4)) {
              case 0 -> ne(field, scalar());
              case 1 -> exists(field, random.nextBoolean());
              case 2 -> regex("aggregateIdentifier", "agg-1.*");
              default -> eq(field, value());
            };
      };
    }

    /** No limit (0) half of the time, else 1 to 40. */
    int limit() {
      return random.nextBoolean() ? 0 : 1 + random.nextInt(40);
    }

    Bson sort() {
      return switch (random.nextInt(8)) {
        case 0 -> null;
        case 1, 6 -> Sorts.ascending("timestamp", "sequenceNumber");
        case 7 -> Sorts.descending("timestamp", "sequenceNumber");
        case 2 -> Sorts.descending("sequenceNumber");
        case 3 -> Sorts.ascending("mixed");
        case 4 -> new Document("$natural", -1);
        default -> Sorts.ascending("sequenceNumber");
      };
    }
  }
}
