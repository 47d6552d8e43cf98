package gov.hotline.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.testcontainers.containers.MongoDBContainer;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.kafka.KafkaContainer;

/**
 * The same journey on a real MongoDB replica set and an Apache Kafka image, where a Docker engine
 * exists; reported as skipped elsewhere (the embedded default covers those machines).
 */
@Testcontainers(disabledWithoutDocker = true)
class RealInfrastructureIT {
  @Container static final MongoDBContainer MONGO = new MongoDBContainer("mongo:7.0");
  @Container static final KafkaContainer KAFKA = new KafkaContainer("apache/kafka:3.9.1");

  @Test
  void a_complaint_travels_the_loop_on_real_mongodb_and_kafka() {
    HotlineStack stack = HotlineStack.on(KAFKA.getBootstrapServers(), MONGO.getReplicaSetUrl());
    try {
      Loop loop = new Loop(stack);
      UUID orderId = loop.closeOne();
      assertThat(Loop.steps(loop.timeline(orderId, 5)))
          .containsExactly("RECEIVED", "DISPATCHED", "HANDLED", "AUDITED", "REVISITED");
    } finally {
      stack.close();
    }
  }
}
