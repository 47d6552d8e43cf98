package gov.hotline.dispatch.assignment;

import gov.hotline.contract.ActorRole;
import gov.hotline.contract.workorder.DeadlineBasis;
import gov.hotline.contract.workorder.HandlingUnit;
import gov.hotline.contract.workorder.OrderProgress;
import gov.hotline.contract.workorder.Routing;
import gov.hotline.contract.workorder.RoutingMode;
import gov.hotline.contract.workorder.UnitLevel;
import gov.hotline.contract.workorder.WorkOrderDispatched;
import gov.hotline.contract.workorder.WorkOrderHandled;
import gov.hotline.dispatch.deadline.WorkingCalendar;
import gov.hotline.dispatch.unit.UnitDirectory;
import gov.hotline.platform.domain.InvalidCommand;
import gov.hotline.platform.domain.NotPermitted;
import gov.hotline.platform.domain.RuleViolation;
import gov.hotline.platform.domain.UnknownEntity;
import gov.hotline.platform.lifecycle.LifecycleAggregate;
import gov.hotline.platform.lifecycle.ObserveArrival;
import gov.hotline.platform.lifecycle.ObserveStep;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * Dispatch's side of one order: who handles it, by when, and what they reported. The order's state
 * comes from the contract's lifecycle fold; this class holds only dispatch's decisions.
 */
@Aggregate(cache = "aggregateCache", snapshotTriggerDefinition = "lifecycleSnapshots")
public class Assignment extends LifecycleAggregate {
  /** Units below the district: dispatching to them skips the relay through intermediate levels. */
  private static final Set<UnitLevel> GRASSROOTS =
      EnumSet.of(UnitLevel.STREET, UnitLevel.COMMUNITY);

  /** A deadline given as a date rather than computed on a calendar. */
  static final String FIXED_DEADLINE = "fixed";

  protected Assignment() {}

  /** Another service's step: the order's arrival, a review, a callback. */
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

  /** 派单: the units and the due time are resolved here, whoever asked (a dispatcher, a rule). */
  @CommandHandler
  public OrderProgress handle(
      DispatchOrder command, UnitDirectory units, WorkingCalendar calendar) {
    OrderProgress progress = progress();
    HandlingUnit lead = unit(units, "unitId", command.unitId());
    List<HandlingUnit> assisting =
        command.assistingUnitIds().stream().map(id -> unit(units, "assistingUnitIds", id)).toList();
    if ((command.workingDays() == null) == (command.dueAt() == null)) {
      throw new InvalidCommand("workingDays", "give exactly one of workingDays or dueAt");
    }
    Instant dueAt =
        command.dueAt() != null
            ? command.dueAt()
            : calendar.dueAt(command.at(), command.workingDays());
    if (!dueAt.isAfter(command.at())) {
      throw new RuleViolation("deadline-in-past", "the deadline must lie in the future");
    }
    DeadlineBasis basis =
        new DeadlineBasis(
            command.workingDays(),
            command.workingDays() != null ? calendar.name() : FIXED_DEADLINE);
    RoutingMode mode =
        GRASSROOTS.contains(lead.level()) ? RoutingMode.DIRECT_TO_GRASSROOTS : RoutingMode.MANUAL;
    return decide(
        new WorkOrderDispatched(
            orderId(),
            progress.orderNumber(),
            command.at(),
            command.actor(),
            progress.attempt(),
            lead,
            assisting,
            new Routing(mode, null),
            dueAt,
            basis,
            command.reason()));
  }

  /**
   * 办理/答复: the lead unit reports its result. A unit handler of a unit that is not on the order
   * learns nothing of it (404); an assisting unit sees the order but may not report (403).
   */
  @CommandHandler
  public OrderProgress handle(RecordResult command) {
    OrderProgress progress = progress();
    if (command.actor().role() == ActorRole.UNIT_HANDLER) {
      String unitId = command.actor().unitId();
      if (!progress.involves(unitId)) {
        throw new UnknownEntity("order", orderId());
      }
      if (!progress.leadUnit().id().equals(unitId)) {
        throw new NotPermitted(
            "order "
                + progress.orderNumber()
                + " is led by "
                + progress.leadUnit().id()
                + "; unit "
                + unitId
                + " assists on it");
      }
    }
    return decide(
        new WorkOrderHandled(
            orderId(),
            progress.orderNumber(),
            command.at(),
            command.actor(),
            progress.attempt(),
            progress.leadUnit(),
            command.outcome(),
            command.reply(),
            command.measures(),
            command.evidence()));
  }

  private static HandlingUnit unit(UnitDirectory units, String field, String id) {
    return units.find(id).orElseThrow(() -> new InvalidCommand(field, "unknown unit '" + id + "'"));
  }
}
