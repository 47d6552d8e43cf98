package gov.hotline.platform.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RetentionGuardTest {

  @Test
  void unlimited_is_longer_than_any_limit() {
    assertThat(RetentionGuard.shorter("retention.ms", "604800000", "-1")).isTrue();
    assertThat(RetentionGuard.shorter("retention.bytes", "1073741824", "-1")).isTrue();
    assertThat(RetentionGuard.shorter("retention.ms", "-1", "-1")).isFalse();
  }

  @Test
  void a_limit_is_raised_but_never_lowered() {
    assertThat(RetentionGuard.shorter("retention.ms", "86400000", "2592000000")).isTrue();
    assertThat(RetentionGuard.shorter("retention.ms", "2592000000", "2592000000")).isFalse();
    assertThat(RetentionGuard.shorter("retention.ms", "7776000000", "2592000000")).isFalse();
    assertThat(RetentionGuard.shorter("retention.ms", "-1", "2592000000")).isFalse();
  }

  @Test
  void compaction_is_replaced_on_a_topic_declared_to_delete() {
    assertThat(RetentionGuard.shorter("cleanup.policy", "compact", "delete")).isTrue();
    assertThat(RetentionGuard.shorter("cleanup.policy", "compact,delete", "delete")).isTrue();
    assertThat(RetentionGuard.shorter("cleanup.policy", "delete", "delete")).isFalse();
  }
}
