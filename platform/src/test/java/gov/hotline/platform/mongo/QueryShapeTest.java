package gov.hotline.platform.mongo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.bson.BsonDocument;
import org.junit.jupiter.api.Test;

/** What makes a query answerable by an index, read from the commands the driver sends. */
class QueryShapeTest {

  private static QueryShape one(String name, String json) {
    List<QueryShape> shapes = QueryShape.of("dispatch", name, BsonDocument.parse(json));
    assertThat(shapes).hasSize(1);
    return shapes.get(0);
  }

  @Test
  void a_lookup_by_id_needs_no_other_index() {
    QueryShape byId = one("find", "{find: 'order_view', filter: {_id: 'x'}, limit: 1}");
    assertThat(byId.isAnsweredByIndexes(Set.of())).isTrue();
  }

  @Test
  void a_filter_is_answered_by_an_index_on_one_of_its_fields_first_key() {
    QueryShape worklist =
        one(
            "find",
            "{find: 'order_view', filter: {'progress.state': 'RECEIVED'},"
                + " sort: {'progress.receivedAt': 1}}");
    assertThat(worklist.alternatives()).containsExactly(Set.of("progress.state"));
    assertThat(worklist.sort()).containsExactly("progress.receivedAt");
    assertThat(worklist.isAnsweredByIndexes(Set.of("progress.state"))).isTrue();
    assertThat(worklist.isAnsweredByIndexes(Set.of("progress.receivedAt"))).isFalse();
  }

  @Test
  void every_branch_of_an_or_needs_an_index() {
    QueryShape unit =
        one(
            "find",
            "{find: 'order_view', filter: {$and: [{'progress.state': 'DISPATCHED'},"
                + " {$or: [{'progress.leadUnit._id': 'u'}, {'progress.assistingUnits._id': 'u'}]}]}}");
    assertThat(unit.alternatives())
        .containsExactly(
            Set.of("progress.state", "progress.leadUnit._id"),
            Set.of("progress.state", "progress.assistingUnits._id"));
    assertThat(unit.isAnsweredByIndexes(Set.of("progress.leadUnit._id"))).isFalse();
    assertThat(
            unit.isAnsweredByIndexes(
                Set.of("progress.leadUnit._id", "progress.assistingUnits._id")))
        .isTrue();
  }

  @Test
  void an_empty_filter_is_answered_only_by_an_index_on_its_sort() {
    QueryShape all =
        one("find", "{find: 'order_view', filter: {}, sort: {'progress.receivedAt': 1}}");
    assertThat(all.isAnsweredByIndexes(Set.of("progress.state"))).isFalse();
    assertThat(all.isAnsweredByIndexes(Set.of("progress.receivedAt"))).isTrue();
    assertThat(one("count", "{count: 'inbox', query: {}}").isAnsweredByIndexes(Set.of("type")))
        .isFalse();
  }

  @Test
  void a_count_without_a_query_reads_no_documents() {
    assertThat(QueryShape.of("db", "count", BsonDocument.parse("{count: 'timeline'}"))).isEmpty();
  }

  @Test
  void updates_deletes_and_find_and_modify_are_read_by_their_queries() {
    List<QueryShape> updates =
        QueryShape.of(
            "axon",
            "update",
            BsonDocument.parse(
                "{update: 'trackingtokens', updates: [{q: {processorName: 'p', segment: 0},"
                    + " u: {$set: {owner: 'me'}}}, {q: {owner: 'me'}, u: {}}]}"));
    assertThat(updates)
        .extracting(QueryShape::alternatives)
        .containsExactly(List.of(Set.of("processorName", "segment")), List.of(Set.of("owner")));
    assertThat(
            one("findAndModify", "{findAndModify: 'order_number_counters', query: {_id: 'd'}}")
                .isAnsweredByIndexes(Set.of()))
        .isTrue();
    assertThat(QueryShape.of("x", "insert", BsonDocument.parse("{insert: 'inbox', documents: []}")))
        .isEmpty();
  }
}
