package gov.hotline.api.knowledge;

import gov.hotline.contract.knowledge.ArticleKind;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** One article with its text, as {@code GET /articles/{id}} answers it. */
public record ArticleDetails(
    UUID articleId,
    ArticleKind kind,
    String title,
    String body,
    List<String> tags,
    List<String> categoryCodes,
    String issuingUnit,
    Instant validUntil,
    ArticleStatus status,
    Instant draftedAt,
    Instant publishedAt,
    Instant retiredAt,
    String retireReason,
    Instant updatedAt) {}
