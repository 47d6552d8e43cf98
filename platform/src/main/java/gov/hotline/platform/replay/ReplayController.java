package gov.hotline.platform.replay;

import static gov.hotline.contract.ActorRole.AUDITOR;

import gov.hotline.api.admin.AggregateLoad;
import gov.hotline.api.admin.Replay;
import gov.hotline.platform.domain.UnknownEntity;
import gov.hotline.platform.web.Allowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * What every service offers auditors and operators to rebuild and measure its history: replay a
 * view by resetting its processor, follow a replay, time an aggregate's load from the store.
 */
@RestController
@RequestMapping("/admin")
@Validated
public class ReplayController {
  private final ReplayJobs jobs;
  private final ProcessorReplays processors;
  private final AggregateLoads loads;

  public ReplayController(ReplayJobs jobs, ProcessorReplays processors, AggregateLoads loads) {
    this.jobs = jobs;
    this.processors = processors;
    this.loads = loads;
  }

  /** A replay of this service, running or done. */
  @GetMapping("/replays/{replayId}")
  @Allowed(AUDITOR)
  public Replay replay(@PathVariable String replayId) {
    return jobs.find(replayId).orElseThrow(() -> new UnknownEntity("replay", replayId));
  }

  /**
   * Rebuilds the view of an Axon processor (e.g. {@code dispatch-order-view}) from this service's
   * event store: 202 at once, then follow it at {@code /admin/replays/{replayId}}. The view is
   * emptied first and refilled as the replay goes. {@code mode=fold} (the default) folds an order
   * view's events per order outside the processor, where the view allows it (the replay's {@code
   * kind} is then {@code fold}); {@code mode=processor} hands every event to the processor's
   * handlers (see {@link ProcessorReplays}).
   */
  @PostMapping("/processors/{processorName}/replays")
  @Allowed(AUDITOR)
  public ResponseEntity<Replay> replayProcessor(
      @PathVariable String processorName,
      @RequestParam(defaultValue = "fold")
          @Pattern(regexp = "fold|processor", message = "must be fold or processor")
          String mode) {
    ProcessorReplays.Planned replay =
        processors.plan(processorName, ProcessorReplays.Mode.of(mode));
    return ResponseEntity.status(HttpStatus.ACCEPTED)
        .body(jobs.start(replay.kind(), processorName, replay.work()));
  }

  /**
   * Loads an aggregate (e.g. {@code assignment} or {@code oversight} and an order id) from the
   * event store {@code repeat} times without its snapshot and as many times with it, bypassing the
   * aggregate cache; changes nothing.
   */
  @GetMapping("/aggregates/{aggregateType}/{aggregateId}/load")
  @Allowed(AUDITOR)
  public AggregateLoad load(
      @PathVariable String aggregateType,
      @PathVariable String aggregateId,
      @RequestParam(defaultValue = "5") @Min(1) @Max(AggregateLoads.MAX_REPEAT) int repeat) {
    return loads.measure(aggregateType, aggregateId, repeat);
  }
}
