package gov.hotline.platform.axon;

import com.github.benmanes.caffeine.jcache.configuration.CaffeineConfiguration;
import com.github.benmanes.caffeine.jcache.spi.CaffeineCachingProvider;
import com.mongodb.client.MongoClient;
import java.time.Clock;
import java.time.Duration;
import java.util.OptionalLong;
import java.util.UUID;
import javax.cache.CacheManager;
import javax.cache.Caching;
import org.axonframework.common.caching.JCacheAdapter;
import org.axonframework.eventhandling.EventBus;
import org.axonframework.eventhandling.EventBusSpanFactory;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventsourcing.EventCountSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.SnapshotTriggerDefinition;
import org.axonframework.eventsourcing.Snapshotter;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.extensions.mongo.DefaultMongoTemplate;
import org.axonframework.extensions.mongo.MongoTemplate;
import org.axonframework.extensions.mongo.eventsourcing.eventstore.MongoEventStorageEngine;
import org.axonframework.extensions.mongo.eventsourcing.eventstore.documentperevent.DocumentPerEventStorageStrategy;
import org.axonframework.extensions.mongo.eventsourcing.eventstore.documentperevent.EventEntryConfiguration;
import org.axonframework.extensions.mongo.eventsourcing.tokenstore.MongoTokenStore;
import org.axonframework.serialization.RevisionResolver;
import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
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

  /**
   * The look-back window is how far behind the newest seen timestamp a tracking processor still
   * looks for events committed late (Mongo has no global sequence); see ADR 0002.
   */
  private final Duration lookBack;

  AxonMongoConfiguration(@Value("${hotline.axon.tracking-look-back:PT3S}") Duration lookBack) {
    this.lookBack = lookBack;
  }

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

  /** The service's event store, tracked with the look-back window. */
  @Bean
  EventStorageEngine eventStorageEngine(
      MongoTemplate axonMongoTemplate,
      @Qualifier("eventSerializer") Serializer eventSerializer,
      Serializer serializer) {
    return storageEngine(axonMongoTemplate, eventSerializer, serializer, 100);
  }

  /** The same store, read in large batches to rebuild a view outside its processor. */
  @Bean
  StoredHistory storedHistory(
      MongoTemplate axonMongoTemplate,
      @Qualifier("eventSerializer") Serializer eventSerializer,
      Serializer serializer) {
    return new StoredHistory(
        storageEngine(axonMongoTemplate, eventSerializer, serializer, StoredHistory.BATCH_SIZE));
  }

  private MongoEventStorageEngine storageEngine(
      MongoTemplate template, Serializer eventSerializer, Serializer serializer, int batchSize) {
    return MongoEventStorageEngine.builder()
        .mongoTemplate(template)
        .eventSerializer(eventSerializer)
        .snapshotSerializer(serializer)
        .batchSize(batchSize)
        .storageStrategy(
            new DocumentPerEventStorageStrategy(EventEntryConfiguration.getDefault(), lookBack))
        .build();
  }

  /**
   * The event store, as Axon's auto-configuration would make it, but stamping each event when its
   * unit of work commits ({@link StampedAtCommit}, ADR 0002): the look-back window then has to
   * cover one insert, not a whole unit of work.
   *
   * <p>It keeps the last {@code hotline.axon.cached-events} events (1,000) in memory for the
   * processors that follow the store's head, instead of Axon's 10,000. Each cached event holds its
   * own tracking token, and with it the ids of every event in the look-back window: about 700 at 45
   * lifecycles/s. With 10,000 events cached in each of three stores, that came to 11.5 million map
   * entries (460 MB of live heap). After ten minutes at {@code --max}, the services' JVM had run
   * 156 full collections. A processor more than 1,000 events behind reads the store itself, as it
   * does after a restart.
   */
  @Qualifier("eventStore")
  @Bean(name = "eventBus")
  @ConditionalOnMissingBean(EventBus.class)
  EmbeddedEventStore eventStore(
      EventStorageEngine storageEngine,
      ObjectProvider<org.axonframework.config.Configuration> axon,
      ObjectProvider<io.micrometer.core.instrument.MeterRegistry> registry,
      @Value("${hotline.axon.cached-events:1000}") int cachedEvents) {
    EmbeddedEventStore.Builder builder =
        StampedAtCommit.stampedBuilder()
            .reportLateInserts(lookBack, registry.getIfAvailable())
            .storageEngine(storageEngine)
            .cachedEvents(cachedEvents);
    org.axonframework.config.Configuration configuration = axon.getIfAvailable();
    if (configuration != null) { // without Axon's auto-configuration (some tests): its defaults
      builder
          .messageMonitor(configuration.messageMonitor(EventStore.class, "eventStore"))
          .spanFactory(configuration.getComponent(EventBusSpanFactory.class));
    }
    return builder.build();
  }

  /**
   * Aggregates that many events and commands touch ({@code @Aggregate(cache = "aggregateCache")})
   * stay in memory between commands instead of being re-read (snapshot find + events find) from the
   * event store each time. An aggregate no command or observed step touched for {@code
   * hotline.axon.aggregate-cache-idle} (a minute by default) leaves the cache; the count bound
   * ({@code hotline.axon.aggregate-cache-size}, 10,000 by default: a few MB) is only a backstop.
   *
   * <p>The idle limit is what keeps the cache working. Bounded by count alone, it filled after
   * 10,000 orders, and Caffeine's admission policy (TinyLFU) then preferred the closed orders, each
   * touched about nine times, over a new order that had been touched only three or four times so
   * far. New orders were evicted while they were still in flight: over ten minutes at {@code --max}
   * the bench counted one aggregate load per lifecycle in each of dispatch and supervision. A
   * simulation of the same access pattern counted 1.6 to 3.5 loads per order after the first
   * 10,000, and none with the idle limit. Weak references, used before, were cleared by every young
   * collection under load (3.5 loads per lifecycle). Entries are stored by reference, never copied.
   * There is one cache per application context, since a JVM may host several services, as the
   * system tests do.
   */
  @Bean
  AggregateCache aggregateCache(
      @Value("${hotline.axon.aggregate-cache-size:10000}") long size,
      @Value("${hotline.axon.aggregate-cache-idle:PT1M}") Duration idle,
      @Value("${hotline.service:service}") String service) {
    return new AggregateCache(service, size, idle);
  }

  /** Axon's view of a Caffeine JCache cache; closing the context destroys the cache. */
  public static final class AggregateCache extends JCacheAdapter implements AutoCloseable {
    private final CacheManager manager;
    private final String name;

    AggregateCache(String service, long size, Duration idle) {
      this(
          Caching.getCachingProvider(CaffeineCachingProvider.class.getName()).getCacheManager(),
          "aggregates-" + service + "-" + UUID.randomUUID(),
          size,
          idle);
    }

    private AggregateCache(CacheManager manager, String name, long size, Duration idle) {
      super(manager.createCache(name, configuration(size, idle)));
      this.manager = manager;
      this.name = name;
    }

    private static CaffeineConfiguration<Object, Object> configuration(long size, Duration idle) {
      if (size < 1) {
        throw new IllegalArgumentException(
            "hotline.axon.aggregate-cache-size must be at least 1, not " + size);
      }
      if (idle.isNegative() || idle.isZero()) {
        throw new IllegalArgumentException(
            "hotline.axon.aggregate-cache-idle must be positive, not " + idle);
      }
      CaffeineConfiguration<Object, Object> configuration = new CaffeineConfiguration<>();
      configuration.setMaximumSize(OptionalLong.of(size));
      configuration.setExpireAfterAccess(OptionalLong.of(idle.toNanos()));
      configuration.setStoreByValue(false);
      return configuration;
    }

    @Override
    public void close() {
      manager.destroyCache(name);
    }
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
  ProcessorNode processorNode(@Value("${hotline.service:service}") String service) {
    return ProcessorNode.of(service);
  }

  /**
   * A segment whose instance died is claimed by another once its claim is older than {@code
   * hotline.processors.claim-timeout} (10 s): longer than any batch takes (a claim is extended with
   * every batch and while idle), short enough that a dead instance's orders wait seconds, not
   * minutes. A claim extension within a tenth of that (1 s) of this node's last write of the same
   * claim is left out ({@link RecentClaims}): it could only move the claim's timestamp.
   */
  @Bean
  TokenStore tokenStore(
      MongoTemplate axonMongoTemplate,
      Serializer serializer,
      ProcessorNode processorNode,
      @Value("${hotline.processors.claim-timeout:PT10S}") Duration claimTimeout) {
    Duration window = claimTimeout.dividedBy(10);
    return new RecentClaims(
        MongoTokenStore.builder()
            .mongoTemplate(axonMongoTemplate)
            .serializer(serializer)
            .nodeId(processorNode.name())
            .claimTimeout(claimTimeout)
            .build(),
        window);
  }

  /**
   * Shares the processors' segments among the service's running instances; only in a service whose
   * processors have more than one segment ({@code hotline.processors.segments}): one segment is
   * worked by one instance whatever the balancer does.
   */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnBean(org.springframework.data.mongodb.core.MongoTemplate.class)
  @ConditionalOnExpression("${hotline.processors.segments:1} > 1")
  static class Segments {
    @Bean
    SegmentBalancer segmentBalancer(
        ProcessorNode processorNode,
        org.springframework.data.mongodb.core.MongoTemplate mongo,
        TokenStore tokenStore,
        ObjectProvider<org.axonframework.config.Configuration> axon,
        @Value("${hotline.processors.balance-interval:PT2S}") Duration interval) {
      return new SegmentBalancer(
          processorNode.name(),
          mongo,
          tokenStore,
          () -> axon.getObject().eventProcessingConfiguration().eventProcessors(),
          interval,
          Clock.systemUTC());
    }
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
