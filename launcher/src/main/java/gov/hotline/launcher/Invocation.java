package gov.hotline.launcher;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;

/**
 * A parsed command line: {@code up}, {@code demo [N]}, {@code bench [options]}, {@code status} or
 * {@code help}. {@code bench} is null for every command but {@code bench}.
 */
public record Invocation(Command command, int orders, BenchOptions bench) {

  public Invocation(Command command, int orders) {
    this(command, orders, null);
  }

  public static final int DEFAULT_DEMO_ORDERS = 100;
  static final int MAX_DEMO_ORDERS = 1_000_000;

  public enum Command {
    UP,
    DEMO,
    BENCH,
    STATUS,
    HELP
  }

  /** Thrown for a command line that means nothing; the message says what was wrong. */
  public static final class UsageException extends RuntimeException {
    public UsageException(String message) {
      super(message);
    }
  }

  /** No arguments means {@code up}, which is what {@code ./hotline} alone should do. */
  public static Invocation parse(String... args) {
    if (args.length == 0) {
      return new Invocation(Command.UP, 0);
    }
    String name = args[0].toLowerCase(Locale.ROOT);
    return switch (name) {
      case "up", "start" -> noMoreArguments(args, new Invocation(Command.UP, 0));
      case "status", "ps" -> noMoreArguments(args, new Invocation(Command.STATUS, 0));
      case "help", "-h", "--help" -> new Invocation(Command.HELP, 0);
      case "demo" -> {
        if (args.length > 2) {
          throw new UsageException("demo takes at most one argument, the number of orders");
        }
        yield new Invocation(
            Command.DEMO, args.length == 2 ? orderCount(args[1]) : DEFAULT_DEMO_ORDERS);
      }
      case "bench" -> new Invocation(Command.BENCH, 0, bench(args));
      default -> throw new UsageException("unknown command '" + args[0] + "'");
    };
  }

  /** {@code bench [--rate R | --max] [--in-flight N] [--duration D] [--warmup D] …}. */
  private static BenchOptions bench(String[] args) {
    BenchOptions.Load load = null;
    double rate = BenchOptions.DEFAULT_RATE;
    Integer inFlight = null;
    Duration warmup = BenchOptions.DEFAULT_WARMUP;
    Duration duration = BenchOptions.DEFAULT_DURATION;
    Duration drain = BenchOptions.DEFAULT_DRAIN;
    boolean substrate = false;
    boolean replay = false;
    Path json = null;
    for (int i = 1; i < args.length; i++) {
      String option = args[i];
      String name = option.contains("=") ? option.substring(0, option.indexOf('=')) : option;
      String inline = option.contains("=") ? option.substring(option.indexOf('=') + 1) : null;
      switch (name) {
        case "--max" -> load = only(load, BenchOptions.Load.MAX);
        case "--substrate" -> substrate = true;
        case "--replay" -> replay = true;
        case "--rate", "--in-flight", "--duration", "--warmup", "--drain", "--json" -> {
          String value = inline;
          if (value == null) {
            if (i + 1 >= args.length) {
              throw new UsageException("bench " + name + " needs a value");
            }
            value = args[++i];
          }
          try {
            switch (name) {
              case "--rate" -> {
                load = only(load, BenchOptions.Load.RATE);
                rate = Double.parseDouble(value);
                if (!(rate > 0) || rate > 100_000) {
                  throw new UsageException("bench --rate needs lifecycles/s above 0, not " + value);
                }
              }
              case "--in-flight" -> {
                inFlight = Integer.parseInt(value.replace("_", ""));
                if (inFlight < 1 || inFlight > 100_000) {
                  throw new UsageException("bench --in-flight needs 1 to 100000, not " + value);
                }
              }
              case "--duration" -> duration = positive(name, BenchOptions.parseDuration(value));
              case "--warmup" -> warmup = BenchOptions.parseDuration(value);
              case "--drain" -> drain = BenchOptions.parseDuration(value);
              default -> json = Path.of(value);
            }
          } catch (IllegalArgumentException e) { // a number or duration that is none
            throw new UsageException("bench " + name + ": " + e.getMessage());
          }
        }
        default -> throw new UsageException("bench does not know '" + option + "'");
      }
    }
    if (load == null) {
      load = substrate || replay ? BenchOptions.Load.NONE : BenchOptions.Load.RATE;
    }
    int flights =
        inFlight != null
            ? inFlight
            : load == BenchOptions.Load.MAX
                ? BenchOptions.DEFAULT_MAX_IN_FLIGHT
                : BenchOptions.DEFAULT_RATE_IN_FLIGHT_CAP;
    return new BenchOptions(load, rate, flights, warmup, duration, drain, substrate, json, replay);
  }

