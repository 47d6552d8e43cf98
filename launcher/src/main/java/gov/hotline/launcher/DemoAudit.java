package gov.hotline.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the lifecycle topic says about one demo run. Events are told apart by their CloudEvents id
 * ({@code ce_id}): a relay that sends an event again after a restart repeats its id, and consumers
 * skip the copy. A second {@code Received} with an id of its own for the same demand is a second
 * order — what the {@code Idempotency-Key} on {@code POST /orders} is there to prevent. Each demo
 * demand names its number and its run in the order's description, so it is found on the topic even
 * when intake's answer never reached the demo.
 */
final class DemoAudit {
  private static final Pattern DEMAND = Pattern.compile("演示工单 #(\\d+)，批次 ([0-9a-z]+)");

  private final Map<Integer, Set<String>> ordersByDemand;
  private final int records;
  private final int events;

  private DemoAudit(Map<Integer, Set<String>> ordersByDemand, int records, int events) {
    this.ordersByDemand = ordersByDemand;
    this.records = records;
    this.events = events;
  }

  /** How demand {@code k} of run {@code run} reads in the order's description. */
  static String demandMark(int k, String run) {
    return "演示工单 #" + k + "，批次 " + run;
  }

  static DemoAudit of(List<LifecycleTopic.TopicRecord> topic, String run, ObjectMapper json) {
    Map<Integer, Set<String>> ordersByDemand = new TreeMap<>();
    Set<String> orders = new HashSet<>();
    for (LifecycleTopic.TopicRecord record : topic) {
      if (record.ceType() == null || !record.ceType().contains(".received.")) {
        continue;
      }
      Matcher demand = DEMAND.matcher(description(record, json));
      if (demand.find() && demand.group(2).equals(run) && record.key() != null) {
        ordersByDemand
            .computeIfAbsent(Integer.parseInt(demand.group(1)), k -> new LinkedHashSet<>())
            .add(record.key());
        orders.add(record.key());
      }
    }
    int records = 0;
    Set<String> ids = new HashSet<>();
    for (LifecycleTopic.TopicRecord record : topic) {
      if (orders.contains(record.key())) {
        records++;
        ids.add(record.ceId() == null ? record.partition() + "@" + record.offset() : record.ceId());
      }
    }
    return new DemoAudit(ordersByDemand, records, ids.size());
  }

  private static String description(LifecycleTopic.TopicRecord record, ObjectMapper json) {
    try {
      JsonNode payload = json.readTree(record.value());
      return payload == null ? "" : payload.path("description").asText("");
    } catch (IOException unreadable) {
      return "";
    }
  }

  /** Records of this run's orders, copies included. */
  int records() {
    return records;
  }

  /** Distinct events (by {@code ce_id}) of this run's orders. */
  int events() {
    return events;
  }

  /** Records sent again with an id already on the topic. */
  int copies() {
    return records - events;
  }

  /** The orders the topic received for each demand. */
  Map<Integer, Set<String>> ordersByDemand() {
    return ordersByDemand;
  }

  /** Demands that became more than one order. */
  Map<Integer, Set<String>> duplicates() {
    Map<Integer, Set<String>> duplicates = new TreeMap<>();
    ordersByDemand.forEach(
        (k, orders) -> {
          if (orders.size() > 1) {
            duplicates.put(k, orders);
          }
        });
    return duplicates;
  }

  /** Of {@code opened}, the demands the topic shows no order for (yet). */
  List<Integer> missing(Collection<Integer> opened) {
    return opened.stream().filter(k -> !ordersByDemand.containsKey(k)).sorted().toList();
  }
}
