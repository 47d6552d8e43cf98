package gov.hotline.supervision.oversight;

import gov.hotline.contract.workorder.WorkOrderEvent;
import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Take note of a step intake or dispatch published. */
public record ObserveStep(
    @TargetAggregateIdentifier UUID orderId, String sourceEventId, WorkOrderEvent step) {}