  private static BenchOptions.Load only(BenchOptions.Load before, BenchOptions.Load now) {
    if (before != null && before != now) {
      throw new UsageException("bench takes either --rate R or --max, not both");
    }
    return now;
  }

  private static Duration positive(String name, Duration value) {
    if (value.isNegative() || value.isZero()) {
      throw new UsageException("bench " + name + " must be longer than zero");
    }
    return value;
  }

  private static Invocation noMoreArguments(String[] args, Invocation invocation) {
    if (args.length > 1) {
      throw new UsageException(args[0] + " takes no arguments (got '" + args[1] + "')");
    }
    return invocation;
  }

  private static int orderCount(String value) {
    try {
      int n = Integer.parseInt(value.replace("_", ""));
      if (n >= 1 && n <= MAX_DEMO_ORDERS) {
        return n;
      }
    } catch (NumberFormatException ignored) {
      // reported below
    }
    throw new UsageException(
        "demo needs a number of orders between 1 and " + MAX_DEMO_ORDERS + ", not '" + value + "'");
  }

  public static String usage() {
    return """
        Usage: ./hotline [command]

        Commands:
          up          Start Mongo, Kafka and the four services (the default), supervise them,
                      and stop them all on Ctrl-C: services first, then Kafka, then Mongo.
          demo [N]    Drive N orders (default 100) through the whole loop over the REST APIs
                      of a running stack: receive, dispatch, handle, review, callback.
          bench       Measure a running stack: complete lifecycles driven open loop at a fixed
                      rate, or as fast as they go, then throughput, latency per step and per
                      hop, lag, CPU, Mongo commands and Kafka commits per lifecycle.
                        --rate R          R lifecycles/s, open loop (default 5)
                        --max             as fast as it goes, with --in-flight N (default 64)
                        --duration D      measured window (default 60s)
                        --warmup D        run first, figures dropped (default 10s)
                        --drain D         wait for the window's lifecycles (default 30s)
                        --json FILE       the figures as JSON too, to compare runs
                        --substrate       raw Mongo insert and Kafka produce/consume rates
                                          (alone, or after a load run)
                        --replay          replay rates: supervision's timeline from the topic,
                                          the order views by token reset, and the load of an
                                          order's aggregates with 1,000 events (alone, or last)
          status      Show what runs where and whether it is healthy.
          help        This text.

        Environment (all optional):
          HOTLINE_DATA                   data directory (default <repository>/data)
          HOTLINE_MONGO_PORT             27017
          HOTLINE_KAFKA_PORT             9092
          HOTLINE_KAFKA_CONTROLLER_PORT  9093
          HOTLINE_INTAKE_PORT            8081
          HOTLINE_DISPATCH_PORT          8082
          HOTLINE_SUPERVISION_PORT       8083
          HOTLINE_KNOWLEDGE_PORT         8084
          HOTLINE_<SERVICE>_URL          base URL used by demo/status, e.g. HOTLINE_INTAKE_URL
          HOTLINE_KAFKA_BOOTSTRAP        broker used by demo and bench (127.0.0.1:9092)
          HOTLINE_CALLER_KEY             base64 HMAC key for caller references
                                         (default: generated once into <data>/keys/)
          HOTLINE_SKIP_BUILD=1           ./hotline does not rebuild stale jars
        """;
  }
}
