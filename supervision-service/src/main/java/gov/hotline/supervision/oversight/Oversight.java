package gov.hotline.supervision.oversight;

import gov.hotline.contract.workorder.OrderProgress;
import gov.hotline.contract.workorder.RevisitOutcome;
import gov.hotline.contract.workorder.Satisfaction;
import gov.hotline.contract.workorder.Verdict;
import gov.hotline.contract.workorder.WorkOrderAudited;
import gov.hotline.contract.workorder.WorkOrderRevisited;
import gov.hotline.platform.domain.RuleViolation;
import gov.hotline.platform.lifecycle.LifecycleAggregate;
import gov.hotline.platform.lifecycle.ObserveArrival;
import gov.hotline.platform.lifecycle.ObserveStep;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * Supervision's side of one order: its review and its callback, which close the loop. The order's
 * state comes from the contract's lifecycle fold; this class holds only supervision's decisions.
 */
@Aggregate(cache = "aggregateCache", snapshotTriggerDefinition = "lifecycleSnapshots")
public class Oversight extends LifecycleAggregate {

  protected Oversight() {}

  /** Another service's step: the order's arrival, its dispatch, the unit's result. */
  @CommandHandler
  @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
  public OrderProgress handle(ObserveStep command) {
    return observe(command);
  }

  /** The order's arrival, which starts this aggregate (see {@link ObserveArrival}). */
  @CommandHandler
  @CreationPolicy(AggregateCreationPolicy.ALWAYS)
  public OrderProgress handle(ObserveArrival command) {
    return arrive(command);
  }

  /** 审核: approve the unit's result, or reject it so the same unit redoes it. */
  @CommandHandler
  public OrderProgress handle(ReviewResult command) {
    if (command.verdict() == Verdict.REJECTED
        && (command.reason() == null || command.reason().isBlank())) {
      throw new RuleViolation("rejection-needs-reason", "a rejected result needs a reason");
    }
    OrderProgress progress = progress();
    return decide(
        new WorkOrderAudited(
            orderId(),
            progress.orderNumber(),
            command.at(),
            command.actor(),
            progress.attempt(),
            command.verdict(),
            command.reason()));
  }

  /** 回访: a satisfied (or unreachable) caller closes the order, an unsatisfied one reopens it. */
  @CommandHandler
  public OrderProgress handle(RecordCallback command) {
    if (command.reached() && command.satisfaction() == null) {
      throw new RuleViolation(
          "callback-needs-satisfaction", "a caller who was reached must be asked for satisfaction");
    }
    RevisitOutcome outcome;
    if (!command.reached()) {
      outcome = RevisitOutcome.CLOSED_UNREACHABLE;
    } else if (command.satisfaction() == Satisfaction.UNSATISFIED) {
      outcome = RevisitOutcome.REOPENED;
    } else {
      outcome = RevisitOutcome.CLOSED;
    }
    OrderProgress progress = progress();
    return decide(
        new WorkOrderRevisited(
            orderId(),
            progress.orderNumber(),
            command.at(),
            command.actor(),
            progress.attempt(),
            command.reached(),
            command.callAttempts(),
            command.satisfaction(),
            command.resolved(),
            command.via(),
            outcome));
  }
}
