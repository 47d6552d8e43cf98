package gov.hotline.platform.replay;

import gov.hotline.platform.axon.StoredHistory;
import gov.hotline.platform.lifecycle.OrderProgressProjection;
import java.time.Clock;
import org.axonframework.config.Configuration;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.extensions.mongo.MongoTemplate;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Lazy;

/**
 * Replays and aggregate-load measurements in every service with Axon and a web face: {@link
 * ReplayJobs} (which a service's own replays, such as supervision's timeline, use too) and the
 * {@link ReplayController} endpoints under {@code /admin}.
 */
@AutoConfiguration(
    afterName = {
      "org.axonframework.springboot.autoconfig.AxonAutoConfiguration",
      "gov.hotline.platform.runtime.RuntimeAutoConfiguration"
    })
@ConditionalOnClass({StreamingEventProcessor.class, MongoTemplate.class})
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
public class ReplayAutoConfiguration {

  @Bean
  ReplayJobs replayJobs(ObjectProvider<Clock> clock) {
    return new ReplayJobs(clock.getIfAvailable(Clock::systemUTC));
  }

  @Bean
  ProcessorReplays processorReplays(
      @Lazy EventProcessingConfiguration processing,
      ObjectProvider<MongoTemplate> axonMongo,
      ObjectProvider<StoredHistory> history,
      ObjectProvider<OrderProgressProjection> views) {
    return new ProcessorReplays(
        processing,
        () -> axonMongo.getObject().eventCollection().estimatedDocumentCount(),
        history::getIfAvailable,
        () -> views.orderedStream().toList());
  }

  @Bean
  AggregateLoads aggregateLoads(@Lazy Configuration axon) {
    return new AggregateLoads(axon);
  }

  @Bean
  ReplayController replayController(
      ReplayJobs jobs, ProcessorReplays processors, AggregateLoads loads) {
    return new ReplayController(jobs, processors, loads);
  }
}
