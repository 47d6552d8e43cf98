package gov.hotline.api.intake;

import gov.hotline.contract.workorder.Channel;
import gov.hotline.contract.workorder.DemandType;
import gov.hotline.contract.workorder.Resolution;
import java.time.Instant;
import java.util.UUID;

/** An order as intake opened it, as {@code GET /orders/{orderId}} on intake answers it. */
public record IntakeOrderSummary(
    UUID orderId,
    String orderNumber,
    Channel channel,
    DemandType demandType,
    String title,
    Resolution resolution,
    Instant receivedAt) {}
