package gov.hotline.platform.axon;

import java.lang.management.ManagementFactory;
import java.util.UUID;

/**
 * Whose claims on processor segments these are, in the token store and in {@link SegmentBalancer}:
 * unique per running instance, also for two instances of a service in one JVM (the token store's
 * default, {@code pid@host}, is the same for both, so each would take the other's claims for its
 * own and both would process the same segment).
 */
public record ProcessorNode(String name) {
  public static ProcessorNode of(String service) {
    return new ProcessorNode(
        service
            + "/"
            + ManagementFactory.getRuntimeMXBean().getName()
            + "/"
            + UUID.randomUUID().toString().substring(0, 8));
  }
}
