package gov.hotline.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.StringJoiner;

/**
 * Renders an order's timeline from supervision ({@code {"orderId","orderNumber","events":[...]}})
 * as a table a person reads: one line per step, who did it, which service said so, and the facts
 * that matter for that step.
 */
public final class TimelineTable {

  static final int FACTS_WIDTH = 72;
  private static final int VALUE_WIDTH = 28;
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS");

  /** Fields every event carries, shown in their own columns or not at all. */
  private static final Set<String> ENVELOPE =
      Set.of("orderId", "orderNumber", "occurredAt", "actor", "eventId", "type", "step", "service");

  /**
   * Personal data stays off the console even where the event carries it masked; the whole {@code
   * caller} object is skipped as well.
   */
  private static final Set<String> PERSONAL = Set.of("phone", "maskedPhone", "idNumber");

  /** What to show first for each step; anything else follows while there is room. */
  private static final Map<String, List<String>> KEY_FACTS =
      Map.of(
          "RECEIVED", List.of("channel", "demandType", "category.code", "urgency", "title"),
          "DISPATCHED", List.of("unit.name", "unit.id", "routing.mode", "workingDays", "dueAt"),
          "HANDLED", List.of("outcome", "reply", "measures"),
          "AUDITED", List.of("verdict", "reason"),
          "REVISITED", List.of("outcome", "satisfaction", "resolved", "reached", "via"));

  private final ZoneId zone;

  public TimelineTable(ZoneId zone) {
    this.zone = zone;
  }

  public String render(JsonNode timeline) {
    TextTable table =
        new TextTable("#", "STEP", "TIME", "+ELAPSED", "ACTOR", "SERVICE", "KEY FACTS");
    Instant first = null;
    int n = 0;
    for (JsonNode event : timeline.path("events")) {
      Optional<Instant> at = instant(event.path("occurredAt").asText(""));
      if (first == null && at.isPresent()) {
        first = at.get();
      }
      String step = step(event);
      table.row(
          ++n,
          step,
          at.map(i -> TIME.format(i.atZone(zone))).orElse(event.path("occurredAt").asText("-")),
          at.isPresent() && first != null ? elapsed(Duration.between(first, at.get())) : "-",
          actor(event.path("actor")),
          event.path("service").asText("-"),
          keyFacts(step, event.path("data")));
    }
    return table.render();
  }

  /** The step's name: {@code step} if given, else taken from {@code type} (…​.dispatched.v1). */
  static String step(JsonNode event) {
    return step(event.path("step").asText(""), event.path("type").asText(""));
  }

  /** {@code step} if given, else taken from {@code type} (…​.dispatched.v1). */
  static String step(String step, String type) {
    if (step != null && !step.isBlank()) {
      return step;
    }
    String[] parts = (type == null ? "" : type).split("\\.");
    return parts.length >= 2 ? parts[parts.length - 2].toUpperCase(Locale.ROOT) : "?";
  }

  static String actor(JsonNode actor) {
    if (actor.isMissingNode() || actor.isNull()) {
      return "-";
    }
    StringJoiner text = new StringJoiner(" ");
    for (String field : new String[] {"role", "userId", "system"}) {
      if (actor.path(field).isTextual()) {
        text.add(actor.path(field).asText());
      }
    }
    if (actor.path("unitId").isTextual()) {
      text.add("@" + actor.path("unitId").asText());
    }
    return text.length() == 0 ? "-" : text.toString();
  }

  static String keyFacts(String step, JsonNode data) {
    Map<String, String> flat = new LinkedHashMap<>();
    flatten("", data, flat);
    List<String> ordered = new ArrayList<>();
    for (String wanted : KEY_FACTS.getOrDefault(step, List.of())) {
      flat.entrySet().stream()
          .filter(e -> e.getKey().equals(wanted) || e.getKey().endsWith("." + wanted))
          .findFirst()
          .ifPresent(e -> ordered.add(e.getKey()));
    }
    flat.keySet().stream().filter(k -> !ordered.contains(k)).forEach(ordered::add);

    StringJoiner facts = new StringJoiner(", ");
    for (String key : ordered) {
      // "unit.name" reads well; "dueBasis.workingDays" reads better as "workingDays"
      String label =
          key.startsWith("unit.") || key.startsWith("category.")
              ? key
              : key.substring(key.lastIndexOf('.') + 1);
      String candidate = label + "=" + TextTable.truncate(flat.get(key), VALUE_WIDTH);
      if (TextTable.displayWidth(facts + ", " + candidate) > FACTS_WIDTH) {
        break;
      }
      facts.add(candidate);
    }
    return facts.length() == 0 ? "-" : facts.toString();
  }

  private static void flatten(String prefix, JsonNode node, Map<String, String> into) {
    if (node == null || node.isMissingNode() || node.isNull()) {
      return;
    }
    for (Map.Entry<String, JsonNode> field : node.properties()) {
      String name = field.getKey();
      JsonNode value = field.getValue();
      if ((prefix.isEmpty() && ENVELOPE.contains(name)) || PERSONAL.contains(name)) {
        continue;
      }
      if (prefix.isEmpty() && "attempt".equals(name) && value.asInt() == 1) {
        continue; // worth showing only on a redo or a reopened order
      }
      String key = prefix.isEmpty() ? name : prefix + "." + name;
      if (value.isObject()) {
        if (!"caller".equals(name)) { // whom the citizen is never belongs on a console
          flatten(key, value, into);
        }
      } else if (value.isArray()) {
        StringJoiner items = new StringJoiner("/");
        boolean scalars = true;
        for (JsonNode item : value) {
          scalars &= item.isValueNode();
          items.add(item.asText());
        }
        if (scalars && value.size() > 0) {
          into.put(key, items.toString());
        }
      } else if (!value.isNull()) {
        into.put(key, value.asText());
      }
    }
  }

  static Optional<Instant> instant(String text) {
    if (text == null || text.isBlank()) {
      return Optional.empty();
    }
    try {
      return Optional.of(OffsetDateTime.parse(text).toInstant());
    } catch (DateTimeParseException notOffset) {
      try {
        return Optional.of(Instant.parse(text));
      } catch (DateTimeParseException notInstant) {
        return Optional.empty();
      }
    }
  }

  static String elapsed(Duration duration) {
    long ms = duration.toMillis();
    return ms < 10_000 ? "+" + ms + " ms" : String.format(Locale.ROOT, "+%.1f s", ms / 1000.0);
  }
}
