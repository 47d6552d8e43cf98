package gov.hotline.contract.workorder;

/**
 * What a deadline was computed from: a number of working days on a named calendar ({@code
 * weekdays}: Monday to Friday), or {@code workingDays} null when a date was set by hand.
 */
public record DeadlineBasis(Integer workingDays, String calendar) {}
