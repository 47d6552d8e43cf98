package gov.hotline.intake.order;

import gov.hotline.api.AttachmentReference;
import gov.hotline.api.intake.IntakeOrderSummary;
import gov.hotline.api.intake.OpenOrderRequest;
import gov.hotline.api.intake.OrderOpened;
import gov.hotline.contract.Actor;
import gov.hotline.contract.ActorRole;
import gov.hotline.contract.workorder.CallerRef;
import gov.hotline.contract.workorder.Category;
import gov.hotline.contract.workorder.Location;
import gov.hotline.contract.workorder.OrderState;
import gov.hotline.contract.workorder.Urgency;
import gov.hotline.intake.caller.CallerVault;
import gov.hotline.platform.actor.Roles;
import gov.hotline.platform.domain.UnknownEntity;
import jakarta.validation.Valid;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import java.util.function.Supplier;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/orders")
class OrderController {
  private final CommandGateway commands;
  private final CallerVault callers;
  private final OrderNumbers numbers;
  private final IntakeOrderView view;
  private final Clock clock;
  private final Supplier<UUID> ids;

  OrderController(
      CommandGateway commands,
      CallerVault callers,
      OrderNumbers numbers,
      IntakeOrderView view,
      Clock clock,
      Supplier<UUID> orderIds) {
    this.commands = commands;
    this.callers = callers;
    this.numbers = numbers;
    this.view = view;
    this.clock = clock;
    this.ids = orderIds;
  }

  /** 受理: record a demand; the order is on the lifecycle topic once the relay has sent it. */
  @PostMapping
  ResponseEntity<OrderOpened> open(@Valid @RequestBody OpenOrderRequest request, Actor actor) {
    Roles.require(actor, ActorRole.OPERATOR);
    UUID orderId = ids.get();
    Instant now = clock.instant();
    CallerRef caller =
        callers.register(
            request.caller().phone(),
            request.caller().name(),
            request.caller().anonymous(),
            request.caller().confidential());
    String orderNumber = numbers.next();
    commands.sendAndWait(
        new OpenOrder(
            orderId,
            orderNumber,
            now,
            actor,
            request.channel(),
            request.demandType(),
            new Category(request.category().code(), request.category().path()),
            request.urgency() == null ? Urgency.NORMAL : request.urgency(),
            request.title().trim(),
            request.description().trim(),
            new Location(
                request.location().address(),
                request.location().divisionCode(),
                request.location().lat(),
                request.location().lon()),
            caller,
            AttachmentReference.toContract(request.attachments())));
    return ResponseEntity.created(URI.create("/orders/" + orderId))
        .body(new OrderOpened(orderId, orderNumber, OrderState.RECEIVED, now));
  }

  @GetMapping("/{orderId}")
  IntakeOrderSummary get(@PathVariable UUID orderId, Actor actor) {
    Roles.require(
        actor, ActorRole.OPERATOR, ActorRole.DISPATCHER, ActorRole.SUPERVISOR, ActorRole.AUDITOR);
    return view.find(orderId).orElseThrow(() -> new UnknownEntity("order", orderId));
  }
}
