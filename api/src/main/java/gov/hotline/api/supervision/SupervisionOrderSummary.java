package gov.hotline.api.supervision;

import gov.hotline.contract.workorder.OrderState;
import java.time.Instant;
import java.util.UUID;

/**
 * An order as supervision sees it, as {@code GET /orders/{orderId}} and {@code GET
 * /orders?number=…} on supervision answer it.
 */
public record SupervisionOrderSummary(
    UUID orderId,
    String orderNumber,
    OrderState state,
    int attempt,
    String unitId,
    Instant dueAt) {}
