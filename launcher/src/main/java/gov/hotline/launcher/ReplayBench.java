package gov.hotline.launcher;

import gov.hotline.api.admin.AggregateLoad;
import gov.hotline.api.admin.Replay;
import gov.hotline.api.admin.ReplayState;
import gov.hotline.api.client.ApiException;
import gov.hotline.api.client.HotlineClient;
import gov.hotline.api.dispatch.DispatchRequest;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * {@code ./hotline bench --replay}: how fast history is rebuilt, against the running stack and
 * through the services' own admin endpoints. Prepares one order with {@value #ORDER_EVENTS} events
 * (opened, then dispatched and re-dispatched with a reason, each a real command), times loading its
 * aggregates in dispatch and supervision from the event store without and with snapshots, then
 * rebuilds supervision's timeline from the lifecycle topic into a fresh collection (dropped after
 * it was counted) and the two order views by resetting their processors' tokens, with progress.
 */
final class ReplayBench {
  /** Events the prepared order's aggregates hold: its arrival and 1,000 dispatches. */
  static final int ORDER_EVENTS = 1_001;

  static final int LOAD_REPEAT = 10;
  private static final Duration PATIENCE = Duration.ofMinutes(30);
  private static final List<String[]> VIEWS =
      List.of(
          new String[] {"dispatch", "dispatch-order-view"},
          new String[] {"supervision", "supervision-order-view"});

  private final StackConfig config;
  private final PrintStream out;
  private final boolean interactive;
  private final HotlineClient client;

  ReplayBench(StackConfig config, PrintStream out, boolean interactive) {
    this.config = config;
    this.out = out;
    this.interactive = interactive;
    this.client =
        HotlineClient.builder(config.endpoints()).requestTimeout(Duration.ofMinutes(2)).build();
  }

  BenchReport.Replays run(String run, List<String> notes) throws InterruptedException {
    List<BenchReport.AggregateLoadRow> loads = new ArrayList<>();
    try {
      UUID orderId = prepareOrder(run);
      loads.add(load("dispatch", "assignment", orderId));
      loads.add(load("supervision", "oversight", orderId));
    } catch (ApiException | IllegalStateException e) {
      notes.add(
          "replay: the order with "
              + ORDER_EVENTS
              + " events could not be prepared: "
              + e.getMessage());
    }
    BenchReport.ReplayRun timeline =
        follow(
            "supervision",
            "timeline ← lifecycle topic",
            () -> auditor().replayTimeline(false),
            notes);
    List<BenchReport.ReplayRun> views = new ArrayList<>();
    for (String[] view : VIEWS) {
      // as an operator rebuilds it (folded per order), then every event through the processor,
      // to show what the fold saves
      views.add(
          follow(
              view[0],
              view[1] + " (token reset, folded)",
              () -> auditor().replayProcessor(view[0], view[1], "fold"),
              notes));
      views.add(
          follow(
              view[0],
              view[1] + " (token reset, processor)",
              () -> auditor().replayProcessor(view[0], view[1], "processor"),
              notes));
    }
    return new BenchReport.Replays(timeline, views, loads);
  }

  private HotlineClient auditor() {
    return client.as(Demo.AUDITOR);
  }

  /**
   * Opens an order and dispatches it {@code ORDER_EVENTS - 1} times; waits until both aggregates
   * hold it all.
   */
  private UUID prepareOrder(String run) throws InterruptedException {
    String unit = Demo.chooseUnit(client, out);
    UUID orderId =
        client
            .as(HotlineClient.Actor.operator("op-replay"))
            .openOrder(Demo.complaint(1, "replay-" + run))
            .orderId();
    long deadline = System.nanoTime() + PATIENCE.toNanos();
    HotlineClient dispatcher = client.as(Demo.DISPATCHER);
    while (dispatcher.findDispatchOrder(orderId).isEmpty()) {
      waitOrFail(deadline, "dispatch to see order " + orderId);
    }
    int dispatches = ORDER_EVENTS - 1;
    long start = System.nanoTime();
    for (int i = 0; i < dispatches; i++) {
      dispatcher.dispatch(
          orderId,
          new DispatchRequest(
              unit, null, 10, null, i == 0 ? null : "replay bench: re-dispatch " + i));
      if (i % 50 == 49 || i == dispatches - 1) {
        progress(
            String.format(
                Locale.ROOT,
                "preparing order %s: %d of %d dispatches (%.0f/s)",
                orderId,
                i + 1,
                dispatches,
                (i + 1) / ((System.nanoTime() - start) / 1e9)));
      }
    }
    endProgress();
    long last = ORDER_EVENTS - 1;
    while (true) {
      AggregateLoad seen = auditor().aggregateLoad("supervision", "oversight", orderId, 1);
      progress(
          "waiting for supervision to observe them: "
              + (seen.withoutSnapshot().lastSequence() + 1)
              + " of "
              + ORDER_EVENTS);
      if (seen.withoutSnapshot().lastSequence() >= last) {
        break;
      }
      waitOrFail(deadline, "supervision to observe every dispatch of " + orderId);
    }
    endProgress();
    return orderId;
  }

