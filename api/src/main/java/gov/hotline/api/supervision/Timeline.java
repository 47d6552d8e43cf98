package gov.hotline.api.supervision;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * An order's audit trail, as {@code GET /orders/{orderId}/timeline} on supervision answers it:
 * every lifecycle event in the order it stood on the topic.
 */
public record Timeline(UUID orderId, String orderNumber, List<Entry> events) {

  /**
   * One event: who ({@code actor}: role, userId, unitId, system), when, which service said so and
   * the event's payload as it was published ({@code data}).
   */
  public record Entry(
      String eventId,
      String type,
      String step,
      Instant occurredAt,
      int attempt,
      Map<String, Object> actor,
      String service,
      Map<String, Object> data,
      Instant recordedAt) {}
}
