package gov.hotline.supervision;

import gov.hotline.supervision.timeline.TimelineStore;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.MongoTemplate;

@Configuration
class SupervisionConfiguration {
  @Bean
  TimelineStore timelineStore(MongoTemplate mongo) {
    return new TimelineStore(mongo);
  }
}
