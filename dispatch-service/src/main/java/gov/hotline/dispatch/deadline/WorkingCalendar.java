package gov.hotline.dispatch.deadline;

import java.time.Instant;

/**
 * Turns a number of working days into a due time. The dispatch handler asks it; the national
 * holiday and make-up-day calendar (调休) replaces the weekday one without touching the handler.
 */
public interface WorkingCalendar {
  /** The calendar's name, recorded in every event whose deadline it computed. */
  String name();

  /** The end of the {@code workingDays}-th working day after the day of {@code from}. */
  Instant dueAt(Instant from, int workingDays);
}
