package gov.hotline.supervision.timeline;

import static gov.hotline.contract.ActorRole.AUDITOR;

import gov.hotline.api.admin.Replay;
import gov.hotline.platform.replay.ReplayJobs;
import gov.hotline.platform.web.Allowed;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
class TimelineReplayController {
  private final ReplayJobs jobs;
  private final TimelineReplay replay;

  TimelineReplayController(ReplayJobs jobs, TimelineReplay replay) {
    this.jobs = jobs;
    this.replay = replay;
  }

  /**
   * Rebuilds the audit trail from the lifecycle topic into a fresh collection, leaving the live one
   * as it is: 202 at once, then follow it at {@code /admin/replays/{replayId}}. With {@code
   * keep=false} the fresh collection is dropped once counted.
   */
  @PostMapping("/admin/replays/timeline")
  @Allowed(AUDITOR)
  ResponseEntity<Replay> replayTimeline(@RequestParam(defaultValue = "true") boolean keep) {
    String collection = replay.newCollection();
    return ResponseEntity.status(HttpStatus.ACCEPTED)
        .body(jobs.start("timeline", collection, replay.work(collection, keep)));
  }
}
