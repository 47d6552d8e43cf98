package gov.hotline.platform.axon;

import static org.assertj.core.api.Assertions.assertThat;

import gov.hotline.contract.workorder.IllegalTransition;
import gov.hotline.contract.workorder.OrderState;
import gov.hotline.platform.domain.InvalidCommand;
import gov.hotline.platform.domain.NotPermitted;
import gov.hotline.platform.domain.UnknownEntity;
import java.util.UUID;
import org.axonframework.modelling.command.ConcurrencyException;
import org.junit.jupiter.api.Test;

/** What rolls a command's unit of work back, and so drops its aggregate from the cache. */
class RefusalsTest {
  private final IllegalTransition notYet =
      new IllegalTransition("handle-needs-dispatch", OrderState.RECEIVED, "not dispatched");

  @Test
  void an_instance_alone_keeps_the_aggregate_on_a_refusal_or_bad_input() {
    Refusals alone = new Refusals(false);
    assertThat(alone.rollBackOn(notYet)).isFalse();
    assertThat(alone.rollBackOn(new NotPermitted("assists only"))).isFalse();
    assertThat(alone.rollBackOn(new UnknownEntity("order", UUID.randomUUID()))).isFalse();
    assertThat(alone.rollBackOn(new InvalidCommand("unitId", "unknown unit"))).isFalse();
  }

  @Test
  void a_shared_store_rolls_a_refusal_back_so_it_is_judged_again_on_the_stored_aggregate() {
    Refusals shared = new Refusals(true);
    assertThat(shared.rollBackOn(notYet)).isTrue();
    assertThat(shared.rollBackOn(new InvalidCommand("unitId", "unknown unit"))).isFalse();
  }

  @Test
  void a_step_of_an_order_never_received_rolls_back_the_aggregate_made_for_it() {
    assertThat(
            new Refusals(false)
                .rollBackOn(new IllegalTransition("order-not-received", null, "never received")))
        .isTrue();
  }

  @Test
  void any_other_failure_rolls_back() {
    for (Refusals refusals : new Refusals[] {new Refusals(false), new Refusals(true)}) {
      assertThat(refusals.rollBackOn(new ConcurrencyException("sequence 3 exists"))).isTrue();
      assertThat(refusals.rollBackOn(new IllegalStateException("broken"))).isTrue();
      assertThat(refusals.rollBackOn(new Error("out of memory"))).isTrue();
    }
  }
}
