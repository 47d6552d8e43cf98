package gov.hotline.contract;

/** Which service emits each type: its {@code ce_source} is {@code /hotline/<service>}. */
final class Emitters {
  private Emitters() {}

  static String serviceOf(EventType type) {
    return switch (type) {
      case WORKORDER_RECEIVED -> "intake";
      case WORKORDER_DISPATCHED, WORKORDER_HANDLED -> "dispatch";
      case WORKORDER_AUDITED, WORKORDER_REVISITED -> "supervision";
      case ARTICLE_DRAFTED, ARTICLE_PUBLISHED, ARTICLE_RETIRED -> "knowledge";
    };
  }

  static String ceSourceOf(EventType type) {
    return "/hotline/" + serviceOf(type);
  }
}
