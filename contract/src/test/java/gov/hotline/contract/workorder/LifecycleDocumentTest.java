package gov.hotline.contract.workorder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * docs/lifecycle.md's transition table and {@link OrderLifecycle} say the same thing: every state
 * (and "no order yet") crossed with every variant of every event type is folded exactly as the
 * table says, and refused where the table has no row. The variants are walked from the sealed
 * type's permitted subclasses and the enum values that change the outcome, so a new event type or a
 * new outcome value without a row here fails the build.
 */
class LifecycleDocumentTest {
  private static final Path DOCUMENT = Path.of("../docs/lifecycle.md");
  private static final Pattern ROW =
      Pattern.compile("^\\|\\s*([^|]+?)\\s*\\|\\s*`(\\w+)`([^|]*)\\|\\s*([^|]+?)\\s*\\|$");

  /** Enums whose value changes where an event leads; every other enum of an event must not. */
  private static final Set<Class<?>> OUTCOME_ENUMS =
      Set.of(Resolution.class, Verdict.class, RevisitOutcome.class);

  /** Enums of event records that only describe the step. */
  private static final Set<Class<?>> DESCRIPTIVE_ENUMS =
      Set.of(
          Channel.class,
          DemandType.class,
          Urgency.class,
          HandlingOutcome.class,
          Satisfaction.class,
          CallbackChannel.class);

  private static List<Row> table;

  record Row(
      Set<OrderState> from, String event, Set<String> qualifiers, OrderState to, boolean nextPass) {
    boolean matches(OrderState state, Variant variant) {
      if (!event.equals(variant.event()) || !from.contains(state)) {
        return false;
      }
      Set<String> values = new HashSet<>(qualifiers);
      boolean needsReason = values.remove("REASON");
      return (values.isEmpty() || values.contains(variant.value()))
          && (!needsReason || variant.value().equals("REASON"));
    }
  }

  /**
   * One way an event can happen: its type's simple name in the table, and what distinguishes it.
   */
  record Variant(
      String event, Class<?> type, String value, Function<OrderProgress, WorkOrderEvent> make) {
    @Override
    public String toString() {
      return event + (value.isEmpty() ? "" : " " + value);
    }
  }

  /** NONE stands for "—": no order yet. */
  private static final OrderState NONE = null;

  @BeforeAll
  static void readTable() throws IOException {
    table = new ArrayList<>();
    boolean inTable = false;
    for (String line : Files.readAllLines(DOCUMENT)) {
      if (line.startsWith("| from | event | to |")) {
        inTable = true;
        continue;
      }
      if (inTable && line.startsWith("|---")) {
        continue;
      }
      if (inTable && !line.startsWith("|")) {
        break;
      }
      if (inTable) {
        Matcher m = ROW.matcher(line);
        assertThat(m.matches()).as("a transition row: %s", line).isTrue();
        table.add(row(m));
      }
    }
    assertThat(table).as("the transition table of %s", DOCUMENT).hasSizeGreaterThan(5);
  }

  private static Row row(Matcher m) {
    Set<OrderState> from = new HashSet<>();
    for (String s : m.group(1).split(",")) {
      from.add(s.trim().equals("—") ? NONE : OrderState.valueOf(s.trim()));
    }
    Set<String> qualifiers = new HashSet<>();
    String rest = m.group(3).replaceAll("\\(.*?\\)", "");
    Matcher constant = Pattern.compile("\\b[A-Z][A-Z_]+\\b").matcher(rest);
    while (constant.find()) {
      qualifiers.add(constant.group());
    }
    if (rest.contains("with a reason")) {
      qualifiers.add("REASON");
    }
    String[] to = m.group(4).split(",");
    return new Row(
        from,
        m.group(2),
        qualifiers,
        OrderState.valueOf(to[0].trim()),
        m.group(4).contains("attempt + 1"));
  }

  static List<Variant> variants() {
    List<Variant> variants = new ArrayList<>();
    for (Resolution r : Resolution.values()) {
      variants.add(
          new Variant("Received", WorkOrderReceived.class, r.name(), p -> Steps.received(r)));
    }
    variants.add(
        new Variant(
            "Dispatched",
            WorkOrderDispatched.class,
            "",
            p -> Steps.dispatched(p, Steps.COMMUNITY, null)));
    variants.add(
        new Variant(
            "Dispatched",
            WorkOrderDispatched.class,
            "REASON",
            p -> Steps.dispatched(p, Steps.STREET, "转派街道")));
    variants.add(new Variant("Handled", WorkOrderHandled.class, "", Steps::handled));
    for (Verdict v : Verdict.values()) {
      variants.add(
          new Variant("Audited", WorkOrderAudited.class, v.name(), p -> Steps.audited(p, v)));
    }
    for (RevisitOutcome o : RevisitOutcome.values()) {
      variants.add(
          new Variant("Revisited", WorkOrderRevisited.class, o.name(), p -> Steps.revisited(p, o)));
    }
    return variants;
  }

