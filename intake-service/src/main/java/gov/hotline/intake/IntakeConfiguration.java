package gov.hotline.intake;

import gov.hotline.contract.EventType;
import gov.hotline.contract.workorder.WorkOrderReceived;
import gov.hotline.intake.caller.CallerVault;
import gov.hotline.intake.order.IdempotencyKeys;
import gov.hotline.intake.order.IntakeOrderView;
import gov.hotline.intake.order.OrderIntake;
import gov.hotline.intake.order.OrderNumbers;
import gov.hotline.platform.history.HistoryShare;
import gov.hotline.platform.runtime.HotlineProperties;
import java.time.Clock;
import java.util.List;
import java.util.Set;
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

  /**
   * Intake's share of a seeded history: each order's {@code Received}, decided and published here,
   * its view document and its order number.
   */
  @Bean
  HistoryShare historyShare(IntakeOrderView view, OrderNumbers numbers) {
    return new HistoryShare(
        "Intake",
        1,
        Set.of(EventType.WORKORDER_RECEIVED),
        Set.of(),
        orders -> {
          List<WorkOrderReceived> received =
              orders.stream()
                  .map(o -> (WorkOrderReceived) o.order().steps().get(0).event())
                  .toList();
          numbers.reserve(received.stream().map(WorkOrderReceived::orderNumber).toList());
          view.seed(received);
        });
  }

  @Bean
  Supplier<UUID> orderIds() {
    return UUID::randomUUID;
  }
}
