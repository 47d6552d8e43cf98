package gov.hotline.dispatch.assignment;

import gov.hotline.contract.Actor;
import gov.hotline.contract.workorder.Attachment;
import gov.hotline.contract.workorder.HandlingOutcome;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The assigned unit reports what it did. */
public record RecordResult(
    @TargetAggregateIdentifier UUID orderId,
    Instant at,
    Actor actor,
    HandlingOutcome outcome,
    String reply,
    String measures,
    List<Attachment> evidence) {}
