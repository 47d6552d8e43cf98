package gov.hotline.dispatch.assignment;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import gov.hotline.api.dispatch.DispatchOrderSummary;
import gov.hotline.contract.workorder.HandlingUnit;
import gov.hotline.contract.workorder.OrderState;
import gov.hotline.contract.workorder.WorkOrderDispatched;
import gov.hotline.contract.workorder.WorkOrderHandled;
import gov.hotline.platform.view.ViewStore;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/** Dispatch's worklists: every order with its state, unit and deadline (replayable, idempotent). */
@Component
@ProcessingGroup("dispatch-order-view")
public class DispatchOrderView {
  static final String COLLECTION = "order_view";
  private final ViewStore view;

  DispatchOrderView(MongoTemplate mongo) {
    this.view = new ViewStore(mongo, COLLECTION);
  }

  @EventHandler
  void on(OrderRegistered event) {
    upsert(
        event.orderId(),
        Updates.combine(
            Updates.set("orderNumber", event.orderNumber()),
            Updates.set("state", OrderState.RECEIVED.name()),
            Updates.set("attempt", 1),
            Updates.set("categoryCode", event.categoryCode()),
            Updates.set("divisionCode", event.divisionCode()),
            Updates.set("receivedAt", Date.from(event.receivedAt()))));
  }

  @EventHandler
  void on(StepObserved event) {
    upsert(
        event.orderId(),
        Updates.combine(
            Updates.set("state", event.stateAfter().name()),
            Updates.set("attempt", event.attemptAfter())));
  }

  @EventHandler
  void on(WorkOrderDispatched event) {
    upsert(
        event.orderId(),
        Updates.combine(
            Updates.set("state", OrderState.DISPATCHED.name()),
            Updates.set("unitId", event.unit().id()),
            Updates.set("unitName", event.unit().name()),
            Updates.set("unitLevel", event.unit().level().name()),
            Updates.set("dueAt", Date.from(event.dueAt())),
            Updates.set("dispatchedAt", Date.from(event.occurredAt()))));
  }

  @EventHandler
  void on(WorkOrderHandled event) {
    upsert(
        event.orderId(),
        Updates.combine(
            Updates.set("state", OrderState.HANDLED.name()),
            Updates.set("outcome", event.outcome().name()),
            Updates.set("handledAt", Date.from(event.occurredAt()))));
  }

  @ResetHandler
  void reset() {
    view.reset();
  }

  private void upsert(UUID orderId, Bson update) {
    view.upsert(orderId, update);
  }

  public Optional<DispatchOrderSummary> find(UUID orderId) {
    return view.find(orderId).map(DispatchOrderView::summary);
  }

  /** A worklist: orders in a state and/or at a unit, oldest first. */
  public List<DispatchOrderSummary> list(String state, String unitId, int limit) {
    List<Bson> filters = new ArrayList<>();
    if (state != null) {
      filters.add(Filters.eq("state", state));
    }
    if (unitId != null) {
      filters.add(Filters.eq("unitId", unitId));
    }
    Bson filter = filters.isEmpty() ? new Document() : Filters.and(filters);
    return view.list(filter, Sorts.ascending("receivedAt"), limit).stream()
        .map(DispatchOrderView::summary)
        .toList();
  }

  private static DispatchOrderSummary summary(Document d) {
    HandlingUnit unit =
        d.getString("unitId") == null
            ? null
            : new HandlingUnit(
                d.getString("unitId"),
                d.getString("unitName"),
                gov.hotline.contract.workorder.UnitLevel.valueOf(d.getString("unitLevel")));
    return new DispatchOrderSummary(
        UUID.fromString(d.getString("_id")),
        d.getString("orderNumber"),
        OrderState.valueOf(d.getString("state")),
        d.getInteger("attempt", 1),
        d.getString("categoryCode"),
        d.getString("divisionCode"),
        unit,
        ViewStore.instant(d, "dueAt"),
        ViewStore.instant(d, "receivedAt"));
  }
}
