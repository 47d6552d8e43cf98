package gov.hotline.dispatch.deadline;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;

/**
 * Counts working days as Monday to Friday. The national holiday and make-up-day calendar (调休)
 * replaces it with the dispatch issue; events name the calendar they were computed on.
 */
public class WeekdayCalendar implements WorkingCalendar {
  public static final String NAME = "weekdays";
  private final ZoneId zone;

  public WeekdayCalendar(ZoneId zone) {
    this.zone = zone;
  }

  @Override
  public String name() {
    return NAME;
  }

  /**
   * The end (23:59:59 local) of the {@code workingDays}-th working day after the day of {@code
   * from}; the day of dispatch itself does not count.
   */
  @Override
  public Instant dueAt(Instant from, int workingDays) {
    if (workingDays < 1) {
      throw new IllegalArgumentException("workingDays must be at least 1");
    }
    LocalDate day = LocalDate.ofInstant(from, zone);
    int counted = 0;
    while (counted < workingDays) {
      day = day.plusDays(1);
      if (isWorkingDay(day)) {
        counted++;
      }
    }
    return day.atTime(LocalTime.of(23, 59, 59)).atZone(zone).toInstant();
  }

  public boolean isWorkingDay(LocalDate day) {
    return day.getDayOfWeek() != DayOfWeek.SATURDAY && day.getDayOfWeek() != DayOfWeek.SUNDAY;
  }
}
