package gov.hotline.platform.mongo;

import com.mongodb.client.MongoClient;
import gov.hotline.platform.runtime.DaemonThreads;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.mongo.MongoAutoConfiguration;
import org.springframework.boot.autoconfigure.mongo.MongoClientSettingsBuilderCustomizer;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;

/**
 * Every service's Mongo client reports its queries to a {@link QueryIndexAudit}; once the service
 * is ready, and every minute after, the shapes no index answers are logged and counted ({@code
 * hotline_mongo_unindexed_queries_total}). The system tests assert there are none.
 */
@AutoConfiguration(before = MongoAutoConfiguration.class)
@ConditionalOnClass(MongoClient.class)
public class MongoQueryAuditAutoConfiguration {

  @Bean
  QueryIndexAudit queryIndexAudit(
      ObjectProvider<MongoClient> client, ObjectProvider<MeterRegistry> registry) {
    return new QueryIndexAudit(
        client::getObject, registry.getIfAvailable(SimpleMeterRegistry::new));
  }

  @Bean
  MongoClientSettingsBuilderCustomizer auditMongoQueries(QueryIndexAudit audit) {
    return settings -> settings.addCommandListener(audit);
  }

  @Bean
  QueryAuditSchedule queryAuditSchedule(QueryIndexAudit audit) {
    return new QueryAuditSchedule(audit);
  }

  /** Checks once the service is ready and every minute after, on a daemon thread. */
  static final class QueryAuditSchedule
      implements ApplicationListener<ApplicationReadyEvent>, DisposableBean {
    private final QueryIndexAudit audit;
    private final ScheduledExecutorService checks =
        Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("mongo-query-audit"));

    QueryAuditSchedule(QueryIndexAudit audit) {
      this.audit = audit;
    }

    @Override
    public void onApplicationEvent(ApplicationReadyEvent ready) {
      checks.scheduleWithFixedDelay(this::check, 0, 1, TimeUnit.MINUTES);
    }

    private void check() {
      try {
        audit.unindexed();
      } catch (RuntimeException e) {
        // Mongo away for a moment: the next check sees the same shapes
      }
    }

    @Override
    public void destroy() {
      checks.shutdownNow();
    }
  }
}
