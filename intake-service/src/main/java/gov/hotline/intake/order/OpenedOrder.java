package gov.hotline.intake.order;

import java.time.Instant;
import java.util.UUID;

/**
 * The order a demand opened. {@code replayed} when the same idempotency key and demand came again
 * and the original order is answered instead of a new one.
 */
public record OpenedOrder(UUID orderId, String orderNumber, Instant receivedAt, boolean replayed) {}
