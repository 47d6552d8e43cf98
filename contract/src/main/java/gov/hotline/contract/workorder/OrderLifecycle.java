package gov.hotline.contract.workorder;

import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * The work order's state machine, in one place: a pure fold of the lifecycle events into {@link
 * OrderProgress}. It refuses an event the current state does not allow with an {@link
 * IllegalTransition} naming the rule, so a decider can ask it before applying an event and a reader
 * never silently accepts an impossible history. docs/lifecycle.md states the same table;
 * LifecycleDocumentTest checks the two against each other.
 *
 * <p>Exhaustive by construction: the rules are a {@link WorkOrderEvent.Visitor}, so a new event
 * type does not compile until it has a rule here.
 */
public final class OrderLifecycle {
  /** States an order can be dispatched from without a reason (a first dispatch or a new pass). */
  static final Set<OrderState> DISPATCHABLE =
      EnumSet.of(OrderState.RECEIVED, OrderState.RETURNED, OrderState.REOPENED);

  private OrderLifecycle() {}

  /**
   * The progress after {@code event}.
   *
   * @param progress the progress so far; null before the order was received
   * @throws IllegalTransition when the event is not allowed after {@code progress}
   */
  public static OrderProgress evolve(OrderProgress progress, WorkOrderEvent event) {
    Objects.requireNonNull(event, "event");
    if (progress != null) {
      if (!progress.orderId().equals(event.orderId())) {
        throw new IllegalTransition(
            "other-order",
            progress.state(),
            "event of order " + event.orderId() + " applied to order " + progress.orderId());
      }
      if (event.attempt() != progress.attempt()) {
        throw new IllegalTransition(
            "attempt-mismatch",
            progress.state(),
            "order "
                + progress.orderNumber()
                + " is in pass "
                + progress.attempt()
                + ", the event belongs to pass "
                + event.attempt());
      }
    }
    return event.accept(new Rules(progress));
  }

  /** The progress after all {@code events}, from nothing; null when there are none. */
  public static OrderProgress replay(Iterable<? extends WorkOrderEvent> events) {
    OrderProgress progress = null;
    for (WorkOrderEvent event : events) {
      progress = evolve(progress, event);
    }
    return progress;
  }

  /** One rule per event type: where it may come from, and what it changes. */
  private static final class Rules implements WorkOrderEvent.Visitor<OrderProgress> {
    private final OrderProgress before;

    Rules(OrderProgress before) {
      this.before = before;
    }

    @Override
    public OrderProgress received(WorkOrderReceived e) {
      if (before != null) {
        throw refused("order-already-received", "it was received already");
      }
      if (e.attempt() != 1) {
        throw new IllegalTransition(
            "attempt-mismatch", null, "a received order starts in pass 1, not " + e.attempt());
      }
      OrderProgress.Change next = new OrderProgress.Change();
      boolean answered = e.resolution() == Resolution.DIRECT_ANSWER;
      next.orderId = e.orderId();
      next.orderNumber = e.orderNumber();
      next.state = answered ? OrderState.CLOSED : OrderState.RECEIVED;
      next.attempt = 1;
      next.resolution = e.resolution();
      next.demandType = e.demandType();
      next.category = e.category();
      next.urgency = e.urgency();
      next.divisionCode = e.location() == null ? null : e.location().divisionCode();
      next.receivedAt = e.occurredAt();
      next.closedAt = answered ? e.occurredAt() : null;
      return next.done(e);
    }

    @Override
    public OrderProgress dispatched(WorkOrderDispatched e) {
      OrderState state = current("Dispatched");
      if (state == OrderState.DISPATCHED) {
        if (e.reason() == null || e.reason().isBlank()) {
          throw refused("redispatch-needs-reason", "it is dispatched already; give a reason");
        }
      } else if (!DISPATCHABLE.contains(state)) {
        throw refused("order-not-dispatchable", "only RECEIVED, RETURNED or REOPENED dispatch");
      }
      OrderProgress.Change next = before.change();
      next.state = OrderState.DISPATCHED;
      next.leadUnit = e.unit();
      next.assistingUnits = e.assistingUnits();
      next.dueAt = e.dueAt();
      next.deadlineBasis = e.deadlineBasis();
      next.dispatchedAt = e.occurredAt();
      return next.done(e);
    }

    @Override
    public OrderProgress handled(WorkOrderHandled e) {
      if (current("Handled") != OrderState.DISPATCHED) {
        throw refused("order-not-in-handling", "only a DISPATCHED order is handled");
      }
      if (before.leadUnit() != null
          && (e.unit() == null || !before.leadUnit().id().equals(e.unit().id()))) {
        throw refused(
            "not-the-lead-unit",
            "it is led by "
                + before.leadUnit().id()
                + ", not "
                + (e.unit() == null ? "?" : e.unit().id()));
      }
      OrderProgress.Change next = before.change();
      next.state = OrderState.HANDLED;
      next.lastOutcome = e.outcome();
      next.handledAt = e.occurredAt();
      return next.done(e);
    }

    @Override
    public OrderProgress audited(WorkOrderAudited e) {
      if (current("Audited") != OrderState.HANDLED) {
        throw refused("order-not-handled", "only a HANDLED result is reviewed");
      }
      OrderProgress.Change next = before.change();
      next.lastVerdict = e.verdict();
      if (e.verdict() == Verdict.APPROVED) {
        next.state = OrderState.AWAITING_CALLBACK;
      } else {
        next.state = OrderState.DISPATCHED; // back to the same unit: redo
        next.attempt = before.attempt() + 1;
      }
      return next.done(e);
    }

    @Override
    public OrderProgress revisited(WorkOrderRevisited e) {
      if (current("Revisited") != OrderState.AWAITING_CALLBACK) {
        throw refused("order-not-awaiting-callback", "only an approved result is called back");
      }
      OrderProgress.Change next = before.change();
      next.lastRevisit = e.outcome();
      if (e.outcome() == RevisitOutcome.REOPENED) {
        next.state = OrderState.REOPENED;
        next.attempt = before.attempt() + 1;
      } else {
        next.state = OrderState.CLOSED;
        next.closedAt = e.occurredAt();
      }
      return next.done(e);
    }

    private OrderState current(String step) {
      if (before == null) {
        throw new IllegalTransition(
            "order-not-received", null, step + " for an order that was never received");
      }
      return before.state();
    }

    private IllegalTransition refused(String reason, String why) {
      return new IllegalTransition(
          reason,
          before.state(),
          "order " + before.orderNumber() + " is " + before.state() + ": " + why);
    }
  }
}
