package gov.hotline.intake;

import gov.hotline.intake.caller.CallerVault;
import gov.hotline.intake.order.IdempotencyKeys;
import gov.hotline.intake.order.OrderIntake;
import gov.hotline.intake.order.OrderNumbers;
import gov.hotline.platform.runtime.HotlineProperties;
import java.time.Clock;
import java.util.UUID;
import java.util.function.Supplier;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.MongoTemplate;

@Configuration
class IntakeConfiguration {
  @Bean
  CallerVault callerVault(
      @Value("${hotline.caller.key:}") String key, MongoTemplate mongo, Clock clock) {
    return new CallerVault(key, mongo, clock);
  }

  @Bean
  OrderNumbers orderNumbers(MongoTemplate mongo, Clock clock, HotlineProperties properties) {
    return new OrderNumbers(mongo, clock, properties.zone());
  }

  @Bean
  OrderIntake orderIntake(
      CommandGateway commands,
      CallerVault callers,
      OrderNumbers numbers,
      MongoTemplate mongo,
      EventStore events,
      Clock clock,
      Supplier<UUID> orderIds) {
    return new OrderIntake(
        commands, callers, numbers, new IdempotencyKeys(mongo), events, clock, orderIds);
  }

  @Bean
  Supplier<UUID> orderIds() {
    return UUID::randomUUID;
  }
}
