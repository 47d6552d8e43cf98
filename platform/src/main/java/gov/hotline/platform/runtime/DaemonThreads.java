package gov.hotline.platform.runtime;

import java.util.concurrent.ThreadFactory;

/** Threads of a service's background work, which never keep its JVM alive on their own. */
public final class DaemonThreads {
  private DaemonThreads() {}

  /** A factory of daemon threads named {@code name}, for an executor's worker. */
  public static ThreadFactory named(String name) {
    return runnable -> {
      Thread thread = new Thread(runnable, name);
      thread.setDaemon(true);
      return thread;
    };
  }
}
