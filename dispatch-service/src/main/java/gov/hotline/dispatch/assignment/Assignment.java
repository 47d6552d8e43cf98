package gov.hotline.dispatch.assignment;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import gov.hotline.contract.ActorRole;
import gov.hotline.contract.EventType;
import gov.hotline.contract.workorder.HandlingUnit;
import gov.hotline.contract.workorder.OrderState;
import gov.hotline.contract.workorder.Routing;
import gov.hotline.contract.workorder.RoutingMode;
import gov.hotline.contract.workorder.UnitLevel;
import gov.hotline.contract.workorder.WorkOrderAudited;
import gov.hotline.contract.workorder.WorkOrderDispatched;
import gov.hotline.contract.workorder.WorkOrderEvent;
import gov.hotline.contract.workorder.WorkOrderHandled;
import gov.hotline.contract.workorder.WorkOrderReceived;
import gov.hotline.contract.workorder.WorkOrderRevisited;
import gov.hotline.platform.domain.NotPermitted;
import gov.hotline.platform.domain.RuleViolation;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

/** Dispatch's side of one order: who handles it, by when, and what they reported. */
@Aggregate
public class Assignment {
  private static final Set<OrderState> DISPATCHABLE =
      EnumSet.of(OrderState.RECEIVED, OrderState.REOPENED, OrderState.DISPATCHED);

  @AggregateIdentifier private UUID orderId;
  private String orderNumber;
  private OrderState state;
  private int attempt;
  private HandlingUnit unit;
  private final Set<String> observed = new HashSet<>();

  protected Assignment() {}

  @CommandHandler
  @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
  public OrderState handle(ObserveStep command) {
    if (observed.contains(command.sourceEventId())) {
      return state;
    }
    WorkOrderEvent step = command.step();
    if (step instanceof WorkOrderReceived received) {
      if (orderNumber == null) {
        apply(
            new OrderRegistered(
                received.orderId(),
                received.orderNumber(),
                command.sourceEventId(),
                received.demandType().name(),
                received.category() == null ? null : received.category().code(),
                received.location() == null ? null : received.location().divisionCode(),
                received.urgency() == null ? null : received.urgency().name(),
                received.occurredAt()));
      }
      return state;
    }
    if (orderNumber == null) {
      throw new RuleViolation(
          "unknown-order", "order " + command.orderId() + " was never received by dispatch");
    }
    if (step instanceof WorkOrderAudited || step instanceof WorkOrderRevisited) {
      String reason = step instanceof WorkOrderAudited audited ? audited.reason() : null;
      apply(
          new StepObserved(
              orderId,
              command.sourceEventId(),
              EventType.ofPayload(step.getClass()).orElseThrow().ceType(),
              state.after(step),
              OrderState.attemptAfter(step),
              reason));
    }
    return state;
  }

  @CommandHandler
  public OrderState handle(DispatchOrder command) {
    if (!DISPATCHABLE.contains(state)) {
      throw new RuleViolation(
          "order-not-dispatchable", "order " + orderNumber + " is " + state + ", not dispatchable");
    }
    boolean redispatch = state == OrderState.DISPATCHED;
    if (redispatch && (command.reason() == null || command.reason().isBlank())) {
      throw new RuleViolation(
          "redispatch-needs-reason",
          "order " + orderNumber + " is already dispatched; give a reason");
    }
    if (!command.dueAt().isAfter(command.at())) {
      throw new RuleViolation("deadline-in-past", "the deadline must lie in the future");
    }
    boolean grassroots =
        command.unit().level() == UnitLevel.STREET || command.unit().level() == UnitLevel.COMMUNITY;
    apply(
        new WorkOrderDispatched(
            orderId,
            orderNumber,
            command.at(),
            command.actor(),
            attempt,
            command.unit(),
            command.assistingUnits(),
            new Routing(grassroots ? RoutingMode.DIRECT_TO_GRASSROOTS : RoutingMode.MANUAL, null),
            command.dueAt(),
            command.deadlineBasis(),
            command.reason()));
    return state;
  }

  @CommandHandler
  public OrderState handle(RecordResult command) {
    if (state != OrderState.DISPATCHED) {
      throw new RuleViolation(
          "order-not-in-handling", "order " + orderNumber + " is " + state + ", not dispatched");
    }
    if (command.actor().role() == ActorRole.UNIT_HANDLER
        && !unit.id().equals(command.actor().unitId())) {
      throw new NotPermitted(
          "order "
              + orderNumber
              + " is assigned to "
              + unit.id()
              + ", not to "
              + command.actor().unitId());
    }
    apply(
        new WorkOrderHandled(
            orderId,
            orderNumber,
            command.at(),
            command.actor(),
            attempt,
            unit,
            command.outcome(),
            command.reply(),
            command.measures(),
            command.evidence()));
    return state;
  }

  @EventSourcingHandler
  void on(OrderRegistered event) {
    orderId = event.orderId();
    orderNumber = event.orderNumber();
    state = OrderState.RECEIVED;
    attempt = 1;
    observed.add(event.sourceEventId());
  }

  @EventSourcingHandler
  void on(StepObserved event) {
    state = event.stateAfter();
    attempt = event.attemptAfter();
    observed.add(event.sourceEventId());
  }

  @EventSourcingHandler
  void on(WorkOrderDispatched event) {
    state = OrderState.DISPATCHED;
    unit = event.unit();
  }

  @EventSourcingHandler
  void on(WorkOrderHandled event) {
    state = OrderState.HANDLED;
  }
}
