package gov.hotline.dispatch.assignment;

import java.time.Instant;
import java.util.UUID;
import org.axonframework.serialization.Revision;

/** Dispatch-internal: a received order entered dispatch's worklist. Not published. */
@Revision("1")
public record OrderRegistered(
    UUID orderId,
    String orderNumber,
    String sourceEventId,
    String demandType,
    String categoryCode,
    String divisionCode,
    String urgency,
    Instant receivedAt) {}
