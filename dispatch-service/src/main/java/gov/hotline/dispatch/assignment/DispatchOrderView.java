package gov.hotline.dispatch.assignment;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import gov.hotline.api.dispatch.DispatchOrderSummary;
import gov.hotline.contract.Actor;
import gov.hotline.contract.ActorRole;
import gov.hotline.contract.workorder.OrderProgress;
import gov.hotline.contract.workorder.OrderState;
import gov.hotline.platform.lifecycle.OrderProgressProjection;
import gov.hotline.platform.lifecycle.OrderProgressStore;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.axonframework.config.ProcessingGroup;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/**
 * Dispatch's worklists: every order's progress as the lifecycle fold gives it (replayable,
 * idempotent). A unit handler sees only the orders its unit leads or assists on.
 */
@Component
@ProcessingGroup("dispatch-order-view")
public class DispatchOrderView extends OrderProgressProjection {
  static final String COLLECTION = "order_view";
  private static final String LEAD_UNIT = OrderProgressStore.PROGRESS + ".leadUnit._id";
  private static final String ASSISTING_UNITS = OrderProgressStore.PROGRESS + ".assistingUnits._id";

  DispatchOrderView(MongoTemplate mongo, MeterRegistry registry) {
    super(new OrderProgressStore(mongo, COLLECTION), registry);
    store.index("receivedAt");
    store.index("state", "receivedAt");
    store.index("leadUnit._id", "receivedAt");
    store.index("assistingUnits._id", "receivedAt");
  }

  /** The order as {@code reader} may see it; empty when it does not exist or is not theirs. */
  public Optional<DispatchOrderSummary> find(UUID orderId, Actor reader) {
    return store.find(orderId).filter(p -> visibleTo(p, reader)).map(DispatchOrderView::summary);
  }

  /**
   * A worklist, oldest first: orders in a state and/or at a unit; a unit handler's list is always
   * their own unit's (lead or assisting).
   */
  public List<DispatchOrderSummary> list(OrderState state, String unitId, int limit, Actor reader) {
    List<Bson> filters = new ArrayList<>();
    if (state != null) {
      filters.add(Filters.eq(OrderProgressStore.PROGRESS + ".state", state.name()));
    }
    String unit = reader.role() == ActorRole.UNIT_HANDLER ? reader.unitId() : unitId;
    if (unit != null) {
      filters.add(Filters.or(Filters.eq(LEAD_UNIT, unit), Filters.eq(ASSISTING_UNITS, unit)));
    }
    Bson filter = filters.isEmpty() ? new Document() : Filters.and(filters);
    return store
        .list(filter, Sorts.ascending(OrderProgressStore.PROGRESS + ".receivedAt"), limit)
        .stream()
        .map(DispatchOrderView::summary)
        .toList();
  }

  private static boolean visibleTo(OrderProgress progress, Actor reader) {
    return reader.role() != ActorRole.UNIT_HANDLER || progress.involves(reader.unitId());
  }

  private static DispatchOrderSummary summary(OrderProgress p) {
    return new DispatchOrderSummary(
        p.orderId(),
        p.orderNumber(),
        p.state(),
        p.attempt(),
        p.category() == null ? null : p.category().code(),
        p.divisionCode(),
        p.leadUnit(),
        p.dueAt(),
        p.receivedAt());
  }
}
