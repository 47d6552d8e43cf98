package gov.hotline.system;

import static org.assertj.core.api.Assertions.assertThat;

import gov.hotline.api.client.HotlineClient;
import gov.hotline.api.knowledge.ArticleStatus;
import gov.hotline.api.knowledge.DraftArticleRequest;
import gov.hotline.contract.knowledge.ArticleKind;
import gov.hotline.contract.workorder.OrderState;
import gov.hotline.contract.workorder.Satisfaction;
import gov.hotline.contract.workorder.Verdict;
import gov.hotline.platform.mongo.QueryIndexAudit;
import gov.hotline.platform.mongo.QueryShape;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * No read path scans history: every query the four services sent to Mongo while orders travel the
 * whole loop (with a redo and a reopening), every worklist and lookup is read and articles are
 * written and listed, is answered by an index of its collection.
 */
class EveryQueryHasAnIndexIT {
  private static final List<String> SERVICES =
      List.of("intake", "dispatch", "supervision", "knowledge");

  private final HotlineStack stack = HotlineStack.shared();
  private final Loop loop = new Loop(stack);

  @Test
  void every_query_the_services_send_is_answered_by_an_index() {
    UUID closed = loop.closeOne();
    UUID redone = loop.open(Loop.nextPhone());
    loop.dispatch(redone);
    loop.handle(redone);
    loop.review(redone, Verdict.REJECTED, "未到现场核实");
    loop.awaitAtDispatch(redone, OrderState.DISPATCHED);
    loop.handle(redone);
    loop.review(redone, Verdict.APPROVED, "复查合格");
    loop.callback(redone, Satisfaction.UNSATISFIED);
    loop.awaitAtDispatch(redone, OrderState.REOPENED);

    HotlineClient dispatcher = loop.as(Loop.DISPATCHER);
    HotlineClient supervisor = loop.as(Loop.SUPERVISOR);
    HotlineClient unit = loop.as(Loop.unit(Loop.COMMUNITY));
    loop.timeline(closed, 5);
    loop.as(Loop.OPERATOR).intakeOrder(closed);
    dispatcher.dispatchOrder(closed);
    dispatcher.dispatchOrders(null, null, 50);
    dispatcher.dispatchOrders(OrderState.REOPENED, null, 50);
    dispatcher.dispatchOrders(null, Loop.COMMUNITY, 50);
    dispatcher.dispatchOrders(OrderState.CLOSED, Loop.COMMUNITY, 50);
    unit.dispatchOrders(null, null, 50);
    unit.dispatchOrder(closed);
    supervisor.supervisionOrder(redone);
    supervisor.supervisionOrdersByNumber(supervisor.supervisionOrder(closed).orderNumber());
    HotlineClient editor = loop.as(HotlineClient.Actor.editor("editor-1"));
    UUID article =
        editor
            .draftArticle(
                new DraftArticleRequest(
                    ArticleKind.SERVICE_GUIDE, "夜间施工许可", "须经住建部门批准。", null, null, null, null))
            .articleId();
    editor.publishArticle(article);
    editor.articles(null, 20);
    editor.articles(ArticleStatus.PUBLISHED, 20);
    loop.as(Loop.OPERATOR).articles(null, 20);

    // the audit sees Axon's own queries too: the event store, snapshots and tracking tokens
    assertThat(stack.bean("dispatch", QueryIndexAudit.class).seen())
        .extracting(QueryShape::collection)
        .contains("domainevents", "trackingtokens", "order_view");
    Map<String, List<QueryShape>> unindexed = new TreeMap<>();
    for (String service : SERVICES) {
      QueryIndexAudit audit = stack.bean(service, QueryIndexAudit.class);
      assertThat(audit.seen()).as("queries %s sent", service).isNotEmpty();
      List<QueryShape> missing = audit.unindexed();
      if (!missing.isEmpty()) {
        unindexed.put(service, missing);
      }
    }
    assertThat(unindexed).isEmpty();
  }
}
