package gov.hotline.launcher;

import java.util.concurrent.CountDownLatch;

/** Stands in for a server main under {@link ChildMain}: says it is ready, then blocks. */
public final class BlockingMain {

  private BlockingMain() {}

  public static void main(String[] args) throws InterruptedException {
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(() -> System.out.println("SHUTDOWN HOOK RAN"), "blocking-hook"));
    System.out.println("READY blocking " + String.join(" ", args));
    new CountDownLatch(1).await();
  }
}
