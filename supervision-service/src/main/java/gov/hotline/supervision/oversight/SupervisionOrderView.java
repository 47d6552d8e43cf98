package gov.hotline.supervision.oversight;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import gov.hotline.api.supervision.SupervisionOrderSummary;
import gov.hotline.contract.workorder.OrderState;
import gov.hotline.contract.workorder.WorkOrderAudited;
import gov.hotline.contract.workorder.WorkOrderRevisited;
import gov.hotline.platform.view.ViewStore;
import java.util.Date;
import java.util.Optional;
import java.util.UUID;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/** Each order's state as supervision sees it (replayable, idempotent). */
@Component
@ProcessingGroup("supervision-order-view")
public class SupervisionOrderView {
  static final String COLLECTION = "order_view";
  private final ViewStore view;

  SupervisionOrderView(MongoTemplate mongo) {
    this.view = new ViewStore(mongo, COLLECTION);
  }

  @EventHandler
  void on(OversightOpened event) {
    upsert(
        event.orderId(),
        Updates.combine(
            Updates.set("orderNumber", event.orderNumber()),
            Updates.set("state", OrderState.RECEIVED.name()),
            Updates.set("attempt", 1),
            Updates.set("receivedAt", Date.from(event.receivedAt()))));
  }

  @EventHandler
  void on(StepObserved event) {
    Bson update =
        Updates.combine(
            Updates.set("state", event.stateAfter().name()),
            Updates.set("attempt", event.attemptAfter()));
    if (event.unitId() != null) {
      update =
          Updates.combine(
              update,
              Updates.set("unitId", event.unitId()),
              Updates.set("dueAt", Date.from(event.dueAt())));
    }
    upsert(event.orderId(), update);
  }

  @EventHandler
  void on(WorkOrderAudited event) {
    upsert(
        event.orderId(),
        Updates.combine(
            Updates.set("state", OrderState.HANDLED.after(event).name()),
            Updates.set("attempt", OrderState.attemptAfter(event)),
            Updates.set("lastVerdict", event.verdict().name())));
  }

  @EventHandler
  void on(WorkOrderRevisited event) {
    upsert(
        event.orderId(),
        Updates.combine(
            Updates.set("state", OrderState.AWAITING_CALLBACK.after(event).name()),
            Updates.set("attempt", OrderState.attemptAfter(event)),
            Updates.set("lastRevisit", event.outcome().name())));
  }

  @ResetHandler
  void reset() {
    view.reset();
  }

  private void upsert(UUID orderId, Bson update) {
    view.upsert(orderId, update);
  }

  public Optional<SupervisionOrderSummary> find(UUID orderId) {
    return view.find(orderId).map(SupervisionOrderView::summary);
  }

  public Optional<SupervisionOrderSummary> findByNumber(String orderNumber) {
    return view.findOne(Filters.eq("orderNumber", orderNumber)).map(SupervisionOrderView::summary);
  }

  private static SupervisionOrderSummary summary(Document d) {
    return new SupervisionOrderSummary(
        UUID.fromString(d.getString("_id")),
        d.getString("orderNumber"),
        OrderState.valueOf(d.getString("state")),
        d.getInteger("attempt", 1),
        d.getString("unitId"),
        ViewStore.instant(d, "dueAt"));
  }
}
