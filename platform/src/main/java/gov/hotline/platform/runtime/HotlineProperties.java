package gov.hotline.platform.runtime;

import java.time.Duration;
import java.time.ZoneId;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** Settings every service shares ({@code hotline.*}). */
@ConfigurationProperties("hotline")
public record HotlineProperties(
    String service, ZoneId zone, Consumer consumer, Relay relay, Topics topics) {

  public HotlineProperties {
    if (service == null || service.isBlank()) {
      throw new IllegalArgumentException("hotline.service must name the service, e.g. intake");
    }
    zone = zone == null ? ZoneId.of("Asia/Shanghai") : zone;
    consumer = consumer == null ? new Consumer(1) : consumer;
    relay = relay == null ? new Relay(Duration.ofSeconds(30)) : relay;
    topics = topics == null ? new Topics(6) : topics;
  }

  /** The CloudEvents source of this service's events, e.g. {@code /hotline/intake}. */
  public String source() {
    return "/hotline/" + service;
  }

  /**
   * How many threads the inbox consumes with. Which topics it reads follows from the {@code
   * InboxHandler}s the service declares.
   */
  public record Consumer(int concurrency) {
    public Consumer {
      concurrency = concurrency < 1 ? 1 : concurrency;
    }
  }

  /** How long the relay waits for the broker to acknowledge a batch before retrying it. */
  public record Relay(Duration ackTimeout) {}

  /** Partitions of the topics a service creates when they are missing. */
  public record Topics(int partitions) {}
}
