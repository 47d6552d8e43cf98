package gov.hotline.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.bson.ObjectId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RangeIndexTest {

  @Test
  void comparesLongsAndDoublesExactly() {
    Random random = new Random(42);
    for (int i = 0; i < 100_000; i++) {
      long l = random.nextBoolean() ? random.nextLong() : random.nextInt(2000) - 1000;
      double d =
          switch (random.nextInt(4)) {
            case 0 -> (double) l;
            case 1 -> l + random.nextDouble();
            case 2 -> random.nextGaussian() * 1e19;
            default -> Math.nextUp((double) l);
          };
      int expected = new java.math.BigDecimal(l).compareTo(new java.math.BigDecimal(d));
      assertThat(Integer.signum(RangeIndex.KeyOrder.compareLongDouble(l, d)))
          .as("%d vs %s", l, d)
          .isEqualTo(expected);
    }
  }

  @Test
  void normalisesLikeMongoJavaServer() {
    assertThat(RangeIndex.normalize(1)).isEqualTo(1.0);
    assertThat(RangeIndex.normalize(1L)).isEqualTo(1.0);
    assertThat(RangeIndex.normalize(-0.0)).isEqualTo(0.0);
    assertThat(RangeIndex.normalize((1L << 53) + 1)).isEqualTo((1L << 53) + 1);
    assertThat(RangeIndex.normalize(Long.MAX_VALUE)).isEqualTo(0x1p63);
    assertThat(RangeIndex.normalize(null)).isNull();
    assertThat(RangeIndex.normalize(new Document("a", 1))).isNull();
    assertThat(RangeIndex.normalize("x")).isEqualTo("x");
  }

  @Test
  void plansAxonQueries() {
    Document loadAggregate =
        new Document(
            "$and",
            List.of(
                new Document("aggregateIdentifier", "order-1"),
                new Document("sequenceNumber", new Document("$gte", 0L))));
    assertThat(RangeIndex.plan(loadAggregate, "aggregateIdentifier")).hasSize(1);
    assertThat(RangeIndex.plan(loadAggregate, "sequenceNumber")).hasSize(1);
    assertThat(RangeIndex.plan(loadAggregate, "timestamp")).isNull();

    Document tracking =
        new Document(
            "$and",
            List.of(
                new Document("timestamp", new Document("$gte", "2026-11-25T10:00:00Z")),
                new Document("eventIdentifier", new Document("$nin", List.of("a", "b")))));
    assertThat(RangeIndex.plan(tracking, "timestamp")).hasSize(1);
    assertThat(RangeIndex.plan(tracking, "eventIdentifier")).isNull();

    assertThat(RangeIndex.plan(new Document("a", new Document("$regex", "x")), "a")).isNull();
    assertThat(RangeIndex.plan(new Document("a", null), "a")).isNull();
    assertThat(RangeIndex.plan(new Document("a", new Document("$ne", 1)), "a")).isNull();
    assertThat(RangeIndex.plan(new Document("$or", List.of(new Document("a", 1))), "a")).isNull();
    assertThat(RangeIndex.plan(new Document("a", new Document("$gt", 5).append("$lt", 3)), "a"))
        .isEmpty();
  }

  @Test
  void findsEverythingInTheRangesAndNothingElse() {
    RangeIndex index = new RangeIndex("v");
    List<Object> values =
        List.of(1, 2.5, 3L, "a", "b", new ObjectId(), true, Instant.ofEpochSecond(5));
    for (int i = 0; i < values.size(); i++) {
      index.add(index.keysOf(new Document("v", values.get(i))), i);
    }
    index.add(index.keysOf(new Document("v", List.of(2, "b", List.of(1)))), 100);
    index.add(index.keysOf(new Document("v", Double.NaN)), 200);

    assertThat(positions(index, new Document("v", 2.0))).containsExactlyInAnyOrder(100, 200);
    assertThat(positions(index, new Document("v", new Document("$gt", 2))))
        .containsExactlyInAnyOrder(1, 2, 200);
    assertThat(positions(index, new Document("v", new Document("$gte", "b"))))
        .containsExactlyInAnyOrder(4, 100, 200);
    assertThat(positions(index, new Document("v", new Document("$in", List.of("a", true)))))
        .containsExactlyInAnyOrder(3, 6, 200);

    index.remove(index.keysOf(new Document("v", List.of(2, "b", List.of(1)))), 100);
    index.remove(index.keysOf(new Document("v", Double.NaN)), 200);
    assertThat(positions(index, new Document("v", 2.0))).isEmpty();
    assertThat(index.size()).isEqualTo(values.size());
  }

  private static List<Object> positions(RangeIndex index, Document query) {
    return new ArrayList<>(index.positions(RangeIndex.plan(query, "v")));
  }

  @Test
  void rejectsPathsItCannotMirror() {
    assertThat(RangeIndex.supportsPath("a.b")).isTrue();
    assertThat(RangeIndex.supportsPath("a.0.b")).isFalse();
    assertThat(RangeIndex.supportsPath("a..b")).isFalse();
  }

  @Test
  void givesPositionsGroupedByKeyInSortOrderWhereItCanPromiseTheOrder() {
    RangeIndex index = new RangeIndex("timeStamp");
    index.add(index.keysOf(new Document("timeStamp", "2026-12-01T10:00:02Z")), "c");
    index.add(index.keysOf(new Document("timeStamp", "2026-12-01T10:00:01Z")), "b");
    index.add(index.keysOf(new Document("timeStamp", "2026-12-01T10:00:02Z")), "d");
    index.add(index.keysOf(new Document("timeStamp", "2026-12-01T10:00:00Z")), "a");
    List<RangeIndex.Range> after =
        RangeIndex.plan(
            new Document("timeStamp", new Document("$gte", "2026-12-01T10:00:01Z")), "timeStamp");

    RangeIndex.KeyWalk walk = index.inKeyOrder(after.get(0));
    assertThat(index.hasMore(walk, true)).isTrue();
    List<List<Object>> first = index.next(walk, true, 1);
    assertThat(first).hasSize(1);
    assertThat(first.get(0)).containsExactly("b");
    // a key added behind the walk is not met again; the walk goes on after what it took
    index.add(index.keysOf(new Document("timeStamp", "2026-12-01T10:00:01Z")), "b2");
    List<List<Object>> rest = index.next(walk, true, 10);
    assertThat(rest).hasSize(1);
    assertThat(rest.get(0)).containsExactlyInAnyOrder("c", "d");
    assertThat(index.hasMore(walk, true)).isFalse();
    assertThat(index.next(walk, true, 10)).isEmpty();

    // descending, whole groups until the positions asked for are reached
    RangeIndex.KeyWalk down = index.inKeyOrder(after.get(0));
    List<List<Object>> last = index.next(down, false, 1);
    assertThat(last).hasSize(1);
    assertThat(last.get(0)).containsExactlyInAnyOrder("c", "d");
    assertThat(index.next(down, false, 5).get(0)).containsExactlyInAnyOrder("b", "b2");
    assertThat(index.hasMore(down, false)).isFalse();

    // an empty range walks nowhere
    RangeIndex.KeyWalk none =
        index.inKeyOrder(
            RangeIndex.plan(
                    new Document("timeStamp", new Document("$gt", "2026-12-02")), "timeStamp")
                .get(0));
    assertThat(index.hasMore(none, true)).isFalse();
    assertThat(index.next(none, true, 1)).isEmpty();

    // numbers are widened, so their key order is not promised
    RangeIndex numbers = new RangeIndex("n");
    numbers.add(numbers.keysOf(new Document("n", 1)), "x");
    assertThat(numbers.inKeyOrder(RangeIndex.plan(new Document("n", 1), "n").get(0))).isNull();

    // a document with several keys sorts by one of them only
    index.add(index.keysOf(new Document("timeStamp", List.of("2026-12-01T10:00:03Z", "a"))), "e");
    assertThat(index.inKeyOrder(after.get(0))).isNull();
  }
}
