package gov.hotline.contract;

/** Who acts on an order. SYSTEM marks facts the platform records by itself. */
public enum ActorRole {
  OPERATOR,
  DISPATCHER,
  UNIT_HANDLER,
  SUPERVISOR,
  AUDITOR,
  EDITOR,
  SYSTEM
}
