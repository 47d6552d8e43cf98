package gov.hotline.platform.axon;

import static org.assertj.core.api.Assertions.assertThat;

import gov.hotline.contract.workorder.IllegalTransition;
import gov.hotline.contract.workorder.OrderState;
import gov.hotline.platform.domain.InvalidCommand;
import gov.hotline.platform.domain.RuleViolation;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.eventsourcing.eventstore.EventStoreException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.junit.jupiter.api.Test;

/** Which failures run a command again, and how often. */
class StaleAggregateRetryTest {
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final StaleAggregateRetry retry = new StaleAggregateRetry(registry, true);
  private final AtomicInteger dispatched = new AtomicInteger();

  /** How many times the command ran again when it failed with {@code failure} every time. */
  private int retriesOf(RuntimeException failure) {
    List<Class<? extends Throwable>[]> history = new ArrayList<>();
    int retries = 0;
    while (true) {
      @SuppressWarnings("unchecked")
      Class<? extends Throwable>[] chain = new Class[] {failure.getClass()};
      history.add(chain);
      if (!retry.scheduleRetry(
          GenericCommandMessage.asCommandMessage("command"),
          failure,
          new ArrayList<>(history),
          dispatched::incrementAndGet)) {
        return retries;
      }
      retries++;
    }
  }

  @Test
  void a_conflict_on_append_runs_the_command_again_up_to_three_times() {
    assertThat(retriesOf(new ConcurrencyException("sequence 3 of order x exists"))).isEqualTo(3);
    assertThat(dispatched).hasValue(3);
    assertThat(registry.get("hotline.commands.retried").tag("reason", "conflict").counter().count())
        .isEqualTo(3);
  }

  @Test
  void a_conflict_wrapped_by_the_store_is_recognised_by_its_cause() {
    assertThat(
            retriesOf(
                new EventStoreException("append failed", new ConcurrencyException("duplicate"))))
        .isEqualTo(3);
  }

  @Test
  void a_refusal_by_the_order_state_is_checked_once_more_on_the_stored_order() {
    assertThat(
            retriesOf(
                new IllegalTransition(
                    "handle-needs-dispatch", OrderState.RECEIVED, "not dispatched")))
        .isEqualTo(1);
    assertThat(retriesOf(new RuleViolation("deadline-in-past", "past"))).isEqualTo(1);
  }

  @Test
  void an_instance_alone_does_not_check_a_refusal_again_its_cache_is_the_stored_state() {
    StaleAggregateRetry alone = new StaleAggregateRetry(registry, false);
    assertThat(
            alone.scheduleRetry(
                GenericCommandMessage.asCommandMessage("command"),
                new RuleViolation("deadline-in-past", "past"),
                List.<Class<? extends Throwable>[]>of(new Class[] {RuleViolation.class}),
                dispatched::incrementAndGet))
        .isFalse();
    assertThat(dispatched).hasValue(0);
  }

  @Test
  void bad_input_and_other_failures_are_not_retried() {
    assertThat(retriesOf(new InvalidCommand("unitId", "unknown unit"))).isZero();
    assertThat(retriesOf(new IllegalStateException("broken"))).isZero();
    assertThat(dispatched).hasValue(0);
  }
}
