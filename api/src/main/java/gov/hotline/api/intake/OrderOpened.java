package gov.hotline.api.intake;

import gov.hotline.contract.workorder.OrderState;
import java.time.Instant;
import java.util.UUID;

/** Intake's answer to {@code POST /orders}: the new order's id and human number. */
public record OrderOpened(UUID orderId, String orderNumber, OrderState state, Instant receivedAt) {}
