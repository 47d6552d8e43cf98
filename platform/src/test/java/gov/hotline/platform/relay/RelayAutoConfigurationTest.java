package gov.hotline.platform.relay;

import static org.assertj.core.api.Assertions.assertThat;

import gov.hotline.contract.Topics;
import gov.hotline.platform.kafka.RetainedTopics;
import gov.hotline.platform.kafka.RetentionGuard;
import io.cloudevents.kafka.CloudEventSerializer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.util.Map;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.kafka.KafkaProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;

class RelayAutoConfigurationTest {
  private final ApplicationContextRunner runner =
      new ApplicationContextRunner()
          .withConfiguration(AutoConfigurations.of(RelayAutoConfiguration.class))
          .withUserConfiguration(KafkaSettings.class)
          .withBean(SimpleMeterRegistry.class)
          .withPropertyValues(
              "hotline.service=dispatch",
              "hotline.topics.partitions=3",
              "spring.kafka.bootstrap-servers=broker-a:9092");

  /** Boot's Kafka settings without its KafkaAdmin, which would reach for a broker. */
  @Configuration(proxyBeanMethods = false)
  @EnableConfigurationProperties(KafkaProperties.class)
  static class KafkaSettings {}

  @Test
  void the_relay_publishes_as_this_service_through_an_idempotent_acks_all_producer() {
    runner.run(
        context -> {
          assertThat(context).hasSingleBean(KafkaRelay.class);
          assertThat(context.getBean(CloudEventCodec.class).source())
              .isEqualTo(URI.create("/hotline/dispatch"));
          @SuppressWarnings("unchecked")
          KafkaTemplate<String, ?> template = context.getBean(KafkaTemplate.class);
          Map<String, Object> config =
              ((DefaultKafkaProducerFactory<?, ?>) template.getProducerFactory())
                  .getConfigurationProperties();
          assertThat(config)
              .containsEntry(
                  ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, java.util.List.of("broker-a:9092"))
              .containsEntry(ProducerConfig.ACKS_CONFIG, "all")
              .containsEntry(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true)
              .containsEntry(ProducerConfig.CLIENT_ID_CONFIG, "dispatch-relay")
              .containsEntry(ProducerConfig.LINGER_MS_CONFIG, 5)
              .containsEntry(
                  ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, CloudEventSerializer.class);
        });
  }

  @Test
  void every_public_event_topic_is_declared_to_keep_its_history_forever() {
    runner.run(
        context -> {
          RetainedTopics topics = context.getBean(RetainedTopics.class);
          assertThat(topics.topics())
              .extracting(NewTopic::name)
              .containsExactlyInAnyOrder(Topics.WORKORDER_LIFECYCLE, Topics.KNOWLEDGE_ARTICLE);
          assertThat(topics.topics())
              .allSatisfy(
                  topic -> {
                    assertThat(topic.numPartitions()).isEqualTo(3);
                    assertThat(topic.configs())
                        .containsEntry("retention.ms", "-1")
                        .containsEntry("retention.bytes", "-1")
                        .containsEntry("cleanup.policy", "delete");
                  });
          // no KafkaAdmin in this context, so nothing to guard with
          assertThat(context).doesNotHaveBean(RetentionGuard.class);
        });
  }

  @Test
  void without_spring_kafka_there_is_no_relay() {
    runner
        .withClassLoader(new FilteredClassLoader(KafkaTemplate.class))
        .run(
            context -> {
              assertThat(context).doesNotHaveBean(KafkaRelay.class);
              assertThat(context).doesNotHaveBean(CloudEventCodec.class);
              assertThat(context).doesNotHaveBean(RetainedTopics.class);
            });
  }
}
