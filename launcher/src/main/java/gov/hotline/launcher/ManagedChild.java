package gov.hotline.launcher;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** One child of the stack across its restarts: the current process and what became of it. */
public final class ManagedChild {

  public enum State {
    STARTING,
    UP,
    RESTARTING,
    /** Crashed too often; the supervisor stopped restarting it. */
    GAVE_UP,
    /** Exited before it was supervised (during {@code up}'s start-up). */
    FAILED,
    STOPPING,
    STOPPED
  }

  final ChildSpec spec;
  final RestartPolicy.CrashHistory crashes = new RestartPolicy.CrashHistory();
  volatile Process process;
  volatile State state = State.STARTING;
  volatile boolean supervised;
  volatile long logStart;
  volatile Instant startedAt;
  volatile LogTail tail;
  volatile String readyLine;
  volatile int restarts;

  ManagedChild(ChildSpec spec) {
    this.spec = spec;
  }

  public Component component() {
    return spec.component();
  }

  public String name() {
    return spec.name();
  }

  /** The components this process serves, in {@link Component} order (the four for a host). */
  public List<Component> serves() {
    return java.util.Arrays.stream(Component.values()).filter(spec.serves()::contains).toList();
  }

  public State state() {
    return state;
  }

  /** The current process (a new one after each restart). */
  public Process process() {
    return process;
  }

  public long pid() {
    Process p = process;
    return p == null ? -1 : p.pid();
  }

  public int restarts() {
    return restarts;
  }

  /** The READY line of the current run, for children that print one. */
  public Optional<String> readyLine() {
    return Optional.ofNullable(readyLine);
  }

  public Path logFile() {
    return spec.logFile();
  }
}
