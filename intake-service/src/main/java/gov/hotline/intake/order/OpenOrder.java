package gov.hotline.intake.order;

import gov.hotline.contract.Actor;
import gov.hotline.contract.workorder.Attachment;
import gov.hotline.contract.workorder.CallerRef;
import gov.hotline.contract.workorder.Category;
import gov.hotline.contract.workorder.Channel;
import gov.hotline.contract.workorder.DemandType;
import gov.hotline.contract.workorder.Location;
import gov.hotline.contract.workorder.Urgency;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Record a demand as a new work order. The caller is already pseudonymised. */
public record OpenOrder(
    @TargetAggregateIdentifier UUID orderId,
    String orderNumber,
    Instant at,
    Actor actor,
    Channel channel,
    DemandType demandType,
    Category category,
    Urgency urgency,
    String title,
    String description,
    Location location,
    CallerRef caller,
    List<Attachment> attachments) {}
