package gov.hotline.supervision.oversight;

import gov.hotline.contract.workorder.OrderState;
import java.time.Instant;
import java.util.UUID;
import org.axonframework.serialization.Revision;

/**
 * Supervision-internal: dispatch moved the order (dispatched, handled). Not published. {@code
 * unitId} and {@code dueAt} are set when the step was a dispatch.
 */
@Revision("1")
public record StepObserved(
    UUID orderId,
    String sourceEventId,
    String ceType,
    OrderState stateAfter,
    int attemptAfter,
    String unitId,
    Instant dueAt) {}
