package gov.hotline.intake.order;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import gov.hotline.contract.workorder.Resolution;
import gov.hotline.contract.workorder.WorkOrderReceived;
import java.util.UUID;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

/** Intake's view of one order: the demand as it was received (受理). */
@Aggregate
public class Intake {
  @AggregateIdentifier private UUID orderId;

  protected Intake() {}

  @CommandHandler
  public Intake(OpenOrder command) {
    apply(
        new WorkOrderReceived(
            command.orderId(),
            command.orderNumber(),
            command.at(),
            command.actor(),
            1,
            command.channel(),
            command.demandType(),
            command.category(),
            command.urgency(),
            command.title(),
            command.description(),
            command.location(),
            command.caller(),
            command.attachments(),
            Resolution.WORK_ORDER,
            null));
  }

  @EventSourcingHandler
  void on(WorkOrderReceived event) {
    this.orderId = event.orderId();
  }
}
