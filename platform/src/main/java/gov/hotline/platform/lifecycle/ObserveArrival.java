package gov.hotline.platform.lifecycle;

import gov.hotline.contract.workorder.WorkOrderReceived;
import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Take note of an order's arrival ({@code Received}), the first step of every order this service
 * sees: it starts the service's aggregate of the order without first looking for one in the store
 * (Axon's {@code ALWAYS} creation policy), which saves the snapshot find and events find that
 * {@link ObserveStep}'s {@code CREATE_IF_MISSING} costs on every new order. If the order exists
 * after all (a redelivery), its first event is refused by the store's unique index, nothing is
 * stored, and {@link StepObservation} sends the arrival as an {@link ObserveStep}, which finds it
 * observed already.
 */
public record ObserveArrival(
    @TargetAggregateIdentifier UUID orderId, String sourceEventId, WorkOrderReceived step) {

  /** The same step as an {@link ObserveStep}, for an order that exists already. */
  public ObserveStep asObserveStep() {
    return new ObserveStep(orderId, sourceEventId, step);
  }
}
