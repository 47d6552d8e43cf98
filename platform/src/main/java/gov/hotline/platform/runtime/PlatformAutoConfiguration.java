package gov.hotline.platform.runtime;

import gov.hotline.contract.Actor;
import gov.hotline.contract.Topics;
import gov.hotline.platform.actor.ActorArgumentResolver;
import gov.hotline.platform.actor.ActorResolver;
import gov.hotline.platform.actor.HeaderActorResolver;
import gov.hotline.platform.domain.RuleViolation;
import gov.hotline.platform.inbox.InboundEventHandler;
import gov.hotline.platform.inbox.InboundEventListener;
import gov.hotline.platform.inbox.InboxStore;
import gov.hotline.platform.relay.CloudEventCodec;
import gov.hotline.platform.relay.KafkaRelay;
import gov.hotline.platform.relay.UnreadableEventException;
import gov.hotline.platform.web.ProblemHandlers;
import io.cloudevents.CloudEvent;
import io.cloudevents.kafka.CloudEventSerializer;
import io.micrometer.core.instrument.MeterRegistry;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.HeaderParameter;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.kafka.KafkaProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.MicrometerConsumerListener;
import org.springframework.kafka.core.MicrometerProducerListener;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.support.ExponentialBackOffWithMaxRetries;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** Wires the platform into a service: every bean here is identical in all four. */
@AutoConfiguration(
    afterName = {
      "org.springframework.boot.autoconfigure.kafka.KafkaAutoConfiguration",
      "org.springframework.boot.autoconfigure.data.mongo.MongoDataAutoConfiguration"
    },
    beforeName = "org.springframework.boot.autoconfigure.web.servlet.WebMvcAutoConfiguration")
@EnableConfigurationProperties(HotlineProperties.class)
public class PlatformAutoConfiguration {

  @Bean
  @ConditionalOnMissingBean
  Clock clock() {
    return Clock.systemUTC();
  }

  @Bean
  @ConditionalOnMissingBean
  ActorResolver actorResolver() {
    return new HeaderActorResolver();
  }

