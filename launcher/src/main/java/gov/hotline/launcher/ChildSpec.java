package gov.hotline.launcher;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How to start one child process of the stack and how to tell that it is ready. A child serves one
 * component, or several: the services host of {@code up --jvm one} serves the four services, under
 * the name {@value #SERVICES_HOST} ({@code component} is then the first of them).
 */
record ChildSpec(
    Component component,
    List<String> command,
    Map<String, String> environment,
    Path workingDirectory,
    Path logFile,
    Readiness readiness,
    Duration readyTimeout,
    String name,
    Set<Component> serves) {

  /** The name of the one child that hosts the four services. */
  static final String SERVICES_HOST = "services";

  ChildSpec {
    command = List.copyOf(command);
    environment = Map.copyOf(environment);
    serves = Set.copyOf(serves);
  }

  /** The same child with one more environment variable. */
  ChildSpec withEnvironment(String variable, String value) {
    Map<String, String> more = new java.util.LinkedHashMap<>(environment);
    more.put(variable, value);
    return new ChildSpec(
        component, command, more, workingDirectory, logFile, readiness, readyTimeout, name, serves);
  }

  /** A child serving one component, named after it. */
  ChildSpec(
      Component component,
      List<String> command,
      Map<String, String> environment,
      Path workingDirectory,
      Path logFile,
      Readiness readiness,
      Duration readyTimeout) {
    this(
        component,
        command,
        environment,
        workingDirectory,
        logFile,
        readiness,
        readyTimeout,
        component.displayName(),
        Set.of(component));
  }

  /** The signal that a freshly started child can take work. */
  sealed interface Readiness permits ReadyLine, Healthy, AllHealthy {}

  /** The child prints a line starting with {@code prefix} (e.g. {@code READY kafka}). */
  record ReadyLine(String prefix) implements Readiness {}

  /** The child's {@code /actuator/health} at {@code baseUrl} says UP. */
  record Healthy(URI baseUrl) implements Readiness {}

  /** Each of the {@code /actuator/health} endpoints at {@code baseUrls} says UP. */
  record AllHealthy(List<URI> baseUrls) implements Readiness {
    AllHealthy {
      baseUrls = List.copyOf(baseUrls);
    }
  }
}
