package gov.hotline.launcher;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** {@code ./hotline status}: what answers where, and which process of the running stack it is. */
final class StatusReport {

  /** One line of the table. */
  record Line(Component component, String pid, String address, String health, String log) {
    boolean up() {
      return "UP".equals(health);
    }
  }

  private final StackConfig config;
  private final HealthProbe probe;

  StatusReport(StackConfig config, HealthProbe probe) {
    this.config = config;
    this.probe = probe;
  }

  /** Checks every component; pids come from the running launcher's state file, if any. */
  List<Line> check() {
    Optional<StackState> state = runningLauncher();
    List<Line> lines = new ArrayList<>();
    for (Component c : Component.stack(config.runningInstances())) {
      String health;
      if (c.isService()) {
        health = probe.status(config.baseUrl(c));
      } else {
        health = HealthProbe.listening(config.port(c)) ? "UP" : "no answer";
      }
      Optional<StackState.Entry> entry = state.flatMap(s -> s.serving(c));
      String pid =
          entry
              .map(StackState.Entry::pid)
              .filter(p -> ProcessHandle.of(p).map(ProcessHandle::isAlive).orElse(false))
              .map(String::valueOf)
              .orElse("-");
      String log =
          entry
              .map(StackState.Entry::log)
              .or(() -> config.dataDir().map(d -> config.logFile(c).toString()))
              .orElse("-");
      lines.add(new Line(c, pid, config.address(c), health, log));
    }
    return lines;
  }

  static String render(List<Line> lines) {
    TextTable table = new TextTable("NAME", "PID", "ADDRESS", "HEALTH", "LOG");
    lines.forEach(
        l -> table.row(l.component().displayName(), l.pid(), l.address(), l.health(), l.log()));
    return table.render();
  }

  Optional<StackState> runningLauncher() {
    return config
        .dataDir()
        .flatMap(d -> StackState.read(config.stateFile()))
        .filter(StackState::launcherAlive);
  }

  Optional<Path> dataDir() {
    return config.dataDir();
  }
}
