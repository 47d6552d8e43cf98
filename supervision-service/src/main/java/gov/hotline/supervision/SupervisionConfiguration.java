package gov.hotline.supervision;

import gov.hotline.contract.EventType;
import gov.hotline.platform.history.HistoryShare;
import gov.hotline.platform.lifecycle.StepObservation;
import gov.hotline.platform.runtime.HotlineProperties;
import gov.hotline.supervision.oversight.SupervisionOrderView;
import gov.hotline.supervision.timeline.TimelineReplay;
import gov.hotline.supervision.timeline.TimelineStore;
import java.time.Clock;
import java.util.Set;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.boot.autoconfigure.kafka.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.MongoTemplate;

@Configuration
class SupervisionConfiguration {
  @Bean
  TimelineStore timelineStore(MongoTemplate mongo) {
    return new TimelineStore(mongo);
  }

  /**
   * Supervision's share of a seeded history: review and callback decided here, arrival, dispatch
   * and result observed, and the order view. The timeline is written when the consumer settles past
   * the seeded records, from the records as they stand on the topic.
   */
  @Bean
  HistoryShare historyShare(SupervisionOrderView view) {
    return new HistoryShare(
        "Oversight",
        3,
        Set.of(EventType.WORKORDER_AUDITED, EventType.WORKORDER_REVISITED),
        Set.of(
            EventType.WORKORDER_RECEIVED,
            EventType.WORKORDER_DISPATCHED,
            EventType.WORKORDER_HANDLED),
        view::seed);
  }

  /** Rebuilds the timeline from the topic; the service's own consumer settings, a new group. */
  @Bean
  TimelineReplay timelineReplay(
      MongoTemplate mongo, KafkaProperties kafka, HotlineProperties properties, Clock clock) {
    return new TimelineReplay(
        mongo, kafka.buildConsumerProperties(null), properties.service(), clock);
  }

  /** The steps intake and dispatch publish move each order's {@code Oversight}. */
  @Bean
  StepObservation stepObservation(CommandGateway commands) {
    return new StepObservation(commands);
  }
}
