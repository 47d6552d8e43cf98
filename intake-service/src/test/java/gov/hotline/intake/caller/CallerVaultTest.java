package gov.hotline.intake.caller;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CallerVaultTest {
  @Test
  void numbers_written_differently_are_the_same_caller() {
    assertThat(CallerVault.normalise("+86 138-0013-8000")).isEqualTo("13800138000");
    assertThat(CallerVault.normalise("008613800138000")).isEqualTo("13800138000");
    assertThat(CallerVault.normalise("0561-3012345")).isEqualTo("05613012345");
  }

  @Test
  void masked_numbers_keep_only_the_prefix_and_the_last_four_digits() {
    assertThat(CallerVault.mask("13800138000")).isEqualTo("138****8000");
    assertThat(CallerVault.mask("12345")).isEqualTo("***45");
  }
}
