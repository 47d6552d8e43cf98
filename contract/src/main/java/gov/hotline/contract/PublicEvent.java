package gov.hotline.contract;

import java.time.Instant;

/**
 * An event of the public contract. Its CloudEvent id ({@code ce_id}) is the event id; its subject
 * ({@code ce_subject}) and Kafka key is {@link #subject()}.
 */
public interface PublicEvent {
  /** The id of the aggregate the event is about: the order id or the article id. */
  String subject();

  Instant occurredAt();

  Actor actor();
}
