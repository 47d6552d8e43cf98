package gov.hotline.launcher;

import java.util.Locale;

/** A parsed command line: {@code up}, {@code demo [N]}, {@code status} or {@code help}. */
public record Invocation(Command command, int orders) {

  public static final int DEFAULT_DEMO_ORDERS = 100;
  static final int MAX_DEMO_ORDERS = 1_000_000;

  public enum Command {
    UP,
    DEMO,
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
      default -> throw new UsageException("unknown command '" + args[0] + "'");
    };
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
          HOTLINE_KAFKA_BOOTSTRAP        broker used by demo to count events (127.0.0.1:9092)
          HOTLINE_CALLER_KEY             base64 HMAC key for caller references
                                         (default: generated once into <data>/keys/)
          HOTLINE_SKIP_BUILD=1           ./hotline does not rebuild stale jars
        """;
  }
}
