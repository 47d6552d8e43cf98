package gov.hotline.launcher;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** How to start one child process of the stack and how to tell that it is ready. */
record ChildSpec(
    Component component,
    List<String> command,
    Map<String, String> environment,
    Path workingDirectory,
    Path logFile,
    Readiness readiness,
    Duration readyTimeout) {

  ChildSpec {
    command = List.copyOf(command);
    environment = Map.copyOf(environment);
  }

  /** The same child with one more environment variable. */
  ChildSpec withEnvironment(String name, String value) {
    Map<String, String> more = new java.util.LinkedHashMap<>(environment);
    more.put(name, value);
    return new ChildSpec(
        component, command, more, workingDirectory, logFile, readiness, readyTimeout);
  }

  String name() {
    return component.displayName();
  }

  /** The signal that a freshly started child can take work. */
  sealed interface Readiness permits ReadyLine, Healthy {}

  /** The child prints a line starting with {@code prefix} (e.g. {@code READY kafka}). */
  record ReadyLine(String prefix) implements Readiness {}

  /** The child's {@code /actuator/health} at {@code baseUrl} says UP. */
  record Healthy(URI baseUrl) implements Readiness {}
}
