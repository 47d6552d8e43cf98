package gov.hotline.supervision.oversight;

import gov.hotline.contract.Actor;
import gov.hotline.contract.workorder.Verdict;
import java.time.Instant;
import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** 审核: approve the unit's result, or reject it so the unit redoes the work. */
public record ReviewResult(
    @TargetAggregateIdentifier UUID orderId,
    Instant at,
    Actor actor,
    Verdict verdict,
    String reason) {}
