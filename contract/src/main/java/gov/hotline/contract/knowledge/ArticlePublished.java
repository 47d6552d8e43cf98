package gov.hotline.contract.knowledge;

import gov.hotline.contract.Actor;
import java.time.Instant;
import java.util.UUID;

/** The article is now visible to operators and answers may cite it. */
public record ArticlePublished(UUID articleId, Instant occurredAt, Actor actor, String title)
    implements ArticleEvent {}
