package gov.hotline.intake.order;

import com.mongodb.client.model.Updates;
import gov.hotline.api.intake.IntakeOrderSummary;
import gov.hotline.contract.workorder.Channel;
import gov.hotline.contract.workorder.DemandType;
import gov.hotline.contract.workorder.Resolution;
import gov.hotline.contract.workorder.WorkOrderReceived;
import gov.hotline.platform.view.ViewStore;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.bson.conversions.Bson;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/** The orders intake has opened, for operators looking one up (replayable, idempotent). */
@Component
@ProcessingGroup("intake-order-view")
public class IntakeOrderView {
  static final String COLLECTION = "order_view";
  private final ViewStore view;

  IntakeOrderView(MongoTemplate mongo) {
    this.view = new ViewStore(mongo, COLLECTION);
  }

  @EventHandler
  void on(WorkOrderReceived event) {
    view.upsert(event.orderId(), update(event));
  }

  /** The documents of seeded orders ({@code ./hotline seed}), as the handler writes them. */
  public void seed(List<WorkOrderReceived> received) {
    Map<UUID, Bson> updates = new LinkedHashMap<>();
    received.forEach(r -> updates.put(r.orderId(), update(r)));
    view.upsertAll(updates);
  }

  private static Bson update(WorkOrderReceived event) {
    return Updates.combine(
        Updates.set("orderNumber", event.orderNumber()),
        Updates.set("channel", event.channel().name()),
        Updates.set("demandType", event.demandType().name()),
        Updates.set("title", event.title()),
        Updates.set("resolution", event.resolution().name()),
        Updates.set("receivedAt", Date.from(event.occurredAt())));
  }

  @ResetHandler
  void reset() {
    view.reset();
  }

  public Optional<IntakeOrderSummary> find(UUID orderId) {
    return view.find(orderId)
        .map(
            d ->
                new IntakeOrderSummary(
                    orderId,
                    d.getString("orderNumber"),
                    Channel.valueOf(d.getString("channel")),
                    DemandType.valueOf(d.getString("demandType")),
                    d.getString("title"),
                    Resolution.valueOf(d.getString("resolution")),
                    d.getDate("receivedAt").toInstant()));
  }
}
