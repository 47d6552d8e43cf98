package gov.hotline.platform.inbox;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Which handlers take which records: all handlers' {@link InboxHandler#takes()} keyed by topic and
 * {@code ce_type}, each list in the handlers' order. Built once at start-up; a handler that takes
 * nothing, or takes one type twice, is a mistake reported then rather than a silent gap later.
 */
final class InboxRoutes {

  /** One handler taking one type, and the class it wants the data read into. */
  record Route(InboxHandler handler, Class<?> payloadType) {}

  /** The routes of one topic and type: all of them, and those that take this service's own. */
  record Routes(List<Route> all, List<Route> includingOwn) {
    static final Routes NONE = new Routes(List.of(), List.of());
  }

  private record Key(String topic, String ceType) {}

  private final Map<Key, Routes> routes = new LinkedHashMap<>();
  private final SortedSet<String> topics = new TreeSet<>();

  /** Every handler, in their order. */
  List<InboxHandler> handlers() {
    return handlers;
  }

  private final List<InboxHandler> handlers;

  InboxRoutes(List<? extends InboxHandler> handlers) {
    this.handlers = List.copyOf(handlers);
    Map<Key, List<Route>> byKey = new LinkedHashMap<>();
    for (InboxHandler handler : handlers) {
      Set<InboundType> takes = handler.takes();
      if (takes == null || takes.isEmpty()) {
        throw new IllegalStateException(handler.getClass().getName() + " takes no types");
      }
      for (InboundType type : takes) {
        List<Route> routes =
            byKey.computeIfAbsent(new Key(type.topic(), type.ceType()), k -> new ArrayList<>());
        if (routes.stream().anyMatch(r -> r.handler() == handler)) {
          throw new IllegalStateException(
              handler.getClass().getName()
                  + " takes "
                  + type.ceType()
                  + " on "
                  + type.topic()
                  + " twice");
        }
        routes.add(new Route(handler, type.payloadType()));
        topics.add(type.topic());
      }
    }
    byKey.forEach(
        (key, all) ->
            routes.put(
                key,
                new Routes(
                    List.copyOf(all),
                    all.stream().filter(r -> r.handler().includesOwnEvents()).toList())));
  }

  /** The topics to subscribe to. */
  Set<String> topics() {
    return Collections.unmodifiableSortedSet(topics);
  }

  Routes to(String topic, String ceType) {
    return routes.getOrDefault(new Key(topic, ceType), Routes.NONE);
  }
}
