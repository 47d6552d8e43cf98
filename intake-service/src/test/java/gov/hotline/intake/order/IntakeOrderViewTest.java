package gov.hotline.intake.order;

import static org.assertj.core.api.Assertions.assertThat;

import gov.hotline.api.intake.IntakeOrderSummary;
import gov.hotline.contract.workorder.Channel;
import gov.hotline.contract.workorder.DemandType;
import gov.hotline.contract.workorder.Resolution;
import gov.hotline.contract.workorder.WorkOrderReceived;
import gov.hotline.testsupport.EmbeddedMongo;
import gov.hotline.testsupport.OrderSteps;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The orders intake opened, from its Received events; redelivery and replay change nothing. */
class IntakeOrderViewTest {
  @RegisterExtension static final EmbeddedMongo mongo = new EmbeddedMongo();

  private static final Instant RECEIVED_AT = Instant.parse("2026-12-01T01:00:00Z");

  private IntakeOrderView view;
  private WorkOrderReceived received;

  @BeforeEach
  void freshView() {
    view = new IntakeOrderView(mongo.template("intake-" + UUID.randomUUID()));
    received = OrderSteps.of(UUID.randomUUID(), "20261201000007", RECEIVED_AT).received();
  }

  @Test
  void an_operator_reads_the_order_intake_opened() {
    view.on(received);

    assertThat(view.find(received.orderId()))
        .contains(
            new IntakeOrderSummary(
                received.orderId(),
                "20261201000007",
                Channel.PHONE,
                DemandType.COMPLAINT,
                "夜间施工噪声",
                Resolution.WORK_ORDER,
                RECEIVED_AT));
    assertThat(view.find(UUID.randomUUID())).isEmpty();
  }

  @Test
  void a_second_delivery_and_a_replay_give_the_same_view() {
    view.on(received);
    IntakeOrderSummary once = view.find(received.orderId()).orElseThrow();

    view.on(received); // delivered again, as after a lost token
    assertThat(view.find(received.orderId())).contains(once);

    view.reset();
    assertThat(view.find(received.orderId())).isEmpty();
    view.on(received); // a replay from the first event
    assertThat(view.find(received.orderId())).contains(once);
  }
}
