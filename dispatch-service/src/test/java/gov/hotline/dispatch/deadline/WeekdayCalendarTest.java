package gov.hotline.dispatch.deadline;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class WeekdayCalendarTest {
  private final WeekdayCalendar calendar = new WeekdayCalendar(ZoneId.of("Asia/Shanghai"));

  @Test
  void ten_working_days_from_a_tuesday_skip_two_weekends() {
    // Tuesday 2026-11-24 10:00 in Shanghai → Tuesday 2026-12-08, end of day.
    Instant due = calendar.dueAt(Instant.parse("2026-11-24T02:00:00Z"), 10);
    assertThat(due).isEqualTo(Instant.parse("2026-12-08T15:59:59Z"));
  }

  @Test
  void a_friday_evening_order_with_one_day_is_due_on_monday() {
    // Friday 2026-11-27 23:30 in Shanghai.
    Instant due = calendar.dueAt(Instant.parse("2026-11-27T15:30:00Z"), 1);
    assertThat(due).isEqualTo(Instant.parse("2026-11-30T15:59:59Z"));
  }
}
