package gov.hotline.platform.history;

import gov.hotline.platform.inbox.InboundEventListener;
import gov.hotline.platform.inbox.InboxAutoConfiguration;
import gov.hotline.platform.relay.CloudEventCodec;
import gov.hotline.platform.relay.RelayAutoConfiguration;
import gov.hotline.platform.runtime.HotlineProperties;
import io.cloudevents.CloudEvent;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.extensions.mongo.MongoTemplate;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.kafka.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;

/**
 * The history seed, only in a service that declares its {@link HistoryShare}: the seeder over the
 * service's own event store, codec and producer, the consumer's catch-up when it has an inbox, and
 * the admin endpoints.
 */
@AutoConfiguration(after = {InboxAutoConfiguration.class, RelayAutoConfiguration.class})
@ConditionalOnBean(HistoryShare.class)
public class HistoryAutoConfiguration {

  @Bean
  HistorySeeder historySeeder(
      HistoryShare share,
      EventStorageEngine engine,
      MongoTemplate axonMongoTemplate,
      @Qualifier("cloudEventTemplate") KafkaTemplate<String, CloudEvent> cloudEventTemplate,
      CloudEventCodec codec,
      EventProcessingConfiguration processing,
      HotlineProperties properties,
      @Value("${hotline.axon.tracking-look-back:PT3S}") Duration lookBack) {
    return new HistorySeeder(
        share,
        engine,
        axonMongoTemplate,
        cloudEventTemplate,
        codec,
        processing,
        lookBack,
        properties.relay().ackTimeout());
  }

  @Bean
  HistoryController historyController(
      HistorySeeder seeder,
      ObjectProvider<InboundEventListener> listener,
      @Qualifier("inboundEventContainer")
          ObjectProvider<ConcurrentMessageListenerContainer<String, byte[]>> container,
      KafkaProperties kafka,
      HotlineProperties properties) {
    Optional<HistoryCatchUp> catchUp = Optional.empty();
    InboundEventListener inbound = listener.getIfAvailable();
    ConcurrentMessageListenerContainer<String, byte[]> inboundContainer =
        container.getIfAvailable();
    if (inbound != null && inboundContainer != null) {
      Map<String, Object> config = new HashMap<>(kafka.buildConsumerProperties(null));
      config.put(ConsumerConfig.GROUP_ID_CONFIG, properties.service());
      config.put(ConsumerConfig.CLIENT_ID_CONFIG, properties.service() + "-history");
      config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
      config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2_000);
      catchUp =
          Optional.of(
              new HistoryCatchUp(
                  inboundContainer,
                  inbound,
                  () ->
                      new KafkaConsumer<>(
                          config, new StringDeserializer(), new ByteArrayDeserializer()),
                  seeder));
    }
    return new HistoryController(seeder, catchUp);
  }
}
