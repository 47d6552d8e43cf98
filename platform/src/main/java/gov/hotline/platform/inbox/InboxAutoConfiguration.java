package gov.hotline.platform.inbox;

import gov.hotline.contract.Topics;
import gov.hotline.contract.workorder.IllegalTransition;
import gov.hotline.platform.domain.RuleViolation;
import gov.hotline.platform.kafka.ReliableProducer;
import gov.hotline.platform.kafka.RetainedTopics;
import gov.hotline.platform.relay.UnreadableEventException;
import gov.hotline.platform.runtime.HotlineProperties;
import gov.hotline.platform.runtime.RuntimeAutoConfiguration;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.data.mongo.MongoDataAutoConfiguration;
import org.springframework.boot.autoconfigure.kafka.KafkaAutoConfiguration;
import org.springframework.boot.autoconfigure.kafka.KafkaProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.MicrometerConsumerListener;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.listener.ListenerExecutionFailedException;
import org.springframework.kafka.support.ExponentialBackOffWithMaxRetries;

/**
 * The inbox concern, only in a service that declares an {@link InboxHandler}: one listener
 * container (consumer group = {@code hotline.service}) on the topics the handlers take, the inbox
 * of consumed ids, and a dead-letter topic {@code <topic>.<service>.dlt} per subscribed topic.
 */
@AutoConfiguration(
    after = {
      KafkaAutoConfiguration.class,
      MongoDataAutoConfiguration.class,
      RuntimeAutoConfiguration.class
    },
    afterName =
        "org.springframework.boot.actuate.autoconfigure.metrics.CompositeMeterRegistryAutoConfiguration")
@ConditionalOnClass({ConcurrentMessageListenerContainer.class, MongoTemplate.class})
@ConditionalOnBean(InboxHandler.class)
@EnableConfigurationProperties(HotlineProperties.class)
public class InboxAutoConfiguration {

  @Bean
  InboxStore inboxStore(MongoTemplate mongo, Clock clock) {
    return new InboxStore(mongo, clock);
  }

  @Bean
  InboundEventListener inboundEventListener(
      ObjectProvider<InboxHandler> handlers,
      InboxStore inbox,
      MeterRegistry registry,
      HotlineProperties properties) {
    return new InboundEventListener(
        handlers.orderedStream().toList(), inbox, registry, properties.source());
  }

  @Bean
  RetainedTopics deadLetterTopics(InboundEventListener listener, HotlineProperties properties) {
    return RetainedTopics.deadLetters(
        listener.topics().stream().map(topic -> deadLetter(topic, properties)).toList());
  }

  /** Writes dead letters; a bean, so the context closes its producer when the service stops. */
  @Bean
  DefaultKafkaProducerFactory<String, byte[]> deadLetterProducerFactory(
      KafkaProperties kafka, HotlineProperties properties, MeterRegistry registry) {
    return ReliableProducer.factory(
        ReliableProducer.config(kafka, properties.service() + "-dlt", ByteArraySerializer.class),
        registry);
  }

  /**
   * A record that is not a CloudEvent, whose data does not fit its type, or that breaks a rule goes
   * to the dead-letter topic at once, with spring-kafka's {@code kafka_dlt-*} headers saying why;
   * any other failure is retried with back-off (0.2 s doubling to 5 s, 6 times) first.
   */
  @Bean
  ConcurrentMessageListenerContainer<String, byte[]> inboundEventContainer(
      KafkaProperties kafka,
      HotlineProperties properties,
      InboundEventListener listener,
      DefaultKafkaProducerFactory<String, byte[]> deadLetterProducerFactory,
      MeterRegistry registry) {
    String group = properties.service();
    Map<String, Object> consumerConfig = new HashMap<>(kafka.buildConsumerProperties(null));
    consumerConfig.put(ConsumerConfig.GROUP_ID_CONFIG, group);
    consumerConfig.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
    consumerConfig.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    consumerConfig.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    consumerConfig.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    // a restarted service rejoins its group in seconds, not after the default 45 s
    consumerConfig.putIfAbsent(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, 6000);
    consumerConfig.putIfAbsent(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, 1500);
    consumerConfig.put(ConsumerConfig.CLIENT_ID_CONFIG, group + "-inbox");
    DefaultKafkaConsumerFactory<String, byte[]> consumerFactory =
        new DefaultKafkaConsumerFactory<>(consumerConfig);
    consumerFactory.addListener(new MicrometerConsumerListener<>(registry));

    ContainerProperties containerProperties =
        new ContainerProperties(listener.topics().toArray(String[]::new));
    containerProperties.setGroupId(group);
    // one offset commit per poll, after every record of it was handled (or dead-lettered): a
    // crash redelivers at most that poll, and redeliveries are idempotent by ce_id
    containerProperties.setAckMode(ContainerProperties.AckMode.BATCH);
    containerProperties.setMessageListener(listener);
    containerProperties.setMicrometerEnabled(true);
    ConcurrentMessageListenerContainer<String, byte[]> container =
        new ConcurrentMessageListenerContainer<>(consumerFactory, containerProperties);
    container.setConcurrency(properties.consumer().concurrency());
    container.setCommonErrorHandler(
        deadLetters(new KafkaTemplate<>(deadLetterProducerFactory), properties));
    container.setAutoStartup(kafka.getListener().isAutoStartup());
    return container;
  }

  private static DefaultErrorHandler deadLetters(
      KafkaTemplate<String, byte[]> template, HotlineProperties properties) {
    DeadLetterPublishingRecoverer recoverer =
        new DeadLetterPublishingRecoverer(
            template,
            (record, e) -> new TopicPartition(deadLetter(record.topic(), properties), -1));
    ExponentialBackOffWithMaxRetries backOff = new ExponentialBackOffWithMaxRetries(6);
    backOff.setInitialInterval(200);
    backOff.setMultiplier(2);
    backOff.setMaxInterval(5000);
    // the listener names the failed record of a poll with a BatchListenerFailedException; the
    // dead letter's kafka_dlt-exception-* headers say what really failed
    DefaultErrorHandler errorHandler =
        new DefaultErrorHandler((record, e) -> recoverer.accept(record, cause(e)), backOff);
    errorHandler.addNotRetryableExceptions(
        UnreadableEventException.class, RuleViolation.class, IllegalTransition.class);
    return errorHandler;
  }

  private static Exception cause(Exception failure) {
    Throwable e = failure;
    while ((e instanceof BatchListenerFailedException
            || e instanceof ListenerExecutionFailedException)
        && e.getCause() instanceof Exception cause) {
      e = cause;
    }
    return (Exception) e;
  }

  private static String deadLetter(String topic, HotlineProperties properties) {
    return Topics.deadLetter(topic, properties.service());
  }
}
