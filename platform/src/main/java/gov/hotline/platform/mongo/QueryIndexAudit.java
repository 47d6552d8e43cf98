package gov.hotline.platform.mongo;

import com.mongodb.client.MongoClient;
import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches every query this service sends to Mongo (as a driver {@link CommandListener}) and tells
 * which of them no index can answer — so a read path that would scan a growing history is found by
 * a test (and logged at run time) instead of by a slow hotline. Shapes are remembered once each;
 * {@link #unindexed()} compares them with the collections' indexes as they are now.
 */
public class QueryIndexAudit implements CommandListener {
  private static final Logger log = LoggerFactory.getLogger(QueryIndexAudit.class);
  private static final int MAX_SHAPES = 2_000;

  private final Set<QueryShape> shapes = ConcurrentHashMap.newKeySet();
  private final Set<QueryShape> reported = ConcurrentHashMap.newKeySet();
  private final Supplier<MongoClient> client;
  private final Counter unindexed;

  /**
   * @param client the client to read index definitions with, asked for only when checking (the
   *     audit listens to that same client, so it exists before it)
   */
  public QueryIndexAudit(Supplier<MongoClient> client, MeterRegistry registry) {
    this.client = client;
    this.unindexed =
        Counter.builder("hotline.mongo.unindexed.queries")
            .description("Query shapes this service sent that no index answers (see the WARN log)")
            .register(registry);
  }

  @Override
  public void commandStarted(CommandStartedEvent event) {
    String database = event.getDatabaseName();
    if (shapes.size() >= MAX_SHAPES || database.equals("admin") || database.equals("config")) {
      return;
    }
    // the command's buffer is only valid during this call: take the shape now
    for (QueryShape shape : QueryShape.of(database, event.getCommandName(), event.getCommand())) {
      if (!shape.collection().startsWith("system.")) {
        shapes.add(shape);
      }
    }
  }

  /** Every query shape seen so far. */
  public Set<QueryShape> seen() {
    return Set.copyOf(shapes);
  }

  /**
   * The shapes seen so far that no index of their collection answers, each logged (WARN) and
   * counted once.
   */
  public List<QueryShape> unindexed() {
    MongoClient mongo = client.get();
    Map<String, Set<String>> leadingKeys = new HashMap<>();
    List<QueryShape> result = new ArrayList<>();
    for (QueryShape shape : Set.copyOf(shapes)) {
      Set<String> keys =
          leadingKeys.computeIfAbsent(
              shape.database() + "." + shape.collection(),
              name -> leadingKeys(mongo, shape.database(), shape.collection()));
      if (!shape.isAnsweredByIndexes(keys)) {
        result.add(shape);
        if (reported.add(shape)) {
          unindexed.increment();
          log.warn("no index answers {}: it reads the whole collection", shape);
        }
      }
    }
    return result;
  }

  private static Set<String> leadingKeys(MongoClient mongo, String database, String collection) {
    Set<String> keys = new LinkedHashSet<>();
    for (Document index : mongo.getDatabase(database).getCollection(collection).listIndexes()) {
      Document key = index.get("key", Document.class);
      if (key != null && !key.isEmpty()) {
        keys.add(key.keySet().iterator().next());
      }
    }
    return keys;
  }
}