  private BenchReport.AggregateLoadRow load(String service, String type, UUID orderId) {
    AggregateLoad load = auditor().aggregateLoad(service, type, orderId, LOAD_REPEAT);
    AggregateLoad.Loads without = load.withoutSnapshot();
    AggregateLoad.Loads with = load.withSnapshot();
    out.printf(
        Locale.ROOT,
        "Loaded %s %s: %d events in %.1f ms (median of %d); from its snapshot: %d read in %.1f ms%n",
        service,
        type,
        without.eventsRead(),
        without.medianMillis(),
        LOAD_REPEAT,
        with.eventsRead(),
        with.medianMillis());
    return new BenchReport.AggregateLoadRow(
        service,
        load.aggregateType(),
        load.aggregateId(),
        without.lastSequence() + 1,
        without.eventsRead(),
        without.medianMillis(),
        without.minMillis(),
        with.fromSnapshot(),
        with.snapshotSequence(),
        with.eventsRead(),
        with.medianMillis(),
        with.minMillis(),
        load.sameState());
  }

  private interface Start {
    Replay start();
  }

  /** Starts a replay and shows its progress until it is done. */
  private BenchReport.ReplayRun follow(String service, String what, Start start, List<String> notes)
      throws InterruptedException {
    Replay replay;
    try {
      replay = start.start();
    } catch (ApiException e) {
      notes.add("replay of " + what + " in " + service + " did not start: " + e.getMessage());
      return new BenchReport.ReplayRun(service, what, null, 0, null, 0, 0, null, e.getMessage());
    }
    long deadline = System.nanoTime() + PATIENCE.toNanos();
    int polls = 0;
    while (!replay.done() && System.nanoTime() < deadline) {
      TimeUnit.MILLISECONDS.sleep(250);
      polls++;
      try {
        replay = auditor().replay(service, replay.replayId());
      } catch (ApiException e) {
        notes.add(
            "lost track of replay " + replay.replayId() + " in " + service + ": " + e.getMessage());
        break;
      }
      if (!interactive && polls % 8 != 0 && !replay.done()) {
        continue;
      }
      progress(
          String.format(
              Locale.ROOT,
              "replaying %s: %,d of %s events, %.1f s, %,.0f events/s",
              what,
              replay.events(),
              replay.expectedEvents() == null
                  ? "?"
                  : String.format(Locale.ROOT, "%,d", replay.expectedEvents()),
              replay.seconds(),
              replay.eventsPerSecond()));
    }
    endProgress();
    if (replay.state() != ReplayState.DONE) {
      notes.add(
          "replay of "
              + what
              + " in "
              + service
              + " ended "
              + replay.state()
              + (replay.error() == null ? "" : ": " + replay.error()));
    }
    return new BenchReport.ReplayRun(
        service,
        what,
        replay.target(),
        replay.events(),
        replay.expectedEvents(),
        replay.seconds(),
        replay.eventsPerSecond(),
        replay.figures(),
        replay.error());
  }

  private void progress(String line) {
    if (interactive) {
      out.print("\r" + line + "   ");
    } else {
      out.println(line);
    }
  }

  private void endProgress() {
    if (interactive) {
      out.println();
    }
  }

  private static void waitOrFail(long deadline, String what) throws InterruptedException {
    if (System.nanoTime() > deadline) {
      throw new IllegalStateException("gave up waiting for " + what);
    }
    TimeUnit.MILLISECONDS.sleep(500);
  }
}
