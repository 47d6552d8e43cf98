package gov.hotline.platform.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import gov.hotline.contract.EventType;
import gov.hotline.contract.Topics;
import gov.hotline.platform.Infrastructure;
import gov.hotline.platform.kafka.RetainedTopics;
import gov.hotline.platform.runtime.RuntimeAutoConfiguration;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.Set;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.data.mongo.MongoDataAutoConfiguration;
import org.springframework.boot.autoconfigure.kafka.KafkaProperties;
import org.springframework.boot.autoconfigure.mongo.MongoAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;

class InboxAutoConfigurationTest {
  private static final String UNIT_RESULTS = "unit.results";

  private final ApplicationContextRunner runner =
      new ApplicationContextRunner()
          .withConfiguration(
              AutoConfigurations.of(
                  MongoAutoConfiguration.class,
                  MongoDataAutoConfiguration.class,
                  RuntimeAutoConfiguration.class,
                  InboxAutoConfiguration.class))
          .withUserConfiguration(KafkaSettings.class)
          .withBean(SimpleMeterRegistry.class)
          .withPropertyValues(
              "hotline.service=dispatch",
              "hotline.consumer.concurrency=2",
              "spring.kafka.listener.auto-startup=false",
              "spring.data.mongodb.uri=" + Infrastructure.mongo().connectionString(),
              "spring.data.mongodb.database=inbox-config");

  @Configuration(proxyBeanMethods = false)
  @EnableConfigurationProperties(KafkaProperties.class)
  static class KafkaSettings {}

  static class Lifecycle implements InboxHandler {
    @Override
    public Set<InboundType> takes() {
      return InboundType.allOf(EventType.WORKORDER_RECEIVED, EventType.WORKORDER_AUDITED);
    }

    @Override
    public void handle(InboundEvent event) {}
  }

  static class UnitResults implements InboxHandler {
    @Override
    public Set<InboundType> takes() {
      return Set.of(
          InboundType.command(UNIT_RESULTS, "gov.unit.result.submitted.v1", JsonNode.class));
    }

    @Override
    public void handle(InboundEvent event) {}
  }

  @Test
  void a_service_without_handlers_has_no_inbox() {
    runner.run(
        context -> {
          assertThat(context).hasNotFailed();
          assertThat(context).doesNotHaveBean(InboxStore.class);
          assertThat(context).doesNotHaveBean(InboundEventListener.class);
          assertThat(context).doesNotHaveBean(ConcurrentMessageListenerContainer.class);
          assertThat(context).doesNotHaveBean(RetainedTopics.class);
        });
  }

  @Test
  void one_container_in_the_service_group_reads_the_topics_all_handlers_take() {
    runner
        .withBean(Lifecycle.class)
        .withBean(UnitResults.class)
        .run(
            context -> {
              assertThat(context).hasSingleBean(InboxStore.class);
              ConcurrentMessageListenerContainer<?, ?> container =
                  context.getBean(ConcurrentMessageListenerContainer.class);
              assertThat(container.getContainerProperties().getTopics())
                  .containsExactlyInAnyOrder(Topics.WORKORDER_LIFECYCLE, UNIT_RESULTS);
              assertThat(container.getGroupId()).isEqualTo("dispatch");
              assertThat(container.getConcurrency()).isEqualTo(2);
              assertThat(container.isRunning()).isFalse();
            });
  }

  @Test
  void each_topic_read_gets_a_dead_letter_topic_kept_thirty_days_written_reliably() {
    runner
        .withBean(Lifecycle.class)
        .withBean(UnitResults.class)
        .run(
            context -> {
              RetainedTopics deadLetters = context.getBean(RetainedTopics.class);
              assertThat(deadLetters.topics())
                  .extracting(NewTopic::name)
                  .containsExactlyInAnyOrder(
                      "hotline.workorder.lifecycle.dispatch.dlt", "unit.results.dispatch.dlt");
              assertThat(deadLetters.topics())
                  .allSatisfy(
                      t -> assertThat(t.configs()).containsEntry("retention.ms", "2592000000"));
              assertThat(
                      context
                          .getBean("deadLetterProducerFactory", DefaultKafkaProducerFactory.class)
                          .getConfigurationProperties())
                  .containsEntry(ProducerConfig.ACKS_CONFIG, "all")
                  .containsEntry(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true)
                  .containsEntry(ProducerConfig.CLIENT_ID_CONFIG, "dispatch-dlt");
            });
  }

  @Test
  void a_handler_that_takes_nothing_stops_the_service() {
    runner
        .withBean(
            "idle",
            InboxHandler.class,
            () ->
                new Lifecycle() {
                  @Override
                  public Set<InboundType> takes() {
                    return Set.of();
                  }
                })
        .run(
            context ->
                assertThat(context)
                    .hasFailed()
                    .getFailure()
                    .rootCause()
                    .hasMessageContaining("takes no types"));
  }
}
