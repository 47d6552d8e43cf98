package gov.hotline.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ArrivalScheduleTest {
  private static final long S = 1_000_000_000L;

  @Test
  void arrivals_come_at_fixed_intervals_from_the_start() {
    ArrivalSchedule schedule = new ArrivalSchedule(1_000, 20);

    assertThat(schedule.due(0)).isEqualTo(1_000);
    assertThat(schedule.due(1)).isEqualTo(1_000 + S / 20);
    assertThat(schedule.due(20)).isEqualTo(1_000 + S);
  }

  @Test
  void the_number_due_counts_every_arrival_at_or_before_now_and_none_before_the_start() {
    ArrivalSchedule schedule = new ArrivalSchedule(1_000, 20);

    assertThat(schedule.dueBy(999)).isZero();
    assertThat(schedule.dueBy(1_000)).isEqualTo(1);
    assertThat(schedule.dueBy(1_000 + S / 20 - 1)).isEqualTo(1);
    assertThat(schedule.dueBy(1_000 + S / 20)).isEqualTo(2);
    assertThat(schedule.dueBy(1_000 + 60 * S)).isEqualTo(20 * 60 + 1);
  }

  @Test
  void rates_that_do_not_divide_a_second_drift_nowhere_over_a_long_run() {
    ArrivalSchedule schedule = new ArrivalSchedule(0, 3);

    assertThat(schedule.due(1)).isEqualTo(333_333_333);
    assertThat(schedule.due(3_000)).isEqualTo(1_000 * S);
    for (long n = 0; n < 10_000; n += 7) {
      assertThat(schedule.dueBy(schedule.due(n))).isEqualTo(n + 1);
      assertThat(schedule.dueBy(schedule.due(n) - 1)).isEqualTo(n);
    }
  }

  @Test
  void a_rate_must_be_positive() {
    assertThatThrownBy(() -> new ArrivalSchedule(0, 0)).hasMessageContaining("positive");
    assertThatThrownBy(() -> new ArrivalSchedule(0, Double.NaN))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
