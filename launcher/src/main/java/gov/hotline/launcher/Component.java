package gov.hotline.launcher;

import java.util.EnumSet;
import java.util.Set;

/** The six processes of the local stack, with their default ports and the variables moving them. */
public enum Component {
  MONGO("mongo", null, "HOTLINE_MONGO_PORT", 27017, 2),
  KAFKA("kafka", null, "HOTLINE_KAFKA_PORT", 9092, 1),
  INTAKE("intake", "intake-service", "HOTLINE_INTAKE_PORT", 8081, 0),
  DISPATCH("dispatch", "dispatch-service", "HOTLINE_DISPATCH_PORT", 8082, 0),
  SUPERVISION("supervision", "supervision-service", "HOTLINE_SUPERVISION_PORT", 8083, 0),
  KNOWLEDGE("knowledge", "knowledge-service", "HOTLINE_KNOWLEDGE_PORT", 8084, 0);

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
