package gov.hotline.supervision;

import gov.hotline.platform.lifecycle.StepObservation;
import gov.hotline.supervision.timeline.TimelineStore;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.MongoTemplate;

@Configuration
class SupervisionConfiguration {
  @Bean
  TimelineStore timelineStore(MongoTemplate mongo) {
    return new TimelineStore(mongo);
  }

  /** The steps intake and dispatch publish move each order's {@code Oversight}. */
  @Bean
  StepObservation stepObservation(CommandGateway commands) {
    return new StepObservation(commands);
  }
}
