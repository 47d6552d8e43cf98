package gov.hotline.platform.relay;

import gov.hotline.contract.EventType;
import gov.hotline.platform.kafka.ReliableProducer;
import gov.hotline.platform.kafka.RetainedTopics;
import gov.hotline.platform.kafka.RetentionGuard;
import gov.hotline.platform.runtime.HotlineProperties;
import io.cloudevents.CloudEvent;
import io.cloudevents.kafka.CloudEventSerializer;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Arrays;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.axonframework.config.Configuration;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.async.SequentialPerAggregatePolicy;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.kafka.KafkaAutoConfiguration;
import org.springframework.boot.autoconfigure.kafka.KafkaProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * The relay concern: this service's own contract events go from its event store to Kafka as
 * CloudEvents ({@link KafkaRelay}), and the public event topics exist and keep their history
 * ({@link RetainedTopics}, {@link RetentionGuard}).
 */
@AutoConfiguration(
    after = KafkaAutoConfiguration.class,
    afterName =
        "org.springframework.boot.actuate.autoconfigure.metrics.CompositeMeterRegistryAutoConfiguration")
@ConditionalOnClass({KafkaTemplate.class, CloudEventSerializer.class, EventHandler.class})
@EnableConfigurationProperties(HotlineProperties.class)
public class RelayAutoConfiguration {

  @Bean
  CloudEventCodec cloudEventCodec(HotlineProperties properties) {
    return new CloudEventCodec(properties.source());
  }

  /** A bean, so the context closes the relay's producer when the service stops. */
  @Bean
  DefaultKafkaProducerFactory<String, CloudEvent> cloudEventProducerFactory(
      KafkaProperties kafka, HotlineProperties properties, MeterRegistry registry) {
    Map<String, Object> config =
        ReliableProducer.config(kafka, properties.service() + "-relay", CloudEventSerializer.class);
    // a relay batch's sends go out together; waiting 5 ms lets them share broker requests
    config.put(ProducerConfig.LINGER_MS_CONFIG, 5);
    return ReliableProducer.factory(config, registry);
  }

  @Bean
  KafkaTemplate<String, CloudEvent> cloudEventTemplate(
      DefaultKafkaProducerFactory<String, CloudEvent> cloudEventProducerFactory) {
    return new KafkaTemplate<>(cloudEventProducerFactory);
  }

  @Bean
  KafkaRelay kafkaRelay(
      KafkaTemplate<String, CloudEvent> cloudEventTemplate,
      CloudEventCodec codec,
      MeterRegistry registry,
      HotlineProperties properties) {
    return new KafkaRelay(
        cloudEventTemplate, codec, registry, properties.relay().ackTimeout().toMillis());
  }

  /**
   * The relay's own tracking processor, in {@code hotline.processors.segments} segments (1 unless
   * the service scales out); see {@link KafkaRelay#processorConfiguration}. One order's events stay
   * in one segment, in order.
   */
  @Bean
  ConfigurerModule relayProcessor(@Value("${hotline.processors.segments:1}") int segments) {
    return configurer ->
        configurer.eventProcessing(
            processing ->
                processing
                    .registerTrackingEventProcessor(
                        KafkaRelay.PROCESSING_GROUP,
                        Configuration::eventStore,
                        c -> KafkaRelay.processorConfiguration(segments))
                    .registerSequencingPolicy(
                        KafkaRelay.PROCESSING_GROUP, c -> SequentialPerAggregatePolicy.instance()));
  }

  /** Every topic of the contract's catalogue, whichever service happens to start first. */
  @Bean
  RetainedTopics publicEventTopics(HotlineProperties properties) {
    return RetainedTopics.events(
        Arrays.stream(EventType.values()).map(EventType::topic).distinct().toList(),
        properties.topics().partitions());
  }

  /** Guards every topic the platform declares, the inbox's dead-letter topics included. */
  @Bean
  @ConditionalOnBean(KafkaAdmin.class)
  RetentionGuard retentionGuard(
      KafkaAdmin admin, KafkaProperties kafka, ObjectProvider<RetainedTopics> declared) {
    return new RetentionGuard(
        admin,
        () -> declared.orderedStream().flatMap(set -> set.topics().stream()).toList(),
        kafka.getAdmin().isFailFast());
  }
}
