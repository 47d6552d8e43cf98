package gov.hotline.platform.inbox;

import gov.hotline.contract.EventType;
import gov.hotline.contract.PublicEvent;
import java.net.URI;
import java.time.Instant;

/**
 * A contract event read from Kafka: its envelope, the decoded payload, the data exactly as it was
 * published, and where it was read from.
 */
public record InboundEvent(
    String id,
    URI source,
    EventType type,
    String subject,
    Instant time,
    PublicEvent payload,
    byte[] data,
    String topic,
    int partition,
    long offset) {}
