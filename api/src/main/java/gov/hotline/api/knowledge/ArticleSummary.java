package gov.hotline.api.knowledge;

import gov.hotline.contract.knowledge.ArticleKind;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** An article in a list: everything but its text. */
public record ArticleSummary(
    UUID articleId,
    ArticleKind kind,
    String title,
    List<String> tags,
    List<String> categoryCodes,
    String issuingUnit,
    Instant validUntil,
    ArticleStatus status,
    Instant updatedAt) {}
