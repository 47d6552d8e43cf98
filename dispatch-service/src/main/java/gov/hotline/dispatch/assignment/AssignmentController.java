package gov.hotline.dispatch.assignment;

import gov.hotline.api.AttachmentReference;
import gov.hotline.api.StepDone;
import gov.hotline.api.dispatch.DispatchOrderSummary;
import gov.hotline.api.dispatch.DispatchRequest;
import gov.hotline.api.dispatch.ResultRequest;
import gov.hotline.contract.Actor;
import gov.hotline.contract.ActorRole;
import gov.hotline.contract.workorder.Attachment;
import gov.hotline.contract.workorder.DeadlineBasis;
import gov.hotline.contract.workorder.HandlingUnit;
import gov.hotline.contract.workorder.OrderState;
import gov.hotline.dispatch.deadline.WeekdayCalendar;
import gov.hotline.dispatch.unit.UnitDirectory;
import gov.hotline.platform.actor.Roles;
import gov.hotline.platform.domain.UnknownEntity;
import gov.hotline.platform.web.InvalidInputException;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.Clock;
import java.time.Instant;
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
  private final UnitDirectory units;
  private final WeekdayCalendar calendar;
  private final DispatchOrderView view;
  private final Clock clock;

  AssignmentController(
      CommandGateway commands,
      UnitDirectory units,
      WeekdayCalendar calendar,
      DispatchOrderView view,
      Clock clock) {
    this.commands = commands;
    this.units = units;
    this.calendar = calendar;
    this.view = view;
    this.clock = clock;
  }

  @GetMapping("/{orderId}")
  DispatchOrderSummary get(@PathVariable UUID orderId, Actor actor) {
    return view.find(orderId).orElseThrow(() -> new UnknownEntity("order", orderId));
  }

  /** Worklists: {@code ?state=RECEIVED} for dispatchers, {@code ?unitId=…} for a unit. */
  @GetMapping
  List<DispatchOrderSummary> list(
      @RequestParam(required = false) OrderState state,
      @RequestParam(required = false) String unitId,
      @RequestParam(defaultValue = "50") @Min(1) @Max(500) int limit,
      Actor actor) {
    if (actor.role() == ActorRole.UNIT_HANDLER) {
      unitId = actor.unitId();
    }
    return view.list(state == null ? null : state.name(), unitId, limit);
  }

  /** 派单: route the order to a unit with a deadline. */
  @PostMapping("/{orderId}/dispatch")
  StepDone dispatch(
      @PathVariable UUID orderId, @Valid @RequestBody DispatchRequest request, Actor actor) {
    Roles.require(actor, ActorRole.DISPATCHER);
    HandlingUnit unit = unit("unitId", request.unitId());
    List<HandlingUnit> assisting =
        request.assistingUnitIds() == null
            ? List.of()
            : request.assistingUnitIds().stream().map(id -> unit("assistingUnitIds", id)).toList();
    Instant now = clock.instant();
    Instant dueAt =
        request.dueAt() != null ? request.dueAt() : calendar.dueAt(now, request.workingDays());
    DeadlineBasis basis =
        new DeadlineBasis(
            request.workingDays(), request.workingDays() != null ? WeekdayCalendar.NAME : "fixed");
    OrderState state =
        commands.sendAndWait(
            new DispatchOrder(
                orderId, now, actor, unit, assisting, dueAt, basis, request.reason()));
    return new StepDone(orderId, state, unit, dueAt);
  }

  /** 办理/答复: the assigned unit reports its result. */
  @PostMapping("/{orderId}/result")
  StepDone result(
      @PathVariable UUID orderId, @Valid @RequestBody ResultRequest request, Actor actor) {
    Roles.require(actor, ActorRole.UNIT_HANDLER);
    List<Attachment> evidence = AttachmentReference.toContract(request.evidence());
    OrderState state =
        commands.sendAndWait(
            new RecordResult(
                orderId,
                clock.instant(),
                actor,
                request.outcome(),
                request.reply(),
                request.measures(),
                evidence));
    return new StepDone(orderId, state, null, null);
  }

  private HandlingUnit unit(String field, String id) {
    return units
        .find(id)
        .orElseThrow(() -> InvalidInputException.field(field, "unknown unit '" + id + "'"));
  }
}
