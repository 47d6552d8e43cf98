package gov.hotline.intake.order;

import static gov.hotline.contract.ActorRole.AUDITOR;
import static gov.hotline.contract.ActorRole.DISPATCHER;
import static gov.hotline.contract.ActorRole.OPERATOR;
import static gov.hotline.contract.ActorRole.SUPERVISOR;

import gov.hotline.api.AttachmentReference;
import gov.hotline.api.intake.IntakeOrderSummary;
import gov.hotline.api.intake.OpenOrderRequest;
import gov.hotline.api.intake.OrderOpened;
import gov.hotline.contract.Actor;
import gov.hotline.contract.workorder.Category;
import gov.hotline.contract.workorder.Location;
import gov.hotline.contract.workorder.OrderState;
import gov.hotline.platform.domain.UnknownEntity;
import gov.hotline.platform.web.Allowed;
import gov.hotline.platform.web.InvalidInputException;
import jakarta.validation.Valid;
import java.net.URI;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/orders")
class OrderController {
  static final String IDEMPOTENCY_KEY = "Idempotency-Key";
  private static final Pattern KEY = Pattern.compile("[\\x21-\\x7e]{1,200}");

  private final OrderIntake intake;
  private final IntakeOrderView view;

  OrderController(OrderIntake intake, IntakeOrderView view) {
    this.intake = intake;
    this.view = view;
  }

  /**
   * 受理: record a demand; the order is on the lifecycle topic once the relay has sent it. With an
   * {@code Idempotency-Key}, a retry answers the original order instead of opening a second one.
   */
  @PostMapping
  @Allowed(OPERATOR)
  ResponseEntity<OrderOpened> open(
      @Valid @RequestBody OpenOrderRequest request,
      @RequestHeader(name = IDEMPOTENCY_KEY, required = false) String idempotencyKey,
      Actor actor) {
    if (idempotencyKey != null && !KEY.matcher(idempotencyKey).matches()) {
      throw InvalidInputException.field(
          IDEMPOTENCY_KEY, "must be 1 to 200 visible ASCII characters, e.g. a UUID");
    }
    OpenedOrder opened = intake.open(demand(request), actor, Optional.ofNullable(idempotencyKey));
    return ResponseEntity.created(URI.create("/orders/" + opened.orderId()))
        .header("Idempotent-Replayed", Boolean.toString(opened.replayed()))
        .body(
            new OrderOpened(
                opened.orderId(), opened.orderNumber(), OrderState.RECEIVED, opened.receivedAt()));
  }

  @GetMapping("/{orderId}")
  @Allowed({OPERATOR, DISPATCHER, SUPERVISOR, AUDITOR})
  IntakeOrderSummary get(@PathVariable UUID orderId) {
    return view.find(orderId).orElseThrow(() -> new UnknownEntity("order", orderId));
  }

  private static Demand demand(OpenOrderRequest request) {
    return new Demand(
        request.channel(),
        request.demandType(),
        new Category(request.category().code(), request.category().path()),
        request.urgency(),
        request.title(),
        request.description(),
        new Location(
            request.location().address(),
            request.location().divisionCode(),
            request.location().lat(),
            request.location().lon()),
        new Demand.Caller(
            request.caller().phone(),
            request.caller().name(),
            request.caller().anonymous(),
            request.caller().confidential()),
        AttachmentReference.toContract(request.attachments()));
  }
}
