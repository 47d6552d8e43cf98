package gov.hotline.supervision.oversight;

import gov.hotline.contract.Actor;
import gov.hotline.contract.workorder.CallbackChannel;
import gov.hotline.contract.workorder.Satisfaction;
import java.time.Instant;
import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** 回访: what the caller said when called back, or that they could not be reached. */
public record RecordCallback(
    @TargetAggregateIdentifier UUID orderId,
    Instant at,
    Actor actor,
    boolean reached,
    int callAttempts,
    Satisfaction satisfaction,
    Boolean resolved,
    CallbackChannel via) {}
