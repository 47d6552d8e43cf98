package gov.hotline.supervision.oversight;

import static gov.hotline.contract.ActorRole.AUDITOR;
import static gov.hotline.contract.ActorRole.DISPATCHER;
import static gov.hotline.contract.ActorRole.OPERATOR;
import static gov.hotline.contract.ActorRole.SUPERVISOR;

import gov.hotline.api.StepDone;
import gov.hotline.api.supervision.CallbackRequest;
import gov.hotline.api.supervision.ReviewRequest;
import gov.hotline.api.supervision.SupervisionOrderSummary;
import gov.hotline.contract.Actor;
import gov.hotline.contract.workorder.OrderProgress;
import gov.hotline.platform.domain.UnknownEntity;
import gov.hotline.platform.web.Allowed;
import jakarta.validation.Valid;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/orders")
class OversightController {
  private final CommandGateway commands;
  private final SupervisionOrderView view;
  private final Clock clock;

  OversightController(CommandGateway commands, SupervisionOrderView view, Clock clock) {
    this.commands = commands;
    this.view = view;
    this.clock = clock;
  }

  @GetMapping("/{orderId}")
  @Allowed({OPERATOR, DISPATCHER, SUPERVISOR, AUDITOR})
  SupervisionOrderSummary get(@PathVariable UUID orderId) {
    return view.find(orderId).orElseThrow(() -> new UnknownEntity("order", orderId));
  }

  /** Finds an order by its human number, e.g. {@code ?number=20261124000001}. */
  @GetMapping(params = "number")
  @Allowed({OPERATOR, DISPATCHER, SUPERVISOR, AUDITOR})
  List<SupervisionOrderSummary> byNumber(@RequestParam String number) {
    return view.findByNumber(number).map(List::of).orElse(List.of());
  }

  /** 审核: approve or reject the unit's result. */
  @PostMapping("/{orderId}/review")
  @Allowed(SUPERVISOR)
  StepDone review(
      @PathVariable UUID orderId, @Valid @RequestBody ReviewRequest request, Actor actor) {
    OrderProgress progress =
        commands.sendAndWait(
            new ReviewResult(orderId, clock.instant(), actor, request.verdict(), request.reason()));
    return new StepDone(orderId, progress.state());
  }

  /**
   * 回访: record the callback; a satisfied caller closes the order, an unsatisfied one reopens it.
   */
  @PostMapping("/{orderId}/callback")
  @Allowed(SUPERVISOR)
  StepDone callback(
      @PathVariable UUID orderId, @Valid @RequestBody CallbackRequest request, Actor actor) {
    OrderProgress progress =
        commands.sendAndWait(
            new RecordCallback(
                orderId,
                clock.instant(),
                actor,
                request.reached(),
                request.callAttempts(),
                request.satisfaction(),
                request.resolved(),
                request.via()));
    return new StepDone(orderId, progress.state());
  }
}
