package gov.hotline.platform.axon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.client.MongoClient;
import gov.hotline.contract.workorder.WorkOrderAudited;
import gov.hotline.platform.Infrastructure;
import java.util.List;
import java.util.UUID;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.UnableToClaimTokenException;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.extensions.mongo.eventsourcing.eventstore.MongoEventStorageEngine;
import org.axonframework.extensions.mongo.eventsourcing.tokenstore.MongoTokenStore;
import org.axonframework.serialization.RevisionResolver;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.health.Status;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.data.mongo.MongoDataAutoConfiguration;
import org.springframework.boot.autoconfigure.mongo.MongoAutoConfiguration;
import org.springframework.boot.convert.ApplicationConversionService;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The store concern against a Mongo wire server (in memory). */
class AxonMongoConfigurationTest {
  private final ApplicationContextRunner runner =
      new ApplicationContextRunner()
          .withConfiguration(
              AutoConfigurations.of(
                  MongoAutoConfiguration.class,
                  MongoDataAutoConfiguration.class,
                  AxonMongoConfiguration.class))
          .withUserConfiguration(Serializers.class)
          // as SpringApplication does, so "${...:PT3S}" converts to a Duration
          .withInitializer(
              context ->
                  context
                      .getBeanFactory()
                      .setConversionService(ApplicationConversionService.getSharedInstance()))
          .withPropertyValues(
              "spring.data.mongodb.uri=" + Infrastructure.mongo().connectionString(),
              "spring.data.mongodb.database=store-" + UUID.randomUUID());

  /** What Axon's own auto-configuration would provide. */
  @Configuration(proxyBeanMethods = false)
  static class Serializers {
    @Bean
    Serializer serializer() {
      return JacksonSerializer.builder().revisionResolver(new ContractRevisionResolver()).build();
    }

    @Bean
    Serializer eventSerializer() {
      return serializer();
    }
  }

  @Test
  void events_are_stored_in_the_services_own_mongo_database_with_their_contract_revision() {
    runner.run(
        context -> {
          EventStorageEngine store = context.getBean(EventStorageEngine.class);
          assertThat(store).isInstanceOf(MongoEventStorageEngine.class);
          assertThat(context.getBean(org.axonframework.eventsourcing.eventstore.EventStore.class))
              .as("events stamped when their unit of work commits (ADR 0002)")
              .isInstanceOf(StampedAtCommit.class);
          UUID orderId = UUID.randomUUID();
          store.appendEvents(
              List.of(
                  new GenericDomainEventMessage<>(
                      "Oversight", orderId.toString(), 0, audited(orderId))));
          DomainEventMessage<?> read =
              store.readEvents(orderId.toString()).asStream().findFirst().orElseThrow();
          assertThat(read.getPayload()).isEqualTo(audited(orderId));
          assertThat(context.getBean(RevisionResolver.class).revisionOf(WorkOrderAudited.class))
              .isEqualTo("1");
        });
  }

  @Test
  void tracking_tokens_are_kept_in_mongo_and_health_is_a_ping() {
    runner.run(
        context -> {
          TokenStore tokens = context.getBean(TokenStore.class);
          assertThat(tokens).isInstanceOf(RecentClaims.class);
          assertThat(((RecentClaims) tokens).delegate()).isInstanceOf(MongoTokenStore.class);
          tokens.initializeTokenSegments("some-view", 2);
          assertThat(tokens.fetchSegments("some-view")).containsExactly(0, 1);
          MongoPingHealthIndicator health =
              context.getBean("mongoHealthIndicator", MongoPingHealthIndicator.class);
          assertThat(health.health().getStatus()).isEqualTo(Status.UP);
        });
  }

  /** Two instances in one JVM must not take each other's segment claims for their own. */
  @Test
  void each_instance_claims_segments_under_its_own_name_and_balances_only_with_segments() {
    runner.run(
        one ->
            runner
                .withPropertyValues("hotline.processors.segments=2")
                .run(
                    two -> {
                      assertThat(one.getBean(ProcessorNode.class).name())
                          .isNotEqualTo(two.getBean(ProcessorNode.class).name());
                      assertThat(one).doesNotHaveBean(SegmentBalancer.class);
                      assertThat(two).hasSingleBean(SegmentBalancer.class);
                      TokenStore first = one.getBean(TokenStore.class);
                      TokenStore second = two.getBean(TokenStore.class);
                      first.initializeTokenSegments("shared-view", 1);
                      first.fetchToken("shared-view", 0);
                      assertThatThrownBy(() -> second.fetchToken("shared-view", 0))
                          .isInstanceOf(UnableToClaimTokenException.class);
                    }));
  }

  @Test
  void without_the_mongo_driver_there_is_no_store() {
    runner
        .withClassLoader(new FilteredClassLoader(MongoClient.class))
        .run(
            context -> {
              assertThat(context).doesNotHaveBean(EventStorageEngine.class);
              assertThat(context).doesNotHaveBean(TokenStore.class);
            });
  }

  private static WorkOrderAudited audited(UUID orderId) {
    return new WorkOrderAudited(
        orderId,
        "20261124000001",
        java.time.Instant.parse("2026-11-24T02:00:00Z"),
        new gov.hotline.contract.Actor(
            gov.hotline.contract.ActorRole.SUPERVISOR, "s-1", null, null),
        1,
        gov.hotline.contract.workorder.Verdict.APPROVED,
        "ok");
  }
}
