package gov.hotline.platform.axon;

import com.mongodb.client.MongoClient;
import java.time.Duration;
import org.axonframework.common.caching.Cache;
import org.axonframework.common.caching.WeakReferenceCache;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventsourcing.EventCountSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.SnapshotTriggerDefinition;
import org.axonframework.eventsourcing.Snapshotter;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.extensions.mongo.DefaultMongoTemplate;
import org.axonframework.extensions.mongo.MongoTemplate;
import org.axonframework.extensions.mongo.eventsourcing.eventstore.MongoEventStorageEngine;
import org.axonframework.extensions.mongo.eventsourcing.eventstore.documentperevent.DocumentPerEventStorageStrategy;
import org.axonframework.extensions.mongo.eventsourcing.eventstore.documentperevent.EventEntryConfiguration;
import org.axonframework.extensions.mongo.eventsourcing.tokenstore.MongoTokenStore;
import org.axonframework.serialization.RevisionResolver;
import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.data.mongo.MongoDataAutoConfiguration;
import org.springframework.boot.autoconfigure.mongo.MongoAutoConfiguration;
import org.springframework.boot.autoconfigure.mongo.MongoProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;

/**
 * The store concern: each service's own Axon event store and token store, in its own Mongo
 * database, and a Mongo health check the embedded server answers. axon-mongo 4.12 has no Spring
 * Boot auto-configuration, so the beans are declared here once for all services. Before Axon's
 * auto-configuration, which otherwise falls back to an in-memory or JPA store.
 */
@AutoConfiguration(
    after = {MongoAutoConfiguration.class, MongoDataAutoConfiguration.class},
    beforeName = {
      "org.axonframework.springboot.autoconfig.AxonAutoConfiguration",
      "org.axonframework.springboot.autoconfig.JpaAutoConfiguration",
      "org.axonframework.springboot.autoconfig.JdbcAutoConfiguration"
    })
@ConditionalOnClass({MongoEventStorageEngine.class, MongoClient.class})
@ConditionalOnBean(MongoClient.class)
public class AxonMongoConfiguration {

  @Bean
  RevisionResolver revisionResolver() {
    return new ContractRevisionResolver();
  }

  @Bean
  MongoTemplate axonMongoTemplate(MongoClient client, MongoProperties properties) {
    return DefaultMongoTemplate.builder()
        .mongoDatabase(client, properties.getMongoClientDatabase())
        .build();
  }

  /**
   * The look-back window is how far behind the newest seen timestamp a tracking processor still
   * looks for events committed late (Mongo has no global sequence); see ADR 0002.
   */
  @Bean
  EventStorageEngine eventStorageEngine(
      MongoTemplate axonMongoTemplate,
      @Qualifier("eventSerializer") Serializer eventSerializer,
      Serializer serializer,
      @Value("${hotline.axon.tracking-look-back:PT3S}") Duration lookBack) {
    return MongoEventStorageEngine.builder()
        .mongoTemplate(axonMongoTemplate)
        .eventSerializer(eventSerializer)
        .snapshotSerializer(serializer)
        .storageStrategy(
            new DocumentPerEventStorageStrategy(EventEntryConfiguration.getDefault(), lookBack))
        .build();
  }

  /**
   * Aggregates that many events and commands touch ({@code @Aggregate(cache = "aggregateCache")})
   * stay in memory between commands instead of being re-read from the event store each time. Weak
   * references: the garbage collector decides how many stay. Correct while one instance of a
   * service handles an order's commands; the scale-out issue routes commands by order id.
   */
  @Bean
  Cache aggregateCache() {
    return new WeakReferenceCache();
  }

  /**
   * {@code @Aggregate(snapshotTriggerDefinition = "lifecycleSnapshots")}: a snapshot after every
   * {@code hotline.axon.snapshot-threshold} events (100) of an aggregate, so loading one that is
   * not in the cache reads its latest snapshot and at most that many events instead of its whole
   * history (an order with 1,000 events: see docs/benchmarks.md, "replay").
   */
  @Bean
  SnapshotTriggerDefinition lifecycleSnapshots(
      @Lazy Snapshotter snapshotter, // Axon's, declared after this configuration
      @Value("${hotline.axon.snapshot-threshold:100}") int threshold) {
    return new EventCountSnapshotTriggerDefinition(snapshotter, threshold);
  }

  @Bean
  TokenStore tokenStore(MongoTemplate axonMongoTemplate, Serializer serializer) {
    return MongoTokenStore.builder()
        .mongoTemplate(axonMongoTemplate)
        .serializer(serializer)
        .claimTimeout(Duration.ofSeconds(10))
        .build();
  }

  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(AbstractHealthIndicator.class)
  @ConditionalOnBean(org.springframework.data.mongodb.core.MongoTemplate.class)
  static class MongoHealth {
    /** Named as Boot's own Mongo indicator, which it replaces (Boot's sends {@code hello}). */
    @Bean(name = "mongoHealthIndicator")
    MongoPingHealthIndicator mongoHealthIndicator(
        org.springframework.data.mongodb.core.MongoTemplate mongo) {
      return new MongoPingHealthIndicator(mongo);
    }
  }
}
