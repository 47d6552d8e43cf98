package gov.hotline.embedded;

import java.nio.file.Path;

/**
 * Opens a store in a fresh JVM and prints the heap in use after full collections ({@code HEAP
 * <bytes>}): what holding that store costs, without what a benchmark JVM has around it. Used by
 * {@link MongoIndexBenchmarkIT}.
 */
final class HeapProbe {

  private HeapProbe() {}

  public static void main(String[] args) throws Exception {
    try (EmbeddedMongoServer server = EmbeddedMongoServer.start(Path.of(args[0]), 0)) {
      for (int i = 0; i < 4; i++) {
        System.gc();
        Thread.sleep(100);
      }
      Runtime runtime = Runtime.getRuntime();
      System.out.println("HEAP " + (runtime.totalMemory() - runtime.freeMemory()));
    }
  }
}
