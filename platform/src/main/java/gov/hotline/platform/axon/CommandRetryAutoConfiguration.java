package gov.hotline.platform.axon;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.CommandBusSpanFactory;
import org.axonframework.commandhandling.DuplicateCommandHandlerResolver;
import org.axonframework.commandhandling.SimpleCommandBus;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.Configuration;
import org.axonframework.messaging.interceptors.CorrelationDataInterceptor;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;

/**
 * Every service's command bus and gateway. The bus is Axon's own, as Axon's auto-configuration
 * builds it, with {@link Refusals} deciding what rolls back; the gateway is Axon's default one,
 * with {@link StaleAggregateRetry}, so a command judged on an aggregate cached before another
 * instance changed it is judged again on the stored aggregate. Declared before Axon's
 * auto-configuration, which otherwise declares both without these.
 *
 * <p>{@code hotline.processors.segments} above one means instances of the service share its store
 * (the launcher's {@code up --instances 2} and the system tests' stack set it so).
 */
@AutoConfiguration(
    beforeName = "org.axonframework.springboot.autoconfig.AxonAutoConfiguration",
    afterName =
        "org.springframework.boot.actuate.autoconfigure.metrics.CompositeMeterRegistryAutoConfiguration")
@ConditionalOnClass(DefaultCommandGateway.class)
public class CommandRetryAutoConfiguration {
  /** Instances share the service's store when its processors have more than one segment. */
  private static final String SHARED_STORE = "#{${hotline.processors.segments:1} > 1}";

  @Bean
  @Qualifier("localSegment")
  SimpleCommandBus commandBus(
      TransactionManager txManager,
      Configuration axonConfiguration,
      DuplicateCommandHandlerResolver duplicateCommandHandlerResolver,
      @Value(SHARED_STORE) boolean sharedStore) {
    SimpleCommandBus commandBus =
        SimpleCommandBus.builder()
            .transactionManager(txManager)
            .duplicateCommandHandlerResolver(duplicateCommandHandlerResolver)
            .spanFactory(axonConfiguration.getComponent(CommandBusSpanFactory.class))
            .messageMonitor(axonConfiguration.messageMonitor(CommandBus.class, "commandBus"))
            .rollbackConfiguration(new Refusals(sharedStore))
            .build();
    commandBus.registerHandlerInterceptor(
        new CorrelationDataInterceptor<>(axonConfiguration.correlationDataProviders()));
    return commandBus;
  }

  @Bean
  CommandGateway commandGateway(
      CommandBus commandBus,
      ObjectProvider<MeterRegistry> registry,
      @Value(SHARED_STORE) boolean sharedStore) {
    return DefaultCommandGateway.builder()
        .commandBus(commandBus)
        .retryScheduler(
            new StaleAggregateRetry(registry.getIfAvailable(SimpleMeterRegistry::new), sharedStore))
        .build();
  }
}
