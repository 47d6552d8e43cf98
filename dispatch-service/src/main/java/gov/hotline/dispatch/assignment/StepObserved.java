package gov.hotline.dispatch.assignment;

import gov.hotline.contract.workorder.OrderState;
import java.util.UUID;
import org.axonframework.serialization.Revision;

/** Dispatch-internal: another service's step moved the order (review, callback). Not published. */
@Revision("1")
public record StepObserved(
    UUID orderId,
    String sourceEventId,
    String ceType,
    OrderState stateAfter,
    int attemptAfter,
    String reason) {}
