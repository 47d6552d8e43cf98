package gov.hotline.api.admin;

import java.time.Instant;
import java.util.Map;

/**
 * A replay an operator started: a read model rebuilt from history, running or done, and how fast.
 *
 * @param kind {@code timeline} (supervision's audit trail from the lifecycle topic) or {@code
 *     processor} (an Axon view rebuilt by resetting its tracking token)
 * @param target what is rebuilt: the processor's name, or the collection the timeline goes to
 * @param events events replayed so far
 * @param expectedEvents events the replay will have read when done, as known at its start (null
 *     when unknown)
 * @param seconds from the start to now, or to the end when done
 * @param eventsPerSecond {@code events / seconds}
 * @param figures further counts of the replay, e.g. {@code liveDocuments} and {@code
 *     replayedDocuments} of a timeline replay
 * @param error why it failed; null otherwise
 */
public record Replay(
    String replayId,
    String kind,
    String target,
    ReplayState state,
    Instant startedAt,
    long events,
    Long expectedEvents,
    double seconds,
    double eventsPerSecond,
    Map<String, Long> figures,
    String error) {

  public boolean done() {
    return state != ReplayState.RUNNING;
  }
}
