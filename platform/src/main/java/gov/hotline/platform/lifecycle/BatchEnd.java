package gov.hotline.platform.lifecycle;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;

/**
 * Runs after every event an Axon event processor hands to its handlers: at the last event of a
 * batch it writes what the batch's views folded ({@link OrderProgressStore}, one bulk write per
 * batch). Inside the batch's processing, before the processor stores its token, so a failed write
 * fails the batch and it is retried. An interceptor rather than a handler, because it must run
 * whichever handler takes the batch's last event, or none.
 */
public final class BatchEnd implements MessageHandlerInterceptor<EventMessage<?>> {

  @Override
  public Object handle(UnitOfWork<? extends EventMessage<?>> unitOfWork, InterceptorChain chain)
      throws Exception {
    Object result = chain.proceed();
    OrderProgressStore.flushIfLastOfBatch(unitOfWork);
    return result;
  }
}
