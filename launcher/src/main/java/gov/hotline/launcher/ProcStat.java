package gov.hotline.launcher;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;

/**
 * CPU time from Linux's {@code /proc}: a process's {@code utime + stime} from {@code
 * /proc/<pid>/stat}, and the whole machine's busy and total time from {@code /proc/stat}, both in
 * clock ticks ({@code getconf CLK_TCK}, 100 on this machine).
 */
final class ProcStat {

  /** Machine-wide CPU time in ticks, summed over all cores: busy (not idle, not iowait) and all. */
  record Machine(long busy, long total) {
    Machine minus(Machine earlier) {
      return new Machine(busy - earlier.busy, total - earlier.total);
    }
  }

  private ProcStat() {}

  /**
   * {@code utime + stime} of the {@code /proc/<pid>/stat} line {@code stat}. The command name
   * (field 2) is in parentheses and may hold spaces and parentheses, so fields count from the last
   * ')'.
   */
  static long cpuTicks(String stat) {
    int close = stat.lastIndexOf(')');
    if (close < 0) {
      throw new IllegalArgumentException("not a /proc/<pid>/stat line: " + stat);
    }
    String[] fields = stat.substring(close + 1).strip().split("\\s+");
    // fields[0] is field 3 (state); utime is field 14, stime field 15
    return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
  }

  /** The aggregate {@code cpu} line of {@code /proc/stat}. */
  static Machine machine(String procStat) {
    for (String line : procStat.split("\n")) {
      if (line.startsWith("cpu ")) {
        String[] f = line.substring(4).strip().split("\\s+");
        long user = Long.parseLong(f[0]);
        long nice = Long.parseLong(f[1]);
        long system = Long.parseLong(f[2]);
        long idle = Long.parseLong(f[3]);
        long iowait = f.length > 4 ? Long.parseLong(f[4]) : 0;
        long irq = f.length > 5 ? Long.parseLong(f[5]) : 0;
        long softirq = f.length > 6 ? Long.parseLong(f[6]) : 0;
        long steal = f.length > 7 ? Long.parseLong(f[7]) : 0;
        long busy = user + nice + system + irq + softirq + steal;
        return new Machine(busy, busy + idle + iowait);
      }
    }
    throw new IllegalArgumentException("/proc/stat has no aggregate cpu line");
  }

  /** The CPU ticks process {@code pid} has used so far; empty when it is gone or not Linux. */
  static OptionalLong ticks(long pid) {
    try {
      return OptionalLong.of(cpuTicks(read(Path.of("/proc", Long.toString(pid), "stat"))));
    } catch (IOException | RuntimeException e) {
      return OptionalLong.empty();
    }
  }

  static Optional<Machine> machine() {
    try {
      return Optional.of(machine(read(Path.of("/proc/stat"))));
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  /** The 1, 5 and 15 minute load averages as {@code /proc/loadavg} shows them, or "?". */
  static String loadAverage() {
    try {
      String[] f = read(Path.of("/proc/loadavg")).strip().split("\\s+");
      return f[0] + " " + f[1] + " " + f[2];
    } catch (IOException | RuntimeException e) {
      return "?";
    }
  }

  /** Clock ticks per second ({@code getconf CLK_TCK}); 100, Linux's usual value, if unknown. */
  static long ticksPerSecond() {
    try {
      Process getconf = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
      String out = new String(getconf.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (getconf.waitFor(5, TimeUnit.SECONDS) && getconf.exitValue() == 0) {
        return Long.parseLong(out.strip());
      }
    } catch (IOException | RuntimeException e) {
      // the default below
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return 100;
  }

  private static String read(Path file) throws IOException {
    return Files.readString(file, StandardCharsets.ISO_8859_1);
  }
}
