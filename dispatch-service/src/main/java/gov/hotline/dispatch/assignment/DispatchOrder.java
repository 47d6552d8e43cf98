package gov.hotline.dispatch.assignment;

import gov.hotline.contract.Actor;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Send the order to a lead unit (and assisting units) with a deadline, as the dispatcher or a
 * routing rule asked it: unit ids and either working days or a due time. The handler resolves the
 * units and the due time; {@code reason} is required to re-dispatch.
 */
public record DispatchOrder(
    @TargetAggregateIdentifier UUID orderId,
    Instant at,
    Actor actor,
    String unitId,
    List<String> assistingUnitIds,
    Integer workingDays,
    Instant dueAt,
    String reason) {
  public DispatchOrder {
    assistingUnitIds = assistingUnitIds == null ? List.of() : List.copyOf(assistingUnitIds);
  }
}
