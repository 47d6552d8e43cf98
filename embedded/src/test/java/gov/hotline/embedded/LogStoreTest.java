package gov.hotline.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import de.bwaldvogel.mongo.bson.Document;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogStoreTest {

  private static byte[] value(Object v) {
    return Bson.encode(new Document("v", v));
  }

  private static Object valueOf(byte[] bytes) {
    return Bson.decode(bytes).get("v");
  }

  private static void put(LogStore store, String map, Object key, Object v) {
    store.map(map).put(key, value(v));
    store.awaitDurable(store.appendedSequence());
  }

  @Test
  void keepsPutsRemovesDropsAndRenamesAcrossReopen(@TempDir Path dir) {
    Path file = dir.resolve("store/mongo.data");
    try (LogStore store = LogStore.open(file)) {
      put(store, "databases.a.x", "k1", 1);
      put(store, "databases.a.x", "k2", 2);
      put(store, "databases.a.x", "k1", 11);
      store.map("databases.a.x").remove("k2");
      put(store, "databases.a.gone", 1L, "dropped");
      store.removeMap("databases.a.gone");
      put(store, "databases.a.old", 7, "moved");
      store.renameMap("databases.a.old", "databases.a.new");
      store.awaitDurable(store.appendedSequence());
    }
    try (LogStore store = LogStore.open(file)) {
      assertThat(store.mapNames()).containsExactly("databases.a.new", "databases.a.x");
      assertThat(store.map("databases.a.x").view()).containsOnlyKeys("k1");
      assertThat(valueOf(store.map("databases.a.x").get("k1"))).isEqualTo(11);
      assertThat(valueOf(store.map("databases.a.new").get(7))).isEqualTo("moved");
    }
  }

  /** The format marker: a file this build wrote, but marked as another version, is refused. */
  @Test
  void refusesAFileOfAnotherFormatVersionAndLeavesItAlone(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("mongo.data");
    try (LogStore store = LogStore.open(file)) {
      put(store, "databases.a.x", "k", "v");
    }
    byte[] written = Files.readAllBytes(file);
    String header = LogStore.FORMAT_NAME + " format " + LogStore.FORMAT_VERSION + "\n";
    assertThat(new String(written, 0, header.length(), StandardCharsets.US_ASCII))
        .isEqualTo(header);
    byte[] older = written.clone();
    older[header.length() - 2] = '0'; // "... format 0"
    Files.write(file, older);

    assertThatThrownBy(() -> LogStore.open(file))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining(file.toString())
        .hasMessageContaining("format version 0")
        .hasMessageContaining("reads only version " + LogStore.FORMAT_VERSION)
        .hasMessageContaining("delete");
    assertThat(Files.readAllBytes(file)).isEqualTo(older); // not truncated, not "repaired"
  }

  /** Data folders of earlier versions hold an H2 MVStore file: refused, never misread. */
  @Test
  void refusesTheH2FileOfEarlierVersions(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("hotline.mv.db");
    MVStore h2 = MVStore.open(file.toString());
    h2.<String, String>openMap("databases.intake.orders").put("a", "b");
    h2.close();
    byte[] before = Files.readAllBytes(file);

    assertThatThrownBy(() -> EmbeddedMongoServer.start(file, 0))
        .hasMessageContaining(file.toAbsolutePath().toString())
        .hasMessageContaining("H2 MVStore file")
        .hasMessageContaining("earlier version");
    assertThat(Files.readAllBytes(file)).isEqualTo(before);
  }

  @Test
  void refusesAFileOfSomethingElse(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("notes.txt");
    Files.writeString(file, "shopping list\nmilk\n");
    assertThatThrownBy(() -> LogStore.open(file))
        .hasMessageContaining("is not a data file of the embedded Mongo store");
  }

  /** A write the process did not finish (killed inside write()) was never acknowledged. */
  @Test
  void cutsOffATornRecordAtTheEnd(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("mongo.data");
    try (LogStore store = LogStore.open(file)) {
      for (int i = 0; i < 100; i++) {
        put(store, "databases.a.x", i, "value " + i);
      }
    }
    long complete = Files.size(file);
    byte[] torn = {0, 0, 1, 0, 12, 34, 56, 78, 1, 0, 13};
    Files.write(file, torn, StandardOpenOption.APPEND);

    try (LogStore store = LogStore.open(file)) {
      assertThat(Files.size(file)).isEqualTo(complete);
      assertThat(store.map("databases.a.x").size()).isEqualTo(100);
      put(store, "databases.a.x", 100, "after the cut");
    }
    try (LogStore store = LogStore.open(file)) {
      assertThat(store.map("databases.a.x").size()).isEqualTo(101);
      assertThat(valueOf(store.map("databases.a.x").get(100))).isEqualTo("after the cut");
    }
  }

  @Test
  void secondOpenOfTheSameFileIsRefused(@TempDir Path dir) {
    Path file = dir.resolve("mongo.data");
    try (LogStore store = LogStore.open(file)) {
      assertThatThrownBy(() -> LogStore.open(file)).hasMessageContaining("in use");
    }
  }

  /**
   * Compaction runs while four writers overwrite their keys; what they were acknowledged is what a
   * reopened store holds, and the file shrank.
   */
  @Test
  void compactsWhileWritesGoOn(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("mongo.data");
    int threads = 4;
    int keysPerThread = 50;
    int writesPerThread = 6_000;
    List<Map<Integer, Integer>> acknowledged = new ArrayList<>();
    int compactions;
    try (LogStore store = LogStore.open(file, 256 << 10)) {
      ExecutorService pool = Executors.newFixedThreadPool(threads);
      List<Future<Map<Integer, Integer>>> results = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int thread = t;
        results.add(
            pool.submit(
                () -> {
                  Map<Integer, Integer> last = new HashMap<>();
                  LogStore.StoreMap map = store.map("databases.a.t" + (thread % 2));
                  for (int i = 0; i < writesPerThread; i++) {
                    int key = thread * 1000 + i % keysPerThread;
                    if (i % 97 == 0) {
                      map.remove(key);
                      last.remove(key);
                    } else {
                      map.put(key, value("x".repeat(200) + i));
                      last.put(key, i);
                    }
                    store.awaitDurable(store.appendedSequence());
                  }
                  return last;
                }));
      }
      for (Future<Map<Integer, Integer>> result : results) {
        acknowledged.add(result.get());
      }
      pool.shutdown();
      compactions = store.compactions();
    }
    assertThat(compactions).as("compactions while writing").isPositive();
    assertThat(Files.exists(dir.resolve("mongo.data.rewrite"))).isFalse();
    try (LogStore store = LogStore.open(file)) {
      for (int t = 0; t < threads; t++) {
        LogStore.StoreMap map = store.map("databases.a.t" + (t % 2));
        for (int k = 0; k < keysPerThread; k++) {
          int key = t * 1000 + k;
          Integer expected = acknowledged.get(t).get(key);
          byte[] stored = map.get(key);
          if (expected == null) {
            assertThat(stored).as("key %d", key).isNull();
          } else {
            assertThat(valueOf(stored)).as("key %d", key).isEqualTo("x".repeat(200) + expected);
          }
        }
      }
      // 24,000 writes of ~250 bytes without compaction: 6 MB. What a compaction copies besides the
      // live data is the tail written while it ran, which depends on how the two cores were shared
      // (1-2 MB seen on a loaded machine), so the bound is half the uncompacted size.
      assertThat(Files.size(file)).isLessThan(3L << 20);
    }
  }
}
