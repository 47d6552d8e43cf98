package gov.hotline.platform.runtime;

import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Exits the service when the launcher that started it is gone (even after a kill -9 of the
 * launcher), so no orphan keeps ports and files busy. Active only with {@code HOTLINE_PARENT_PID}.
 */
public class ParentProcessWatcher implements SmartLifecycle {
  private static final Logger log = LoggerFactory.getLogger(ParentProcessWatcher.class);
  private static final long HALT_AFTER_MILLIS = 10_000;
  private final long parentPid;
  private volatile Thread thread;

  public ParentProcessWatcher(long parentPid) {
    this.parentPid = parentPid;
  }

  @Override
  public void start() {
    thread =
        new Thread(
            () -> {
              Optional<ProcessHandle> parent = ProcessHandle.of(parentPid);
              while (parent.isPresent() && parent.get().isAlive()) {
                try {
                  Thread.sleep(1000);
                } catch (InterruptedException e) {
                  return;
                }
              }
              log.warn("launcher (pid {}) is gone; shutting down", parentPid);
              // The launcher's broker and Mongo usually died with it, so a graceful shutdown can
              // hang on their clients: give it a bounded time, then stop hard.
              Thread halt =
                  new Thread(
                      () -> {
                        try {
                          Thread.sleep(HALT_AFTER_MILLIS);
                        } catch (InterruptedException e) {
                          return;
                        }
                        Runtime.getRuntime().halt(1);
                      },
                      "parent-watcher-halt");
              halt.setDaemon(true);
              halt.start();
              System.exit(0);
            },
            "parent-watcher");
    thread.setDaemon(true);
    thread.start();
  }

  @Override
  public void stop() {
    Thread t = thread;
    if (t != null) {
      t.interrupt();
    }
    thread = null;
  }

  @Override
  public boolean isRunning() {
    return thread != null;
  }
}
