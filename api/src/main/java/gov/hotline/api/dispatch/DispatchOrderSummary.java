package gov.hotline.api.dispatch;

import gov.hotline.contract.workorder.HandlingUnit;
import gov.hotline.contract.workorder.OrderState;
import java.time.Instant;
import java.util.UUID;

/**
 * An order on dispatch's worklists, as {@code GET /orders/{orderId}} and {@code GET /orders} on
 * dispatch answer it; {@code unit} and {@code dueAt} once it was dispatched.
 */
public record DispatchOrderSummary(
    UUID orderId,
    String orderNumber,
    OrderState state,
    int attempt,
    String categoryCode,
    String divisionCode,
    HandlingUnit unit,
    Instant dueAt,
    Instant receivedAt) {}
