package gov.hotline.platform.lifecycle;

import gov.hotline.contract.workorder.WorkOrderEvent;
import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Take note of a lifecycle step another service published: the order's arrival, its dispatch, a
 * review, a callback. {@code sourceEventId} is the step's {@code ce_id}, so a redelivery is
 * recognised and changes nothing.
 */
public record ObserveStep(
    @TargetAggregateIdentifier UUID orderId, String sourceEventId, WorkOrderEvent step) {}
