package gov.hotline.contract.workorder;

import gov.hotline.contract.Actor;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** 受理: intake recorded a demand. With {@code DIRECT_ANSWER} the order is closed at once. */
public record WorkOrderReceived(
    UUID orderId,
    String orderNumber,
    Instant occurredAt,
    Actor actor,
    int attempt,
    Channel channel,
    DemandType demandType,
    Category category,
    Urgency urgency,
    String title,
    String description,
    Location location,
    CallerRef caller,
    List<Attachment> attachments,
    Resolution resolution,
    UUID articleId)
    implements WorkOrderEvent {
  public WorkOrderReceived {
    attachments = attachments == null ? List.of() : List.copyOf(attachments);
  }

  @Override
  public <R> R accept(Visitor<R> visitor) {
    return visitor.received(this);
  }
}
