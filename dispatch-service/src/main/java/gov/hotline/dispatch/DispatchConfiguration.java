package gov.hotline.dispatch;

import com.fasterxml.jackson.databind.ObjectMapper;
import gov.hotline.contract.EventType;
import gov.hotline.dispatch.assignment.DispatchOrderView;
import gov.hotline.dispatch.deadline.WeekdayCalendar;
import gov.hotline.dispatch.deadline.WorkingCalendar;
import gov.hotline.dispatch.unit.CatalogueUnitDirectory;
import gov.hotline.dispatch.unit.UnitDirectory;
import gov.hotline.platform.history.HistoryShare;
import gov.hotline.platform.lifecycle.StepObservation;
import gov.hotline.platform.runtime.HotlineProperties;
import java.io.IOException;
import java.io.InputStream;
import java.util.Set;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.Resource;

@Configuration
class DispatchConfiguration {
  @Bean
  UnitDirectory unitDirectory(
      ObjectMapper mapper, @Value("${hotline.dispatch.units:classpath:units.json}") Resource units)
      throws IOException {
    try (InputStream in = units.getInputStream()) {
      return CatalogueUnitDirectory.load(mapper, in);
    }
  }

  /** The steps intake and supervision publish move each order's {@code Assignment}. */
  @Bean
  StepObservation stepObservation(CommandGateway commands) {
    return new StepObservation(commands);
  }

  /**
   * Dispatch's share of a seeded history: dispatched and handled decided here, the order's arrival,
   * review and callback observed, and the worklists' documents.
   */
  @Bean
  HistoryShare historyShare(DispatchOrderView view) {
    return new HistoryShare(
        "Assignment",
        2,
        Set.of(EventType.WORKORDER_DISPATCHED, EventType.WORKORDER_HANDLED),
        Set.of(
            EventType.WORKORDER_RECEIVED,
            EventType.WORKORDER_AUDITED,
            EventType.WORKORDER_REVISITED),
        view::seed);
  }

  @Bean
  WorkingCalendar workingCalendar(HotlineProperties properties) {
    return new WeekdayCalendar(properties.zone());
  }
}