  @Bean
  WebMvcConfigurer actorArguments(ActorResolver resolver) {
    return new WebMvcConfigurer() {
      @Override
      public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
        resolvers.add(new ActorArgumentResolver(resolver));
      }

      @Override
      public void addInterceptors(
          org.springframework.web.servlet.config.annotation.InterceptorRegistry registry) {
        registry.addInterceptor(new gov.hotline.platform.web.AuthorizationInterceptor(resolver));
      }
    };
  }

  @Bean
  ProblemHandlers problemHandlers() {
    return new ProblemHandlers();
  }

  @Bean
  OpenAPI hotlineOpenApi(HotlineProperties properties) {
    return new OpenAPI()
        .info(
            new Info()
                .title("hotline " + properties.service() + "-service")
                .description(
                    "Actors are named by the headers X-Actor-Role, X-Actor-Id and X-Actor-Unit."
                        + " Errors are RFC 7807 problems.")
                .version("v1"));
  }

  /**
   * Shows the actor headers and the allowed roles ({@code x-allowed-roles}) on every operation that
   * declares {@link gov.hotline.platform.web.Allowed}, instead of the resolver's {@link Actor}
   * parameter.
   */
  @Bean
  OperationCustomizer actorHeaders() {
    SpringDocUtils.getConfig().addRequestWrapperToIgnore(Actor.class);
    return (operation, handlerMethod) -> {
      gov.hotline.platform.web.Allowed allowed =
          handlerMethod.getMethodAnnotation(gov.hotline.platform.web.Allowed.class);
      if (allowed != null) {
        List<String> roles = java.util.Arrays.stream(allowed.value()).map(Enum::name).toList();
        operation.addExtension("x-allowed-roles", roles);
        operation.addParametersItem(
            new HeaderParameter()
                .name(HeaderActorResolver.ROLE)
                .required(true)
                .description("the acting role; allowed here: " + String.join(", ", roles))
                .schema(new StringSchema()));
        operation.addParametersItem(
            new HeaderParameter()
                .name(HeaderActorResolver.ID)
                .required(true)
                .description("the acting user's id")
                .schema(new StringSchema()));
        operation.addParametersItem(
            new HeaderParameter()
                .name(HeaderActorResolver.UNIT)
                .required(false)
                .description("the unit the user acts for; required for UNIT_HANDLER")
                .schema(new StringSchema()));
      }
      return operation;
    };
  }

  @Bean
  CloudEventCodec cloudEventCodec(HotlineProperties properties) {
    return new CloudEventCodec(properties.source());
  }

  /**
   * Every processor retries a failing handler instead of logging and skipping it: for the relay
   * that is the difference between at-least-once and lost events.
   */
  @Bean
  ConfigurerModule retryFailingEventHandlers() {
    return configurer ->
        configurer.eventProcessing(
            processing ->
                processing.registerDefaultListenerInvocationErrorHandler(
                    c -> PropagatingErrorHandler.instance()));
  }

  /** A bean, so the context closes the relay's producer when the service stops. */
  @Bean
  DefaultKafkaProducerFactory<String, CloudEvent> cloudEventProducerFactory(
      KafkaProperties kafka, HotlineProperties properties, MeterRegistry registry) {
    Map<String, Object> config =
        reliableProducer(kafka, properties.service() + "-relay", CloudEventSerializer.class);
    config.put(ProducerConfig.LINGER_MS_CONFIG, 5);
    return producerFactory(config, registry);
  }

  /** Idempotent, acks=all: a send is acknowledged only once the broker has it, exactly once. */
  private static Map<String, Object> reliableProducer(
      KafkaProperties kafka, String clientId, Class<?> valueSerializer) {
    Map<String, Object> config = new HashMap<>(kafka.buildProducerProperties(null));
    config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
    config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, valueSerializer);
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    config.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
    config.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
    return config;
  }

  private static <K, V> DefaultKafkaProducerFactory<K, V> producerFactory(
      Map<String, Object> config, MeterRegistry registry) {
    DefaultKafkaProducerFactory<K, V> factory = new DefaultKafkaProducerFactory<>(config);
    factory.addListener(new MicrometerProducerListener<>(registry));
    return factory;
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

  @Bean
  KafkaAdmin.NewTopics hotlineTopics(HotlineProperties properties) {
    int partitions = properties.topics().partitions();
    List<NewTopic> topics =
        new java.util.ArrayList<>(
            List.of(
                TopicBuilder.name(Topics.WORKORDER_LIFECYCLE)
                    .partitions(partitions)
                    .replicas(1)
                    .build(),
                TopicBuilder.name(Topics.KNOWLEDGE_ARTICLE)
                    .partitions(partitions)
                    .replicas(1)
                    .build()));
    for (String topic : properties.consumer().topics()) {
      topics.add(
          TopicBuilder.name(Topics.deadLetter(topic, properties.service()))
              .partitions(1)
              .replicas(1)
              .build());
    }
    return new KafkaAdmin.NewTopics(topics.toArray(NewTopic[]::new));
  }

  @Bean
  @ConditionalOnBean(InboundEventHandler.class)
  InboxStore inboxStore(MongoTemplate mongo, Clock clock) {
    return new InboxStore(mongo, clock);
  }

  /** Writes dead letters; a bean, so the context closes its producer when the service stops. */
  @Bean
  @ConditionalOnBean(InboundEventHandler.class)
  DefaultKafkaProducerFactory<Object, Object> deadLetterProducerFactory(
      KafkaProperties kafka, HotlineProperties properties, MeterRegistry registry) {
    return producerFactory(
        reliableProducer(kafka, properties.service() + "-dlt", ByteArraySerializer.class),
        registry);
  }

  /**
   * One consumer group per service; a record that cannot be read or applied goes to {@code
   * <topic>.<service>.dlt} with spring-kafka's {@code kafka_dlt-*} headers saying why.
   */
  @Bean
  @ConditionalOnBean(InboundEventHandler.class)
  ConcurrentMessageListenerContainer<String, byte[]> inboundEventContainer(
      KafkaProperties kafka,
      HotlineProperties properties,
      InboundEventHandler handler,
      InboxStore inbox,
      DefaultKafkaProducerFactory<Object, Object> deadLetterProducerFactory,
      MeterRegistry registry) {
    String group = properties.service();
    Map<String, Object> consumerConfig = new HashMap<>(kafka.buildConsumerProperties(null));
    consumerConfig.put(ConsumerConfig.GROUP_ID_CONFIG, group);
    consumerConfig.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
    consumerConfig.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    consumerConfig.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    consumerConfig.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    consumerConfig.putIfAbsent(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, 6000);
    consumerConfig.putIfAbsent(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, 1500);
    consumerConfig.put(ConsumerConfig.CLIENT_ID_CONFIG, group + "-inbox");
    DefaultKafkaConsumerFactory<String, byte[]> consumerFactory =
        new DefaultKafkaConsumerFactory<>(consumerConfig);
    consumerFactory.addListener(new MicrometerConsumerListener<>(registry));

    DeadLetterPublishingRecoverer recoverer =
        new DeadLetterPublishingRecoverer(
            new KafkaTemplate<>(deadLetterProducerFactory),
            (record, e) -> new TopicPartition(Topics.deadLetter(record.topic(), group), -1));
    ExponentialBackOffWithMaxRetries backOff = new ExponentialBackOffWithMaxRetries(6);
    backOff.setInitialInterval(200);
    backOff.setMultiplier(2);
    backOff.setMaxInterval(5000);
    DefaultErrorHandler errorHandler = new DefaultErrorHandler(recoverer, backOff);
    errorHandler.addNotRetryableExceptions(UnreadableEventException.class, RuleViolation.class);

    ContainerProperties containerProperties =
        new ContainerProperties(properties.consumer().topics().toArray(String[]::new));
    containerProperties.setGroupId(group);
    containerProperties.setAckMode(ContainerProperties.AckMode.RECORD);
    containerProperties.setMessageListener(new InboundEventListener(handler, inbox, registry));
    containerProperties.setMicrometerEnabled(true);
    ConcurrentMessageListenerContainer<String, byte[]> container =
        new ConcurrentMessageListenerContainer<>(consumerFactory, containerProperties);
    container.setConcurrency(properties.consumer().concurrency());
    container.setCommonErrorHandler(errorHandler);
    return container;
  }

  @Bean(name = "mongoHealthIndicator")
  MongoPingHealthIndicator mongoHealthIndicator(MongoTemplate mongo) {
    return new MongoPingHealthIndicator(mongo);
  }

  @Bean
  @ConditionalOnProperty("HOTLINE_PARENT_PID")
  ParentProcessWatcher parentProcessWatcher(@Value("${HOTLINE_PARENT_PID}") long parentPid) {
    return new ParentProcessWatcher(parentPid);
  }
}
