package gov.hotline.supervision.timeline;

import static gov.hotline.contract.ActorRole.AUDITOR;
import static gov.hotline.contract.ActorRole.SUPERVISOR;

import gov.hotline.api.supervision.Timeline;
import gov.hotline.api.supervision.Timeline.Entry;
import gov.hotline.platform.domain.UnknownEntity;
import gov.hotline.platform.web.Allowed;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import org.bson.Document;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

@RestController
class TimelineController {
  private final TimelineStore timeline;

  TimelineController(TimelineStore timeline) {
    this.timeline = timeline;
  }

  /** The order's whole history, every event in order, with who, when, which service and what. */
  @GetMapping("/orders/{orderId}/timeline")
  @Allowed({AUDITOR, SUPERVISOR})
  Timeline timeline(@PathVariable UUID orderId) {
    List<Document> entries = timeline.entries(orderId);
    if (entries.isEmpty()) {
      throw new UnknownEntity("order", orderId);
    }
    return new Timeline(
        orderId,
        entries.get(0).getString("orderNumber"),
        entries.stream().map(TimelineController::entry).toList());
  }

  private static Entry entry(Document d) {
    Document data = d.get("data", Document.class);
    return new Entry(
        d.getString("_id"),
        d.getString("type"),
        d.getString("step"),
        d.getDate("occurredAt").toInstant(),
        d.getInteger("attempt", 1),
        d.get("actor", Document.class),
        d.getString("service"),
        data,
        toInstant(d.getDate("recordedAt")));
  }

  private static Instant toInstant(Date date) {
    return date == null ? null : date.toInstant();
  }
}
