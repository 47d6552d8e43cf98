package gov.hotline.launcher;

import java.util.EnumSet;
import java.util.Set;

/**
 * The processes of the local stack (six, eight with second instances), with their default ports and
 * the variables moving them.
 */
public enum Component {
  MONGO("mongo", null, "HOTLINE_MONGO_PORT", 27017, 2),
  KAFKA("kafka", null, "HOTLINE_KAFKA_PORT", 9092, 1),
  INTAKE("intake", "intake-service", "HOTLINE_INTAKE_PORT", 8081, 0),
  DISPATCH("dispatch", "dispatch-service", "HOTLINE_DISPATCH_PORT", 8082, 0),
  SUPERVISION("supervision", "supervision-service", "HOTLINE_SUPERVISION_PORT", 8083, 0),
  KNOWLEDGE("knowledge", "knowledge-service", "HOTLINE_KNOWLEDGE_PORT", 8084, 0),
  /** Second instances ({@code ./hotline up --instances 2}): the same jar, database and group. */
  DISPATCH_2("dispatch-2", "dispatch-service", "HOTLINE_DISPATCH_2_PORT", 8182, 0),
  SUPERVISION_2("supervision-2", "supervision-service", "HOTLINE_SUPERVISION_2_PORT", 8183, 0);

  private final String displayName;
  private final String module;
  private final String portVariable;
  private final int defaultPort;
  private final int stopRank;

  Component(String displayName, String module, String portVariable, int defaultPort, int stopRank) {
    this.displayName = displayName;
    this.module = module;
    this.portVariable = portVariable;
    this.defaultPort = defaultPort;
    this.stopRank = stopRank;
  }

  public static Set<Component> services() {
    return EnumSet.of(INTAKE, DISPATCH, SUPERVISION, KNOWLEDGE);
  }

  /** The second instances, started only with {@code --instances 2}. */
  public static Set<Component> secondInstances() {
    return EnumSet.of(DISPATCH_2, SUPERVISION_2);
  }

  /** What runs with {@code instances} instances of the services that scale out (1 or 2). */
  public static Set<Component> stack(int instances) {
    Set<Component> all = EnumSet.allOf(Component.class);
    if (instances < 2) {
      all.removeAll(secondInstances());
    }
    return all;
  }

  public boolean isService() {
    return module != null;
  }

  /** Short name used in tables, log file names and messages. */
  public String displayName() {
    return displayName;
  }

  /** Maven module whose {@code -exec.jar} runs this service; {@code null} for Kafka and Mongo. */
  public String module() {
    return module;
  }

  public String portVariable() {
    return portVariable;
  }

  public int defaultPort() {
    return defaultPort;
  }

  /**
   * Shutdown order: services (0) before the broker (1) before Mongo (2), so nothing loses its store
   * or its broker while it is still flushing.
   */
  public int stopRank() {
    return stopRank;
  }
}
