package gov.hotline.dispatch.assignment;

import static gov.hotline.contract.ActorRole.AUDITOR;
import static gov.hotline.contract.ActorRole.DISPATCHER;
import static gov.hotline.contract.ActorRole.OPERATOR;
import static gov.hotline.contract.ActorRole.SUPERVISOR;
import static gov.hotline.contract.ActorRole.UNIT_HANDLER;

import gov.hotline.api.AttachmentReference;
import gov.hotline.api.StepDone;
import gov.hotline.api.dispatch.DispatchOrderSummary;
import gov.hotline.api.dispatch.DispatchRequest;
import gov.hotline.api.dispatch.ResultRequest;
import gov.hotline.contract.Actor;
import gov.hotline.contract.workorder.OrderProgress;
import gov.hotline.contract.workorder.OrderState;
import gov.hotline.platform.domain.UnknownEntity;
import gov.hotline.platform.web.Allowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/orders")
@Validated
class AssignmentController {
  private final CommandGateway commands;
  private final DispatchOrderView view;
  private final Clock clock;

  AssignmentController(CommandGateway commands, DispatchOrderView view, Clock clock) {
    this.commands = commands;
    this.view = view;
    this.clock = clock;
  }

  @GetMapping("/{orderId}")
  @Allowed({OPERATOR, DISPATCHER, UNIT_HANDLER, SUPERVISOR, AUDITOR})
  DispatchOrderSummary get(@PathVariable UUID orderId, Actor actor) {
    return view.find(orderId, actor).orElseThrow(() -> new UnknownEntity("order", orderId));
  }

  /**
   * Worklists: {@code ?state=RECEIVED} for dispatchers; a unit handler always gets their unit's.
   */
  @GetMapping
  @Allowed({DISPATCHER, UNIT_HANDLER, SUPERVISOR, AUDITOR})
  List<DispatchOrderSummary> list(
      @RequestParam(required = false) OrderState state,
      @RequestParam(required = false) String unitId,
      @RequestParam(defaultValue = "50") @Min(1) @Max(500) int limit,
      Actor actor) {
    return view.list(state, unitId, limit, actor);
  }

  /** 派单: route the order to a unit with a deadline. */
  @PostMapping("/{orderId}/dispatch")
  @Allowed(DISPATCHER)
  StepDone dispatch(
      @PathVariable UUID orderId, @Valid @RequestBody DispatchRequest request, Actor actor) {
    OrderProgress progress =
        commands.sendAndWait(
            new DispatchOrder(
                orderId,
                clock.instant(),
                actor,
                request.unitId(),
                request.assistingUnitIds(),
                request.workingDays(),
                request.dueAt(),
                request.reason()));
    return new StepDone(orderId, progress.state(), progress.leadUnit(), progress.dueAt());
  }

  /** 办理/答复: the lead unit reports its result. */
  @PostMapping("/{orderId}/result")
  @Allowed(UNIT_HANDLER)
  StepDone result(
      @PathVariable UUID orderId, @Valid @RequestBody ResultRequest request, Actor actor) {
    OrderProgress progress =
        commands.sendAndWait(
            new RecordResult(
                orderId,
                clock.instant(),
                actor,
                request.outcome(),
                request.reply(),
                request.measures(),
                AttachmentReference.toContract(request.evidence())));
    return new StepDone(orderId, progress.state());
  }
}
