package gov.hotline.launcher;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The lifecycle topic as {@code demo} reads it: a mark taken before the run, and the records that
 * came after it, to check what the run published (and that it opened no order twice).
 */
interface LifecycleTopic {

  /** One record: where it stands, its key (the order id) and CloudEvents id and type. */
  record TopicRecord(
      int partition, long offset, String key, String ceId, String ceType, byte[] value) {}

  /** Where the topic ends now (partition → next offset); empty when Kafka cannot be reached. */
  Optional<Map<Integer, Long>> mark();

  /**
   * The records after {@code mark} (every record, for partitions the mark does not name); empty
   * when Kafka cannot be reached.
   */
  Optional<List<TopicRecord>> since(Map<Integer, Long> mark);

  /** The broker's {@value TopicCounter#LIFECYCLE_TOPIC}. */
  static LifecycleTopic on(String bootstrap) {
    return new LifecycleTopic() {
      @Override
      public Optional<Map<Integer, Long>> mark() {
        return TopicCounter.endOffsets(bootstrap, TopicCounter.LIFECYCLE_TOPIC);
      }

      @Override
      public Optional<List<TopicRecord>> since(Map<Integer, Long> mark) {
        return TopicCounter.readFrom(bootstrap, TopicCounter.LIFECYCLE_TOPIC, mark);
      }
    };
  }
}
