package gov.hotline.contract.knowledge;

import gov.hotline.contract.Actor;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** An editor wrote a new article; it is not visible to operators until published. */
public record ArticleDrafted(
    UUID articleId,
    Instant occurredAt,
    Actor actor,
    ArticleKind kind,
    String title,
    String body,
    List<String> tags,
    List<String> categoryCodes,
    String issuingUnit,
    Instant validUntil)
    implements ArticleEvent {
  public ArticleDrafted {
    tags = tags == null ? List.of() : List.copyOf(tags);
    categoryCodes = categoryCodes == null ? List.of() : List.copyOf(categoryCodes);
  }
}
