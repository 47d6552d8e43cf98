package gov.hotline.supervision.oversight;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import gov.hotline.contract.EventType;
import gov.hotline.contract.workorder.OrderState;
import gov.hotline.contract.workorder.RevisitOutcome;
import gov.hotline.contract.workorder.Satisfaction;
import gov.hotline.contract.workorder.Verdict;
import gov.hotline.contract.workorder.WorkOrderAudited;
import gov.hotline.contract.workorder.WorkOrderDispatched;
import gov.hotline.contract.workorder.WorkOrderEvent;
import gov.hotline.contract.workorder.WorkOrderReceived;
import gov.hotline.contract.workorder.WorkOrderRevisited;
import gov.hotline.platform.domain.RuleViolation;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

/** Supervision's side of one order: its review and its callback, which close the loop. */
@Aggregate
public class Oversight {
  @AggregateIdentifier private UUID orderId;
  private String orderNumber;
  private OrderState state;
  private int attempt;
  private final Set<String> observed = new HashSet<>();

  protected Oversight() {}

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
            new OversightOpened(
                received.orderId(),
                received.orderNumber(),
                command.sourceEventId(),
                received.occurredAt()));
      }
      return state;
    }
    if (orderNumber == null) {
      throw new RuleViolation(
          "unknown-order", "order " + command.orderId() + " was never received by supervision");
    }
    WorkOrderDispatched dispatched = step instanceof WorkOrderDispatched d ? d : null;
    apply(
        new StepObserved(
            orderId,
            command.sourceEventId(),
            EventType.ofPayload(step.getClass()).orElseThrow().ceType(),
            state.after(step),
            OrderState.attemptAfter(step),
            dispatched == null ? null : dispatched.unit().id(),
            dispatched == null ? null : dispatched.dueAt()));
    return state;
  }

  @CommandHandler
  public OrderState handle(ReviewResult command) {
    requireState(OrderState.HANDLED, "order-not-handled");
    if (command.verdict() == Verdict.REJECTED
        && (command.reason() == null || command.reason().isBlank())) {
      throw new RuleViolation("rejection-needs-reason", "a rejected result needs a reason");
    }
    apply(
        new WorkOrderAudited(
            orderId,
            orderNumber,
            command.at(),
            command.actor(),
            attempt,
            command.verdict(),
            command.reason()));
    return state;
  }

  @CommandHandler
  public OrderState handle(RecordCallback command) {
    requireState(OrderState.AWAITING_CALLBACK, "order-not-awaiting-callback");
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
    apply(
        new WorkOrderRevisited(
            orderId,
            orderNumber,
            command.at(),
            command.actor(),
            attempt,
            command.reached(),
            command.callAttempts(),
            command.satisfaction(),
            command.resolved(),
            command.via(),
            outcome));
    return state;
  }

  private void requireState(OrderState expected, String code) {
    if (state != expected) {
      throw new RuleViolation(code, "order " + orderNumber + " is " + state + ", not " + expected);
    }
  }

  @EventSourcingHandler
  void on(OversightOpened event) {
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
  void on(WorkOrderAudited event) {
    state = state.after(event);
    attempt = OrderState.attemptAfter(event);
  }

  @EventSourcingHandler
  void on(WorkOrderRevisited event) {
    state = state.after(event);
    attempt = OrderState.attemptAfter(event);
  }
}
