package gov.hotline.platform.axon;

import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;

/**
 * How every Axon event processor treats a failing handler: it retries the batch instead of logging
 * and skipping the event (Axon's default), so a tracking token never passes an event whose handler
 * failed.
 *
 * <p>A concern of its own rather than part of the relay: the relay depends on it (a failed send
 * must roll back, not be skipped), but so does every projection — a read model that skipped an
 * event would stay wrong until rebuilt — and neither the relay's Kafka nor the store's Mongo is
 * needed for it.
 */
@AutoConfiguration
@ConditionalOnClass({ConfigurerModule.class, PropagatingErrorHandler.class})
public class ProcessorRetryAutoConfiguration {

  @Bean
  ConfigurerModule retryFailingEventHandlers() {
    return configurer ->
        configurer.eventProcessing(
            processing ->
                processing.registerDefaultListenerInvocationErrorHandler(
                    c -> PropagatingErrorHandler.instance()));
  }
}
