package gov.hotline.supervision.oversight;

import com.mongodb.client.model.Filters;
import gov.hotline.api.supervision.SupervisionOrderSummary;
import gov.hotline.contract.workorder.OrderProgress;
import gov.hotline.platform.lifecycle.OrderProgressProjection;
import gov.hotline.platform.lifecycle.OrderProgressStore;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Optional;
import java.util.UUID;
import org.axonframework.config.ProcessingGroup;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/**
 * Each order's progress as supervision sees it, folded by the lifecycle (replayable, idempotent).
 */
@Component
@ProcessingGroup("supervision-order-view")
public class SupervisionOrderView extends OrderProgressProjection {
  static final String COLLECTION = "order_view";

  SupervisionOrderView(MongoTemplate mongo, MeterRegistry registry) {
    super(new OrderProgressStore(mongo, COLLECTION), registry);
    store.index("orderNumber");
  }

  public Optional<SupervisionOrderSummary> find(UUID orderId) {
    return store.find(orderId).map(SupervisionOrderView::summary);
  }

  public Optional<SupervisionOrderSummary> findByNumber(String orderNumber) {
    return store
        .findOne(Filters.eq(OrderProgressStore.PROGRESS + ".orderNumber", orderNumber))
        .map(SupervisionOrderView::summary);
  }

  private static SupervisionOrderSummary summary(OrderProgress p) {
    return new SupervisionOrderSummary(
        p.orderId(),
        p.orderNumber(),
        p.state(),
        p.attempt(),
        p.leadUnit() == null ? null : p.leadUnit().id(),
        p.dueAt());
  }
}
