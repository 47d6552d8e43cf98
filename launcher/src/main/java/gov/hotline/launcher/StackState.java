package gov.hotline.launcher;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What a running {@code up} wrote to {@code <data>/stack.json}: its own pid and its children's, so
 * that {@code status} can say which process serves which port, and a second {@code up} can refuse
 * to start over a running stack.
 */
record StackState(long launcherPid, Instant startedAt, List<Entry> children) {

  record Entry(String name, long pid, String address, String log) {}

  private static final ObjectMapper JSON =
      new ObjectMapper()
          .registerModule(new JavaTimeModule())
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
          .enable(SerializationFeature.INDENT_OUTPUT);

  void write(Path file) throws IOException {
    Files.createDirectories(file.getParent());
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    JSON.writeValue(tmp.toFile(), this);
    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  static Optional<StackState> read(Path file) {
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    try {
      return Optional.of(JSON.readValue(file.toFile(), StackState.class));
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /** Whether the launcher that wrote this still runs (and is a launcher, not a recycled pid). */
  boolean launcherAlive() {
    return ProcessHandle.of(launcherPid)
        .filter(ProcessHandle::isAlive)
        .map(
            p ->
                p.info()
                    .commandLine()
                    .or(() -> p.info().arguments().map(a -> String.join(" ", a)))
                    .map(cmd -> cmd.contains("launcher"))
                    .orElse(true))
        .orElse(false);
  }

  Optional<Entry> entry(String name) {
    return children.stream().filter(e -> e.name().equals(name)).findFirst();
  }

  /** The process serving {@code component}: its own, or the services host of {@code --jvm one}. */
  Optional<Entry> serving(Component component) {
    return entry(component.displayName())
        .or(() -> component.isService() ? entry(ChildSpec.SERVICES_HOST) : Optional.empty());
  }
}
