package gov.hotline.platform.axon;

import gov.hotline.contract.EventType;
import org.axonframework.serialization.AnnotationRevisionResolver;
import org.axonframework.serialization.RevisionResolver;

/**
 * Stores contract events with their contract version as Axon revision, so an upcaster can tell a
 * stored v1 from a v2; a service's internal events keep using {@code @Revision}.
 */
public class ContractRevisionResolver implements RevisionResolver {
  private final RevisionResolver fallback = new AnnotationRevisionResolver();

  @Override
  public String revisionOf(Class<?> payloadType) {
    return EventType.ofPayload(payloadType)
        .map(t -> Integer.toString(t.version()))
        .orElseGet(() -> fallback.revisionOf(payloadType));
  }
}
