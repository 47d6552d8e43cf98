package gov.hotline.dispatch.assignment;

import gov.hotline.contract.workorder.WorkOrderEvent;
import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Take note of a lifecycle step another service published (the order's arrival, reviews,
 * callbacks).
 */
public record ObserveStep(
    @TargetAggregateIdentifier UUID orderId, String sourceEventId, WorkOrderEvent step) {}
