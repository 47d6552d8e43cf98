package gov.hotline.platform.axon;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;

/**
 * Every service's command gateway: Axon's default one, with {@link StaleAggregateRetry}, so a
 * command judged on an aggregate cached before another instance changed it is judged again on the
 * stored aggregate. Declared before Axon's auto-configuration, whose gateway has no retry.
 */
@AutoConfiguration(
    beforeName = "org.axonframework.springboot.autoconfig.AxonAutoConfiguration",
    afterName =
        "org.springframework.boot.actuate.autoconfigure.metrics.CompositeMeterRegistryAutoConfiguration")
@ConditionalOnClass(DefaultCommandGateway.class)
public class CommandRetryAutoConfiguration {

  @Bean
  CommandGateway commandGateway(CommandBus commandBus, ObjectProvider<MeterRegistry> registry) {
    return DefaultCommandGateway.builder()
        .commandBus(commandBus)
        .retryScheduler(new StaleAggregateRetry(registry.getIfAvailable(SimpleMeterRegistry::new)))
        .build();
  }
}
