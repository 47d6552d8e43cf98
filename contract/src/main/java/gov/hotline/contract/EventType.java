package gov.hotline.contract;

import gov.hotline.contract.knowledge.ArticleDrafted;
import gov.hotline.contract.knowledge.ArticlePublished;
import gov.hotline.contract.knowledge.ArticleRetired;
import gov.hotline.contract.workorder.WorkOrderAudited;
import gov.hotline.contract.workorder.WorkOrderDispatched;
import gov.hotline.contract.workorder.WorkOrderEvent;
import gov.hotline.contract.workorder.WorkOrderHandled;
import gov.hotline.contract.workorder.WorkOrderReceived;
import gov.hotline.contract.workorder.WorkOrderRevisited;
import java.net.URI;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * The catalogue: every public event type, its CloudEvents type name, topic and JSON Schema. A
 * change that breaks a reader is a new version published beside the old one, never an edit.
 */
public enum EventType {
  WORKORDER_RECEIVED(
      WorkOrderReceived.class, "gov.hotline.workorder.received", 1, Topics.WORKORDER_LIFECYCLE),
  WORKORDER_DISPATCHED(
      WorkOrderDispatched.class, "gov.hotline.workorder.dispatched", 1, Topics.WORKORDER_LIFECYCLE),
  WORKORDER_HANDLED(
      WorkOrderHandled.class, "gov.hotline.workorder.handled", 1, Topics.WORKORDER_LIFECYCLE),
  WORKORDER_AUDITED(
      WorkOrderAudited.class, "gov.hotline.workorder.audited", 1, Topics.WORKORDER_LIFECYCLE),
  WORKORDER_REVISITED(
      WorkOrderRevisited.class, "gov.hotline.workorder.revisited", 1, Topics.WORKORDER_LIFECYCLE),
  ARTICLE_DRAFTED(
      ArticleDrafted.class, "gov.hotline.knowledge.article.drafted", 1, Topics.KNOWLEDGE_ARTICLE),
  ARTICLE_PUBLISHED(
      ArticlePublished.class,
      "gov.hotline.knowledge.article.published",
      1,
      Topics.KNOWLEDGE_ARTICLE),
  ARTICLE_RETIRED(
      ArticleRetired.class, "gov.hotline.knowledge.article.retired", 1, Topics.KNOWLEDGE_ARTICLE);

  /** Prefix of every schema URI; the file is {@code schemas/<ceType>.json} in this artifact. */
  public static final String SCHEMA_URI_PREFIX = "urn:gov:hotline:schema:";

  private final Class<? extends PublicEvent> payloadType;
  private final String baseName;
  private final int version;
  private final String topic;

  EventType(Class<? extends PublicEvent> payloadType, String baseName, int version, String topic) {
    this.payloadType = payloadType;
    this.baseName = baseName;
    this.version = version;
    this.topic = topic;
  }

  public Class<? extends PublicEvent> payloadType() {
    return payloadType;
  }

  /** The CloudEvents {@code type}, e.g. {@code gov.hotline.workorder.received.v1}. */
  public String ceType() {
    return baseName + ".v" + version;
  }

  public int version() {
    return version;
  }

  public String topic() {
    return topic;
  }

  /** The lifecycle step name readers show, e.g. {@code RECEIVED}. */
  public String step() {
    String last = baseName.substring(baseName.lastIndexOf('.') + 1);
    return last.toUpperCase(java.util.Locale.ROOT);
  }

  public URI dataSchema() {
    return URI.create(SCHEMA_URI_PREFIX + ceType());
  }

  /** Classpath location of the JSON Schema. */
  public String schemaResource() {
    return "/schemas/" + ceType() + ".json";
  }

  /**
   * Every type of the work order's lifecycle, what a reader of the whole lifecycle takes: the
   * lifecycle fold has a rule for each of them.
   */
  public static Set<EventType> lifecycle() {
    Set<EventType> types = EnumSet.noneOf(EventType.class);
    for (EventType type : values()) {
      if (WorkOrderEvent.class.isAssignableFrom(type.payloadType)) {
        types.add(type);
      }
    }
    return Collections.unmodifiableSet(types);
  }

  public static Optional<EventType> ofPayload(Class<?> payloadType) {
    return Arrays.stream(values()).filter(t -> t.payloadType.equals(payloadType)).findFirst();
  }

  public static Optional<EventType> ofCeType(String ceType) {
    return Arrays.stream(values()).filter(t -> t.ceType().equals(ceType)).findFirst();
  }
}
