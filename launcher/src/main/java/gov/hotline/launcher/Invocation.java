package gov.hotline.launcher;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * A parsed command line: {@code up [--jvm one|six]}, {@code demo [N]}, {@code bench [options]},
 * {@code status} or {@code help}. {@code bench} is null for every command but {@code bench}; {@code
 * jvm} is null unless {@code up} names it.
 */
public record Invocation(
    Command command, int orders, BenchOptions bench, JvmMode jvm, Seed.Options seed) {

  public Invocation(Command command, int orders, BenchOptions bench, JvmMode jvm) {
    this(command, orders, bench, jvm, null);
  }

  public Invocation(Command command, int orders, BenchOptions bench, Seed.Options seed) {
    this(command, orders, bench, null, seed);
  }

  public Invocation(Command command, int orders) {
    this(command, orders, null, null, null);
  }

  public Invocation(Command command, int orders, BenchOptions bench) {
    this(command, orders, bench, null, null);
  }

  public static final int DEFAULT_DEMO_ORDERS = 100;
  static final int MAX_DEMO_ORDERS = 1_000_000;

  public enum Command {
    UP,
    DEMO,
    BENCH,
    SEED,
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
      case "up", "start" -> up(args);
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
      case "seed" -> new Invocation(Command.SEED, 0, null, seed(args));
      default -> throw new UsageException("unknown command '" + args[0] + "'");
    };
  }

  /** For {@code up}: how many instances of dispatch and supervision to start (1 or 2). */
  public int instances() {
    return command == Command.UP ? Math.max(1, orders) : 1;
  }

  /**
   * {@code up [--jvm one|six] [--instances 1|2]}; the instance count rides in {@code orders}, which
   * up has no use for; {@code jvm} is null when not named (then {@code HOTLINE_JVM} or the
   * default).
   */
  private static Invocation up(String[] args) {
    JvmMode mode = null;
    int instances = 1;
    for (int i = 1; i < args.length; i++) {
      String option = args[i];
      String name = option.contains("=") ? option.substring(0, option.indexOf('=')) : option;
      if (!name.equals("--jvm") && !name.equals("--instances")) {
        throw new UsageException(args[0] + " does not know '" + option + "'");
      }
      String value;
      if (option.contains("=")) {
        value = option.substring(option.indexOf('=') + 1);
      } else if (i + 1 < args.length) {
        value = args[++i];
      } else {
        throw new UsageException(
            "up " + name + " needs a value: " + (name.equals("--jvm") ? "one or six" : "1 or 2"));
      }
      if (name.equals("--jvm")) {
        try {
          mode = JvmMode.parse(value);
        } catch (IllegalArgumentException e) {
          throw new UsageException("up --jvm " + e.getMessage());
        }
      } else if (value.equals("1") || value.equals("2")) {
        instances = Integer.parseInt(value);
      } else {
        throw new UsageException("--instances takes 1 or 2, not '" + value + "'");
      }
    }
    return new Invocation(Command.UP, instances == 1 ? 0 : instances, null, mode);
  }

  /** {@code seed --events N [--from E] [--chunk ORDERS]}: counts of events, 5 per order. */
  private static Seed.Options seed(String[] args) {
    Long events = null;
    long from = 0;
    int chunk = Seed.DEFAULT_CHUNK;
    for (int i = 1; i < args.length; i++) {
      String name = args[i];
      if (!List.of("--events", "--from", "--chunk").contains(name)) {
        throw new UsageException("seed does not know '" + name + "'");
      }
      if (i + 1 >= args.length) {
        throw new UsageException("seed " + name + " needs a value");
      }
      long value;
      try {
        value = Long.parseLong(args[++i].replace("_", "").replace(",", ""));
      } catch (NumberFormatException e) {
        throw new UsageException("seed " + name + " needs a whole number, not '" + args[i] + "'");
      }
      switch (name) {
        case "--events" -> events = value;
        case "--from" -> from = value;
        default -> {
          if (value < 1 || value > 20_000) {
            throw new UsageException("seed --chunk needs 1 to 20000 orders, not " + value);
          }
          chunk = (int) value;
        }
      }
    }
    if (events == null) {
      throw new UsageException("seed needs --events N (5 per closed order)");
    }
    long max = 5L * 5_000_000;
    if (events < 0 || events > max || events % Seed.STEPS != 0) {
      throw new UsageException(
          "seed --events needs a multiple of 5 from 0 to " + max + ", not " + events);
    }
    if (from < 0 || from > events || from % Seed.STEPS != 0) {
      throw new UsageException("seed --from needs a multiple of 5 from 0 to --events, not " + from);
    }
    return new Seed.Options(events, from, chunk);
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
                          --instances 2     also a second dispatch and supervision, sharing the
                                            work (bench then spreads its commands over both)
                          --jvm one         the four services in one JVM, each its own Spring
                                            context, port, database and consumer groups
                          --jvm six         each service in its own JVM from its own jar
                                            (default: HOTLINE_JVM, else %s; ADR 0007)
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
          seed        Write a history of closed orders into a running stack directly (each
                      service its share: event store, views, topic), for the bench at 10k,
                      100k or 1M stored events. Idempotent; resumable.
                        --events N        N events, 5 per closed order (required)
                        --from E          resume after the first E events (default 0)
                        --chunk ORDERS    orders per call to each service (default 2000)
                        --replay          replay rates: supervision's timeline from the topic,
                                          the order views by token reset (folded per order, then
                                          through the processor), and the load of an
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
          HOTLINE_DISPATCH_2_PORT        8182 (second instances, up --instances 2)
          HOTLINE_SUPERVISION_2_PORT     8183
          HOTLINE_<SERVICE>_URL          base URL used by demo/status, e.g. HOTLINE_INTAKE_URL
          HOTLINE_KAFKA_BOOTSTRAP        broker used by demo and bench (127.0.0.1:9092)
          HOTLINE_CALLER_KEY             base64 HMAC key for caller references
                                         (default: generated once into <data>/keys/)
          HOTLINE_JVM                    one or six: how up runs the services (%s)
          HOTLINE_SERVICE_JVM_OPTS       extra JVM options for the services' JVM(s)
          HOTLINE_CDS=off                no class-data archive for the one-JVM services
                                         (default: written on the first stop, then mapped)
          HOTLINE_SKIP_BUILD=1           ./hotline does not rebuild stale jars
        """
        .formatted(JvmMode.DEFAULT.label(), JvmMode.DEFAULT.label());
  }
}
