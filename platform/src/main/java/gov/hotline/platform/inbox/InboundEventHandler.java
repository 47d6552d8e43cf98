package gov.hotline.platform.inbox;

/**
 * What a service does with the contract events it consumes. Called at most once per event id after
 * success (the inbox remembers it), but possibly again after a crash between handling and
 * remembering: handlers must be idempotent themselves (the aggregates remember source event ids).
 * Throwing {@link gov.hotline.platform.domain.RuleViolation} or {@link
 * gov.hotline.platform.relay.UnreadableEventException} sends the record to the dead-letter topic at
 * once; any other exception is retried with back-off first.
 */
public interface InboundEventHandler {
  void handle(InboundEvent event);
}
