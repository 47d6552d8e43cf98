package gov.hotline.platform.axon;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import gov.hotline.platform.runtime.DaemonThreads;
import java.time.Clock;
import java.time.Duration;
import java.util.Date;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * Shares the segments of this service's tracking processors between its running instances.
 *
 * <p>Axon without Axon Server never moves a claimed segment by itself: every processor runs as many
 * threads as it has segments, so the instance that starts first claims them all (and a lone
 * instance does all the work), and a later instance would only ever get a segment when the first
 * dies. So each instance says it is alive in the service's {@value #COLLECTION} collection every
 * {@code interval}, counts the instances alive, and when it holds more than its share of a
 * processor's segments ({@code ceil(segments / instances)}) releases one for three intervals, which
 * an instance with a free thread claims within its token-claim interval. An instance that dies
 * stops saying so; its claims time out (the token store's claim timeout) and the others claim them.
 * An instance that stops removes its entry and releases its claims at once.
 */
public final class SegmentBalancer implements SmartLifecycle {
  static final String COLLECTION = "processor_nodes";
  private static final Logger log = LoggerFactory.getLogger(SegmentBalancer.class);

  private final String node;
  private final MongoTemplate mongo;
  private final TokenStore tokens;
  private final Supplier<Map<String, EventProcessor>> processors;
  private final Duration interval;
  private final Clock clock;
  private final Map<String, Integer> segmentCounts = new ConcurrentHashMap<>();
  private ScheduledExecutorService timer;

  public SegmentBalancer(
      String node,
      MongoTemplate mongo,
      TokenStore tokens,
      Supplier<Map<String, EventProcessor>> processors,
      Duration interval,
      Clock clock) {
    this.node = node;
    this.mongo = mongo;
    this.tokens = tokens;
    this.processors = processors;
    this.interval = interval;
    this.clock = clock;
  }

  public String node() {
    return node;
  }

  @Override
  public synchronized void start() {
    nodes().createIndex(Indexes.ascending("seenAt"), new IndexOptions().name("seenAt"));
    timer = Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("segment-balancer"));
    timer.scheduleWithFixedDelay(this::safeBalance, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
  }

  @Override
  public synchronized void stop() {
    if (timer != null) {
      timer.shutdownNow();
      timer = null;
      try {
        nodes().deleteOne(Filters.eq("_id", node));
      } catch (RuntimeException e) {
        log.debug("could not remove {} from {}", node, COLLECTION, e);
      }
    }
  }

  @Override
  public synchronized boolean isRunning() {
    return timer != null;
  }

  /** After the processors started, before they stop. */
  @Override
  public int getPhase() {
    return Integer.MAX_VALUE - 100;
  }

  private void safeBalance() {
    try {
      balance();
    } catch (RuntimeException e) {
      log.warn("segment balancing skipped this round: {}", e.toString());
    }
  }

  /** One round: say this instance is alive, then give away what is above its share. */
  void balance() {
    Date now = Date.from(clock.instant());
    nodes()
        .updateOne(
            Filters.eq("_id", node), Updates.set("seenAt", now), new UpdateOptions().upsert(true));
    int alive = alive(now);
    if (alive < 2) {
      return;
    }
    for (EventProcessor processor : processors.get().values()) {
      if (processor instanceof TrackingEventProcessor tracking && tracking.isRunning()) {
        int segments =
            segmentCounts.computeIfAbsent(
                tracking.getName(), name -> tokens.fetchSegments(name).length);
        if (segments == 0) {
          segmentCounts.remove(tracking.getName()); // not initialised yet: ask next round
          continue;
        }
        int share = (segments + alive - 1) / alive;
        Map<Integer, ?> held = tracking.processingStatus();
        if (held.size() > share) {
          int give = held.keySet().stream().mapToInt(Integer::intValue).max().orElseThrow();
          log.info(
              "{}: {} holds {} of {} segments with {} instances alive; releasing segment {}",
              tracking.getName(),
              node,
              held.size(),
              segments,
              alive,
              give);
          tracking.releaseSegment(give, interval.toMillis() * 3, TimeUnit.MILLISECONDS);
        }
      }
    }
  }

  private int alive(Date now) {
    Date since = new Date(now.getTime() - interval.toMillis() * 3);
    int alive = 0;
    for (Document ignored :
        nodes().find(Filters.gt("seenAt", since)).projection(Projections.include("_id"))) {
      alive++;
    }
    return alive;
  }

  private MongoCollection<Document> nodes() {
    return mongo.getCollection(COLLECTION);
  }
}
