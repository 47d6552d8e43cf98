package gov.hotline.contract;

/** Kafka topic names of the public contract. */
public final class Topics {
  /** Every work-order lifecycle event, keyed by order id, so one order stays on one partition. */
  public static final String WORKORDER_LIFECYCLE = "hotline.workorder.lifecycle";

  /** Knowledge-base article events, keyed by article id. */
  public static final String KNOWLEDGE_ARTICLE = "hotline.knowledge.article";

  /** Suffix of a consumer group's dead-letter topic: {@code <topic>.<group>.dlt}. */
  public static final String DEAD_LETTER_SUFFIX = ".dlt";

  private Topics() {}

  public static String deadLetter(String topic, String consumerGroup) {
    return topic + "." + consumerGroup + DEAD_LETTER_SUFFIX;
  }
}
