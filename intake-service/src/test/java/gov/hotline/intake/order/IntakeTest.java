package gov.hotline.intake.order;

import gov.hotline.contract.Actor;
import gov.hotline.contract.ActorRole;
import gov.hotline.contract.workorder.CallerRef;
import gov.hotline.contract.workorder.Category;
import gov.hotline.contract.workorder.Channel;
import gov.hotline.contract.workorder.DemandType;
import gov.hotline.contract.workorder.Location;
import gov.hotline.contract.workorder.Resolution;
import gov.hotline.contract.workorder.Urgency;
import gov.hotline.contract.workorder.WorkOrderReceived;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class IntakeTest {
  private static final UUID ORDER = UUID.fromString("6f1c1f9e-1b7a-4d5e-9a51-5b7c2e0c1d01");
  private static final Instant AT = Instant.parse("2026-11-24T02:00:00Z");
  private static final Actor OPERATOR = new Actor(ActorRole.OPERATOR, "op-7", null, null);
  private AggregateTestFixture<Intake> fixture;

  @BeforeEach
  void setUp() {
    fixture = new AggregateTestFixture<>(Intake.class);
  }

  @Test
  void an_operator_opens_a_work_order_and_the_caller_travels_only_as_a_reference() {
    CallerRef caller = new CallerRef("ab".repeat(32), "138****8000", false, false);
    Category category = new Category("URBAN.NOISE", List.of("城市管理", "噪声扰民"));
    Location location = new Location("淮北市相山区人民路1号", "340602", null, null);
    fixture
        .givenNoPriorActivity()
        .when(
            new OpenOrder(
                ORDER,
                "20261124000001",
                AT,
                OPERATOR,
                Channel.PHONE,
                DemandType.COMPLAINT,
                category,
                Urgency.NORMAL,
                "夜间施工噪声",
                "工地每晚十一点后仍在施工",
                location,
                caller,
                List.of()))
        .expectSuccessfulHandlerExecution()
        .expectEvents(
            new WorkOrderReceived(
                ORDER,
                "20261124000001",
                AT,
                OPERATOR,
                1,
                Channel.PHONE,
                DemandType.COMPLAINT,
                category,
                Urgency.NORMAL,
                "夜间施工噪声",
                "工地每晚十一点后仍在施工",
                location,
                caller,
                List.of(),
                Resolution.WORK_ORDER,
                null));
  }
}
