package gov.hotline.contract.knowledge;

import gov.hotline.contract.Actor;
import java.time.Instant;
import java.util.UUID;

/** The article is withdrawn: outdated, replaced or wrong. */
public record ArticleRetired(UUID articleId, Instant occurredAt, Actor actor, String reason)
    implements ArticleEvent {}