  /** A history that leads to each state the catalogue can reach today. */
  static Map<OrderState, OrderProgress> reachable() {
    Map<OrderState, OrderProgress> at = new LinkedHashMap<>();
    at.put(NONE, null);
    OrderProgress p = OrderLifecycle.evolve(null, Steps.received(Resolution.WORK_ORDER));
    at.put(p.state(), p);
    p = OrderLifecycle.evolve(p, Steps.dispatched(p, Steps.COMMUNITY, null));
    at.put(p.state(), p);
    p = OrderLifecycle.evolve(p, Steps.handled(p));
    at.put(p.state(), p);
    p = OrderLifecycle.evolve(p, Steps.audited(p, Verdict.APPROVED));
    at.put(p.state(), p);
    OrderProgress awaiting = p;
    at.put(
        OrderState.REOPENED,
        OrderLifecycle.evolve(awaiting, Steps.revisited(awaiting, RevisitOutcome.REOPENED)));
    at.put(
        OrderState.CLOSED,
        OrderLifecycle.evolve(awaiting, Steps.revisited(awaiting, RevisitOutcome.CLOSED)));
    return at;
  }

  @Test
  void every_event_type_and_every_value_that_changes_the_outcome_has_a_variant() {
    Set<Class<?>> covered = variants().stream().map(Variant::type).collect(Collectors.toSet());
    assertThat(covered).containsExactlyInAnyOrder(WorkOrderEvent.class.getPermittedSubclasses());

    for (Class<?> type : WorkOrderEvent.class.getPermittedSubclasses()) {
      for (RecordComponent component : type.getRecordComponents()) {
        Class<?> enumType = component.getType();
        if (!enumType.isEnum()) {
          continue;
        }
        assertThat(OUTCOME_ENUMS.contains(enumType) || DESCRIPTIVE_ENUMS.contains(enumType))
            .as(
                "%s.%s (%s): say whether it changes where the event leads",
                type.getSimpleName(), component.getName(), enumType.getSimpleName())
            .isTrue();
        if (OUTCOME_ENUMS.contains(enumType)) {
          Set<String> values =
              variants().stream()
                  .filter(v -> v.type().equals(type))
                  .map(Variant::value)
                  .collect(Collectors.toSet());
          assertThat(values)
              .as("variants of %s", type.getSimpleName())
              .containsAll(
                  Arrays.stream(enumType.getEnumConstants())
                      .map(c -> ((Enum<?>) c).name())
                      .toList());
        }
      }
    }
  }

  @Test
  void every_row_of_the_table_names_a_real_event_and_value() {
    Set<String> events = variants().stream().map(Variant::event).collect(Collectors.toSet());
    Set<String> values = variants().stream().map(Variant::value).collect(Collectors.toSet());
    for (Row row : table) {
      assertThat(events).as("row %s", row).contains(row.event());
      assertThat(values).as("row %s", row).containsAll(row.qualifiers());
    }
  }

  @Test
  void the_fold_does_what_the_table_says_and_refuses_everything_else() {
    Map<OrderState, OrderProgress> reachable = reachable();
    List<String> mismatches = new ArrayList<>();
    for (Map.Entry<OrderState, OrderProgress> at : reachable.entrySet()) {
      OrderState from = at.getKey();
      for (Variant variant : variants()) {
        Row row = table.stream().filter(r -> r.matches(from, variant)).findFirst().orElse(null);
        WorkOrderEvent event = variant.make().apply(at.getValue());
        Throwable refused = catchThrowable(() -> OrderLifecycle.evolve(at.getValue(), event));
        String label = (from == NONE ? "—" : from.name()) + " --" + variant + "-->";
        if (row == null) {
          if (!(refused instanceof IllegalTransition)) {
            mismatches.add(label + " is not in the table but the fold allows it");
          }
          continue;
        }
        if (refused != null) {
          mismatches.add(label + " " + row.to() + " is in the table but refused: " + refused);
          continue;
        }
        OrderProgress after = OrderLifecycle.evolve(at.getValue(), event);
        int attemptBefore = at.getValue() == null ? 1 : at.getValue().attempt();
        if (after.state() != row.to()) {
          mismatches.add(label + " " + row.to() + " but the fold gives " + after.state());
        }
        if (after.attempt() != attemptBefore + (row.nextPass() ? 1 : 0)) {
          mismatches.add(
              label + " attempt " + after.attempt() + " (table: next pass " + row.nextPass() + ")");
        }
      }
    }
    assertThat(mismatches).isEmpty();
  }

  @Test
  void every_state_but_returned_is_reached_by_the_catalogue_today() {
    Set<OrderState> reached = EnumSet.noneOf(OrderState.class);
    reachable().keySet().stream().filter(s -> s != NONE).forEach(reached::add);
    // RETURNED comes with the return issue's Returned event; the table already routes it.
    assertThat(EnumSet.complementOf(EnumSet.copyOf(reached))).containsExactly(OrderState.RETURNED);
  }
}
