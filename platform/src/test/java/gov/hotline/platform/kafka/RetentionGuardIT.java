package gov.hotline.platform.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import gov.hotline.contract.EventType;
import gov.hotline.contract.Topics;
import gov.hotline.platform.Infrastructure;
import gov.hotline.platform.inbox.InboundEvent;
import gov.hotline.platform.inbox.InboundType;
import gov.hotline.platform.inbox.InboxAutoConfiguration;
import gov.hotline.platform.inbox.InboxHandler;
import gov.hotline.platform.relay.RelayAutoConfiguration;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * Topics found with too short a retention, or compacted, are corrected when a service starts: the
 * platform's auto-configuration on a real Kafka broker.
 */
@ExtendWith(OutputCaptureExtension.class)
class RetentionGuardIT {
  private static final String SERVICE = "retention-it";
  private static final String COMMANDS = "retention-it.commands";
  private static final long SEVEN_DAYS = Duration.ofDays(7).toMillis();
  private static final long ONE_DAY = Duration.ofDays(1).toMillis();
  private static final long NINETY_DAYS = Duration.ofDays(90).toMillis();

  private final Admin admin =
      Admin.create(
          Map.of(
              AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
              Infrastructure.kafka().bootstrapServers()));

  /** Reads the lifecycle topic and a command topic, so the service has two dead-letter topics. */
  static class Handler implements InboxHandler {
    @Override
    public Set<InboundType> takes() {
      return Set.of(
          InboundType.of(EventType.WORKORDER_AUDITED),
          InboundType.command(COMMANDS, "gov.unit.redo.requested.v1", JsonNode.class));
    }

    @Override
    public void handle(InboundEvent event) {}
  }

  private final ApplicationContextRunner service =
      Infrastructure.service(SERVICE, RelayAutoConfiguration.class, InboxAutoConfiguration.class)
          .withBean(Handler.class)
          .withPropertyValues(
              "hotline.topics.partitions=2", "spring.kafka.listener.auto-startup=false");

  @AfterEach
  void close() {
    admin.close();
  }

  @Test
  void event_topics_found_shorter_or_compacted_keep_everything_and_dead_letters_thirty_days(
      CapturedOutput output) throws Exception {
    String lifecycleDeadLetters = Topics.deadLetter(Topics.WORKORDER_LIFECYCLE, SERVICE);
    String commandDeadLetters = Topics.deadLetter(COMMANDS, SERVICE);
    // as someone else (or the broker's auto-create) might have left them
    topicWith(Topics.WORKORDER_LIFECYCLE, Map.of("retention.ms", Long.toString(SEVEN_DAYS)));
    topicWith(Topics.KNOWLEDGE_ARTICLE, Map.of("cleanup.policy", "compact"));
    topicWith(lifecycleDeadLetters, Map.of("retention.ms", Long.toString(ONE_DAY)));
    topicWith(commandDeadLetters, Map.of("retention.ms", Long.toString(NINETY_DAYS)));

    service.run(
        context -> {
          assertThat(context).hasNotFailed();

          assertThat(config(Topics.WORKORDER_LIFECYCLE, "retention.ms")).isEqualTo("-1");
          assertThat(config(Topics.WORKORDER_LIFECYCLE, "cleanup.policy")).isEqualTo("delete");
          assertThat(config(Topics.KNOWLEDGE_ARTICLE, "cleanup.policy")).isEqualTo("delete");
          assertThat(config(Topics.KNOWLEDGE_ARTICLE, "retention.ms")).isEqualTo("-1");
          assertThat(config(lifecycleDeadLetters, "retention.ms")).isEqualTo("2592000000");
          // an operator's longer retention is never shortened
          assertThat(config(commandDeadLetters, "retention.ms"))
              .isEqualTo(Long.toString(NINETY_DAYS));
          assertThat(output)
              .contains(
                  "topic "
                      + Topics.WORKORDER_LIFECYCLE
                      + " kept less than this service declares: retention.ms was "
                      + SEVEN_DAYS
                      + ", is now -1")
              .contains(
                  Topics.KNOWLEDGE_ARTICLE
                      + " kept less than this service declares: cleanup.policy was compact, is now delete")
              .contains(
                  lifecycleDeadLetters
                      + " kept less than this service declares: retention.ms was "
                      + ONE_DAY
                      + ", is now 2592000000");
          // a second start finds nothing to correct
          assertThat(context.getBean(RetentionGuard.class).correct()).isEmpty();
        });
  }

  /** Creates the topic with these settings, or gives an existing one these settings. */
  private void topicWith(String topic, Map<String, String> configs) throws Exception {
    if (admin.listTopics().names().get(10, TimeUnit.SECONDS).contains(topic)) {
      Collection<AlterConfigOp> ops = new ArrayList<>();
      configs.forEach(
          (key, value) ->
              ops.add(new AlterConfigOp(new ConfigEntry(key, value), AlterConfigOp.OpType.SET)));
      admin
          .incrementalAlterConfigs(
              Map.of(new ConfigResource(ConfigResource.Type.TOPIC, topic), ops))
          .all()
          .get(10, TimeUnit.SECONDS);
    } else {
      admin
          .createTopics(List.of(new NewTopic(topic, 1, (short) 1).configs(configs)))
          .all()
          .get(10, TimeUnit.SECONDS);
    }
    // a new topic's metadata reaches the broker a moment after the controller created it
    for (Map.Entry<String, String> setting : configs.entrySet()) {
      await()
          .atMost(Duration.ofSeconds(10))
          .ignoreExceptions()
          .untilAsserted(
              () -> assertThat(config(topic, setting.getKey())).isEqualTo(setting.getValue()));
    }
  }

  private String config(String topic, String key) throws Exception {
    ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
    Config config =
        admin.describeConfigs(List.of(resource)).all().get(10, TimeUnit.SECONDS).get(resource);
    return config.get(key).value();
  }
}
