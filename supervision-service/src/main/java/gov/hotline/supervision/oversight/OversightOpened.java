package gov.hotline.supervision.oversight;

import java.time.Instant;
import java.util.UUID;
import org.axonframework.serialization.Revision;

/** Supervision-internal: a received order came under oversight. Not published. */
@Revision("1")
public record OversightOpened(
    UUID orderId, String orderNumber, String sourceEventId, Instant receivedAt) {}
