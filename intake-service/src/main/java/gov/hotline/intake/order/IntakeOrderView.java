package gov.hotline.intake.order;

import gov.hotline.contract.workorder.WorkOrderReceived;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;
import java.util.UUID;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/** The orders intake has opened, for operators looking one up (replayable, idempotent). */
@Component
@ProcessingGroup("intake-order-view")
public class IntakeOrderView {
  static final String COLLECTION = "order_view";
  private final MongoTemplate mongo;

  IntakeOrderView(MongoTemplate mongo) {
    this.mongo = mongo;
  }

  @EventHandler
  void on(WorkOrderReceived event) {
    mongo
        .getCollection(COLLECTION)
        .replaceOne(
            new Document("_id", event.orderId().toString()),
            new Document("_id", event.orderId().toString())
                .append("orderNumber", event.orderNumber())
                .append("channel", event.channel().name())
                .append("demandType", event.demandType().name())
                .append("title", event.title())
                .append("resolution", event.resolution().name())
                .append("receivedAt", Date.from(event.occurredAt())),
            new com.mongodb.client.model.ReplaceOptions().upsert(true));
  }

  @ResetHandler
  void reset() {
    mongo.getCollection(COLLECTION).drop();
  }

  public Optional<OrderSummary> find(UUID orderId) {
    Document doc =
        mongo.getCollection(COLLECTION).find(new Document("_id", orderId.toString())).first();
    return Optional.ofNullable(doc)
        .map(
            d ->
                new OrderSummary(
                    orderId,
                    d.getString("orderNumber"),
                    d.getString("channel"),
                    d.getString("demandType"),
                    d.getString("title"),
                    d.getString("resolution"),
                    d.getDate("receivedAt").toInstant()));
  }

  public record OrderSummary(
      UUID orderId,
      String orderNumber,
      String channel,
      String demandType,
      String title,
      String resolution,
      Instant receivedAt) {}
}
