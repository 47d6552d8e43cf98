package gov.hotline.dispatch.assignment;

import gov.hotline.contract.Actor;
import gov.hotline.contract.workorder.DeadlineBasis;
import gov.hotline.contract.workorder.HandlingUnit;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Send the order to a lead unit with a deadline; {@code reason} is required to re-dispatch. */
public record DispatchOrder(
    @TargetAggregateIdentifier UUID orderId,
    Instant at,
    Actor actor,
    HandlingUnit unit,
    List<HandlingUnit> assistingUnits,
    Instant dueAt,
    DeadlineBasis deadlineBasis,
    String reason) {}
