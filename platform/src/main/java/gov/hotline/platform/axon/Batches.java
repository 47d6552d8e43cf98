package gov.hotline.platform.axon;

import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;

/**
 * Where a handler stands in an Axon event processor's batch: work buffered for the batch (the
 * relay's sends, the views' writes) is finished at its last event, still inside the batch's
 * processing, so a failure rolls the batch back before the processor stores its token.
 */
public final class Batches {
  private Batches() {}

  /** Whether the current event ends its batch; true outside a batch or any unit of work. */
  public static boolean isLastOfBatch() {
    return !CurrentUnitOfWork.isStarted() || isLastOfBatch(CurrentUnitOfWork.get());
  }

  /** Whether {@code unitOfWork}'s event ends its batch; true for a unit of work of one event. */
  public static boolean isLastOfBatch(UnitOfWork<?> unitOfWork) {
    return !(unitOfWork instanceof BatchingUnitOfWork<?> batch) || batch.isLastMessage();
  }
}
