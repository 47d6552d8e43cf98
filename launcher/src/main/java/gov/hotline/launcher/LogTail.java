package gov.hotline.launcher;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Reads a child's log file from where its current run started: the child writes straight into the
 * file (so it keeps logging if the launcher dies), and the launcher finds the READY line there.
 */
final class LogTail {

  private final Path file;
  private long position;
  private final ByteArrayOutputStream partial = new ByteArrayOutputStream();

  /** Tails {@code file} from byte {@code start}. */
  LogTail(Path file, long start) {
    this.file = file;
    this.position = start;
  }

  static long sizeOf(Path file) {
    try {
      return Files.exists(file) ? Files.size(file) : 0L;
    } catch (IOException e) {
      return 0L;
    }
  }

  /** The first complete line written since the last call that matches, if any. */
  Optional<String> nextMatching(Predicate<String> matcher) {
    if (!Files.exists(file)) {
      return Optional.empty();
    }
    try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
      long length = in.length();
      if (length < position) {
        position = 0; // truncated by someone: start over
        partial.reset();
      }
      in.seek(position);
      byte[] buffer = new byte[8192];
      int read;
      while (position < length && (read = in.read(buffer)) > 0) {
        for (int i = 0; i < read; i++) {
          position++;
          byte b = buffer[i];
          if (b == '\n') {
            String line = partial.toString(StandardCharsets.UTF_8).stripTrailing();
            partial.reset();
            if (matcher.test(line)) {
              return Optional.of(line);
            }
          } else {
            partial.write(b);
          }
        }
      }
      return Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /** The last {@code count} lines of {@code file} after byte {@code start}, for error messages. */
  static List<String> lastLines(Path file, long start, int count) {
    Deque<String> lines = new ArrayDeque<>();
    LogTail tail = new LogTail(file, start);
    tail.nextMatching(
        line -> {
          lines.addLast(line);
          if (lines.size() > count) {
            lines.removeFirst();
          }
          return false;
        });
    if (tail.partial.size() > 0) {
      lines.addLast(tail.partial.toString(StandardCharsets.UTF_8));
      if (lines.size() > count) {
        lines.removeFirst();
      }
    }
    return List.copyOf(lines);
  }
}
