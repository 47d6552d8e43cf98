package gov.hotline.platform.kafka;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.kafka.core.KafkaAdmin;

/**
 * Makes topics that already exist keep their records at least as long as this service declares
 * ({@link RetainedTopics}). {@link KafkaAdmin} creates missing topics with the declared
 * configuration but leaves an existing topic alone, so a lifecycle topic once created by hand or by
 * the broker's auto-create (7 days by default) would silently lose history.
 *
 * <p>Only {@code retention.ms}, {@code retention.bytes} and {@code cleanup.policy} are checked, and
 * only ever lengthened: a shorter retention is raised, {@code compact} is replaced by the declared
 * policy, but an operator's longer retention stays. (That is why this is not spring-kafka's {@code
 * modifyTopicConfigs}, which would also shorten it.) Each correction is logged at WARN.
 */
public class RetentionGuard implements SmartInitializingSingleton {
  private static final Logger log = LoggerFactory.getLogger(RetentionGuard.class);
  private static final Set<String> GUARDED =
      Set.of(
          TopicConfig.RETENTION_MS_CONFIG,
          TopicConfig.RETENTION_BYTES_CONFIG,
          TopicConfig.CLEANUP_POLICY_CONFIG);

  private final KafkaAdmin admin;
  private final Supplier<Collection<NewTopic>> declared;
  private final boolean failFast;

  /**
   * @param declared the topics this service declares, read when the context has started
   * @param failFast whether a broker that cannot be asked stops the service (as Boot's {@code
   *     spring.kafka.admin.fail-fast}); otherwise it is logged at ERROR and checked at next start
   */
  public RetentionGuard(
      KafkaAdmin admin, Supplier<Collection<NewTopic>> declared, boolean failFast) {
    this.admin = admin;
    this.declared = declared;
    this.failFast = failFast;
  }

  /** One configuration value changed on one topic. */
  public record Correction(String topic, String key, String was, String now) {}

  @Override
  public void afterSingletonsInstantiated() {
    try {
      correct();
    } catch (Exception e) {
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      if (failFast) {
        throw new IllegalStateException("cannot check the retention of topics", e);
      }
      log.error("cannot check the retention of topics; they are checked again at next start", e);
    }
  }

  /** Lengthens what is shorter than declared and returns what it changed. */
  public List<Correction> correct()
      throws ExecutionException, InterruptedException, TimeoutException {
    Map<String, Map<String, String>> wanted = guardedConfigs(declared.get());
    if (wanted.isEmpty()) {
      return List.of();
    }
    long timeout = admin.getOperationTimeout();
    try (Admin client = Admin.create(admin.getConfigurationProperties())) {
      Set<String> existing = client.listTopics().names().get(timeout, TimeUnit.SECONDS);
      List<ConfigResource> resources =
          wanted.keySet().stream()
              .filter(existing::contains)
              .map(name -> new ConfigResource(ConfigResource.Type.TOPIC, name))
              .toList();
      if (resources.isEmpty()) {
        return List.of();
      }
      Map<ConfigResource, Config> current =
          client.describeConfigs(resources).all().get(timeout, TimeUnit.SECONDS);
      Map<ConfigResource, Collection<AlterConfigOp>> changes = new LinkedHashMap<>();
      List<Correction> corrections = new ArrayList<>();
      for (ConfigResource resource : resources) {
        wanted
            .get(resource.name())
            .forEach(
                (key, value) -> {
                  ConfigEntry entry = current.get(resource).get(key);
                  if (entry != null && shorter(key, entry.value(), value)) {
                    changes
                        .computeIfAbsent(resource, r -> new ArrayList<>())
                        .add(
                            new AlterConfigOp(
                                new ConfigEntry(key, value), AlterConfigOp.OpType.SET));
                    corrections.add(new Correction(resource.name(), key, entry.value(), value));
                  }
                });
      }
      if (!changes.isEmpty()) {
        client.incrementalAlterConfigs(changes).all().get(timeout, TimeUnit.SECONDS);
        corrections.forEach(
            c ->
                log.warn(
                    "topic {} kept less than this service declares: {} was {}, is now {} (ADR 0004)",
                    c.topic(),
                    c.key(),
                    c.was(),
                    c.now()));
      }
      return corrections;
    }
  }

  private static Map<String, Map<String, String>> guardedConfigs(Collection<NewTopic> topics) {
    Map<String, Map<String, String>> wanted = new LinkedHashMap<>();
    for (NewTopic topic : topics) {
      if (topic.configs() == null) {
        continue;
      }
      topic.configs().entrySet().stream()
          .filter(e -> GUARDED.contains(e.getKey()))
          .forEach(
              e ->
                  wanted
                      .computeIfAbsent(topic.name(), n -> new LinkedHashMap<>())
                      .put(e.getKey(), e.getValue()));
    }
    return wanted;
  }

  /** Whether the topic's {@code current} value keeps records for less than {@code wanted}. */
  static boolean shorter(String key, String current, String wanted) {
    if (TopicConfig.CLEANUP_POLICY_CONFIG.equals(key)) {
      return current.contains(TopicConfig.CLEANUP_POLICY_COMPACT)
          && !wanted.contains(TopicConfig.CLEANUP_POLICY_COMPACT);
    }
    long have = Long.parseLong(current);
    long want = Long.parseLong(wanted);
    if (want < 0) {
      return have >= 0;
    }
    return have >= 0 && have < want;
  }
}
