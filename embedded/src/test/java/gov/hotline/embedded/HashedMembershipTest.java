package gov.hotline.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import de.bwaldvogel.mongo.backend.DefaultQueryMatcher;
import de.bwaldvogel.mongo.bson.Document;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The hashed {@code $in}/{@code $nin} answers exactly as mongo-java-server's matcher. */
class HashedMembershipTest {

  private static final DefaultQueryMatcher MATCHER = new DefaultQueryMatcher();

  @Test
  void answersLikeTheMatcherForEveryKindOfValue() {
    Random random = new Random(7);
    int hashedQueries = 0;
    for (int round = 0; round < 300; round++) {
      Document query = randomQuery(random);
      HashedMembership hashed = HashedMembership.of(query);
      if (hashed != null) {
        hashedQueries++;
      }
      for (int d = 0; d < 60; d++) {
        Document document = randomDocument(random);
        boolean expected = MATCHER.matches(document, query);
        boolean actual = hashed == null ? expected : hashed.matches(document, MATCHER::matches);
        assertThat(actual).as("%s against %s", document, query).isEqualTo(expected);
      }
    }
    assertThat(hashedQueries).as("queries with a hashed condition").isGreaterThan(100);
  }

  @Test
  void takesTheTrackingQueryOfAxonMongo() {
    List<String> ids = ids(400);
    Document query =
        new Document("timestamp", new Document("$gte", "2026-12-01T00:00:00Z"))
            .append("eventIdentifier", new Document("$nin", ids));
    HashedMembership hashed = HashedMembership.of(query);
    assertThat(hashed).isNotNull();
    Document seen =
        new Document("timestamp", "2026-12-01T00:00:01Z").append("eventIdentifier", ids.get(17));
    Document fresh =
        new Document("timestamp", "2026-12-01T00:00:01Z").append("eventIdentifier", "new");
    Document old = new Document("timestamp", "2026-11-30T00:00:01Z").append("eventIdentifier", "x");
    assertThat(hashed.matches(seen, MATCHER::matches)).isFalse();
    assertThat(hashed.matches(fresh, MATCHER::matches)).isTrue();
    assertThat(hashed.matches(old, MATCHER::matches)).isFalse();
  }

  @Test
  void leavesShortListsAndOtherOperatorsToTheMatcher() {
    assertThat(HashedMembership.of(new Document("a", new Document("$nin", ids(3))))).isNull();
    assertThat(HashedMembership.of(new Document("a.b", new Document("$in", ids(40))))).isNull();
    List<Object> mixed = new ArrayList<>(ids(40));
    mixed.add(7);
    assertThat(HashedMembership.of(new Document("a", new Document("$in", mixed)))).isNull();
    assertThat(
            HashedMembership.of(
                new Document("a", new Document("$nin", ids(40)).append("$exists", true))))
        .isNull();
  }

  private static Document randomQuery(Random random) {
    Document query = new Document();
    List<Object> list = new ArrayList<>();
    int size = random.nextBoolean() ? HashedMembership.MIN_LIST + random.nextInt(30) : 3;
    for (int i = 0; i < size; i++) {
      list.add("v" + random.nextInt(60));
    }
    if (random.nextInt(10) == 0) {
      list.add(null);
    }
    Document condition = new Document(random.nextBoolean() ? "$in" : "$nin", list);
    if (random.nextBoolean()) {
      query.put("a", condition);
    } else {
      List<Object> and = new ArrayList<>();
      and.add(new Document("a", condition));
      if (random.nextBoolean()) {
        and.add(new Document("b", new Document("$gte", random.nextInt(10))));
      }
      query.put("$and", and);
    }
    if (random.nextBoolean()) {
      query.put("c", "c" + random.nextInt(3));
    }
    return query;
  }

  private static Document randomDocument(Random random) {
    Document document = new Document();
    switch (random.nextInt(7)) {
      case 0 -> {} // missing
      case 1 -> document.put("a", null);
      case 2 -> document.put("a", List.of("v" + random.nextInt(60), "w"));
      case 3 -> document.put("a", random.nextInt(60));
      case 4 -> document.put("a", new Document("x", "v1"));
      default -> document.put("a", "v" + random.nextInt(60));
    }
    if (random.nextBoolean()) {
      document.put("b", random.nextInt(10));
    }
    if (random.nextBoolean()) {
      document.put("c", "c" + random.nextInt(3));
    }
    return document;
  }

  private static List<String> ids(int n) {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      ids.add("event-" + i);
    }
    return ids;
  }
}
