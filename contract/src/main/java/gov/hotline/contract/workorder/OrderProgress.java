package gov.hotline.contract.workorder;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Where an order stands, as {@link OrderLifecycle} folds it from the lifecycle events: its state
 * and pass, the demand's routing facts, who handles it by when, and the last result, verdict and
 * callback. Every reader that needs the order's state (aggregates, worklists, metrics, auditors'
 * as-of views) keeps one of these instead of its own copy of the rules.
 *
 * @param attempt the pass the order is in: 1, then +1 on each redo after review or reopening
 * @param resolution how intake resolved the demand (a work order or a direct answer)
 * @param leadUnit the unit the order was last dispatched to; null before the first dispatch
 * @param lastChangedAt when the last event happened
 * @param events how many lifecycle events were folded
 */
public record OrderProgress(
    UUID orderId,
    String orderNumber,
    OrderState state,
    int attempt,
    Resolution resolution,
    DemandType demandType,
    Category category,
    Urgency urgency,
    String divisionCode,
    HandlingUnit leadUnit,
    List<HandlingUnit> assistingUnits,
    Instant dueAt,
    DeadlineBasis deadlineBasis,
    HandlingOutcome lastOutcome,
    Verdict lastVerdict,
    RevisitOutcome lastRevisit,
    Instant receivedAt,
    Instant dispatchedAt,
    Instant handledAt,
    Instant closedAt,
    Instant lastChangedAt,
    int events) {

  public OrderProgress {
    assistingUnits = assistingUnits == null ? List.of() : List.copyOf(assistingUnits);
  }

  /** Whether the unit leads or assists on this order (so its handlers may see it). */
  public boolean involves(String unitId) {
    return unitId != null
        && ((leadUnit != null && unitId.equals(leadUnit.id()))
            || assistingUnits.stream().anyMatch(u -> unitId.equals(u.id())));
  }

  public boolean isClosed() {
    return state == OrderState.CLOSED;
  }

  /** A copy to change a few fields of; {@link OrderLifecycle} is its only user. */
  Change change() {
    return new Change(this);
  }

  /** The fold's way to derive the next progress without a 22-argument constructor per rule. */
  static final class Change {
    UUID orderId;
    String orderNumber;
    OrderState state;
    int attempt;
    Resolution resolution;
    DemandType demandType;
    Category category;
    Urgency urgency;
    String divisionCode;
    HandlingUnit leadUnit;
    List<HandlingUnit> assistingUnits;
    Instant dueAt;
    DeadlineBasis deadlineBasis;
    HandlingOutcome lastOutcome;
    Verdict lastVerdict;
    RevisitOutcome lastRevisit;
    Instant receivedAt;
    Instant dispatchedAt;
    Instant handledAt;
    Instant closedAt;
    Instant lastChangedAt;
    int events;

    Change() {}

    Change(OrderProgress p) {
      orderId = p.orderId;
      orderNumber = p.orderNumber;
      state = p.state;
      attempt = p.attempt;
      resolution = p.resolution;
      demandType = p.demandType;
      category = p.category;
      urgency = p.urgency;
      divisionCode = p.divisionCode;
      leadUnit = p.leadUnit;
      assistingUnits = p.assistingUnits;
      dueAt = p.dueAt;
      deadlineBasis = p.deadlineBasis;
      lastOutcome = p.lastOutcome;
      lastVerdict = p.lastVerdict;
      lastRevisit = p.lastRevisit;
      receivedAt = p.receivedAt;
      dispatchedAt = p.dispatchedAt;
      handledAt = p.handledAt;
      closedAt = p.closedAt;
      lastChangedAt = p.lastChangedAt;
      events = p.events;
    }

    OrderProgress done(WorkOrderEvent event) {
      return new OrderProgress(
          orderId,
          orderNumber,
          state,
          attempt,
          resolution,
          demandType,
          category,
          urgency,
          divisionCode,
          leadUnit,
          assistingUnits,
          dueAt,
          deadlineBasis,
          lastOutcome,
          lastVerdict,
          lastRevisit,
          receivedAt,
          dispatchedAt,
          handledAt,
          closedAt,
          event.occurredAt(),
          events + 1);
    }
  }
}
