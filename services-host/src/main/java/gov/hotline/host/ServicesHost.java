package gov.hotline.host;

import gov.hotline.dispatch.DispatchApplication;
import gov.hotline.intake.IntakeApplication;
import gov.hotline.knowledge.KnowledgeApplication;
import gov.hotline.platform.runtime.OneAtATimeLogging;
import gov.hotline.supervision.SupervisionApplication;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The four services in one JVM, each its own Spring context: own port, own database, own Axon
 * processors and Kafka consumer groups, as if each ran from its own jar; they share the heap, the
 * JIT and the class data, and still talk only over Kafka.
 *
 * <p>Configured like the services' executable jars: {@code HOTLINE_KAFKA_BOOTSTRAP}, {@code
 * HOTLINE_MONGO_URI}, {@code HOTLINE_CALLER_KEY}, {@code HOTLINE_PARENT_PID} and each service's
 * {@code HOTLINE_<SERVICE>_PORT}. Arguments are passed to every context. Exits with 1 when a
 * service does not start, so the launcher restarts the whole host.
 */
public final class ServicesHost {

  /** In start order; each starts on its own thread. */
  static final Map<String, Service> SERVICES = new LinkedHashMap<>();

  static {
    SERVICES.put("intake", new Service("HOTLINE_INTAKE_PORT", 8081, IntakeApplication::builder));
    SERVICES.put(
        "dispatch", new Service("HOTLINE_DISPATCH_PORT", 8082, DispatchApplication::builder));
    SERVICES.put(
        "supervision",
        new Service("HOTLINE_SUPERVISION_PORT", 8083, SupervisionApplication::builder));
    SERVICES.put(
        "knowledge", new Service("HOTLINE_KNOWLEDGE_PORT", 8084, KnowledgeApplication::builder));
  }

  record Service(String portVariable, int defaultPort, Supplier<SpringApplicationBuilder> builder) {

    int port(Map<String, String> env) {
      String value = env.get(portVariable);
      return value == null || value.isBlank() ? defaultPort : Integer.parseInt(value.trim());
    }
  }

  private ServicesHost() {}

  public static void main(String[] args) {
    long started = System.nanoTime();
    try {
      List<ConfigurableApplicationContext> contexts = start(System.getenv(), args);
      System.out.printf(
          "READY services-host: %d services in %.1f s%n",
          contexts.size(), (System.nanoTime() - started) / 1e9);
    } catch (RuntimeException e) {
      System.err.println("services-host: " + e.getMessage());
      e.printStackTrace();
      System.exit(1);
    }
  }

  /** Starts the four contexts in parallel; when one fails, closes those that started and throws. */
  static List<ConfigurableApplicationContext> start(Map<String, String> env, String... args) {
    ExecutorService threads = Executors.newFixedThreadPool(SERVICES.size());
    Map<String, Future<ConfigurableApplicationContext>> starting = new LinkedHashMap<>();
    SERVICES.forEach(
        (name, service) ->
            starting.put(
                name,
                threads.submit(
                    () -> {
                      Thread.currentThread().setName(name + "-main");
                      return service
                          .builder()
                          .get()
                          .listeners(OneAtATimeLogging.acquire(), OneAtATimeLogging.release())
                          .run(arguments(service.port(env), args));
                    })));
    threads.shutdown();
    List<ConfigurableApplicationContext> running = new ArrayList<>();
    List<String> failed = new ArrayList<>();
    RuntimeException failure = null;
    for (Map.Entry<String, Future<ConfigurableApplicationContext>> entry : starting.entrySet()) {
      try {
        running.add(entry.getValue().get());
      } catch (ExecutionException e) {
        failed.add(entry.getKey());
        if (failure == null) {
          failure = new IllegalStateException(entry.getKey() + " did not start", e.getCause());
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        failed.add(entry.getKey());
        failure = new IllegalStateException("interrupted while starting " + entry.getKey(), e);
      }
    }
    if (failure != null) {
      running.forEach(ConfigurableApplicationContext::close);
      throw new IllegalStateException(
          "not started: " + String.join(", ", failed) + " (" + failure.getMessage() + ")",
          failure.getCause());
    }
    return running;
  }

  /**
   * The port first (a {@code SERVER_PORT} in the environment would otherwise put all four on one
   * port); no application name in log lines, since logging is one for the JVM and would name
   * whichever service configured it last.
   */
  static String[] arguments(int port, String... args) {
    List<String> all = new ArrayList<>();
    all.add("--server.port=" + port);
    all.add("--logging.include-application-name=false");
    all.addAll(List.of(args));
    return all.toArray(String[]::new);
  }
}
