package gov.hotline.platform.kafka;

import io.micrometer.core.instrument.MeterRegistry;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.boot.autoconfigure.kafka.KafkaProperties;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.MicrometerProducerListener;

/**
 * The one producer recipe of the platform, used by the relay and by the dead-letter writer:
 * idempotent with {@code acks=all}, so a send counts as done only once every in-sync replica has
 * the record, and a retried send is never written twice. Keys are strings (order or article ids).
 */
public final class ReliableProducer {
  private ReliableProducer() {}

  /**
   * Boot's {@code spring.kafka.producer.*} settings with the reliability settings forced on top.
   *
   * @param clientId names the producer in broker logs and client metrics, e.g. {@code
   *     dispatch-relay}
   */
  public static Map<String, Object> config(
      KafkaProperties kafka, String clientId, Class<?> valueSerializer) {
    Map<String, Object> config = new HashMap<>(kafka.buildProducerProperties(null));
    config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
    config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, valueSerializer);
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    // at most 5 keeps ordering per partition with idempotence on
    config.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
    config.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
    return config;
  }

  /** A factory over that config whose producers report to Micrometer. */
  public static <K, V> DefaultKafkaProducerFactory<K, V> factory(
      Map<String, Object> config, MeterRegistry registry) {
    DefaultKafkaProducerFactory<K, V> factory = new DefaultKafkaProducerFactory<>(config);
    factory.addListener(new MicrometerProducerListener<>(registry));
    return factory;
  }
}
