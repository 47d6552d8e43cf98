package gov.hotline.knowledge.article;

import gov.hotline.contract.Actor;
import java.time.Instant;
import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Make a drafted article visible to operators. */
public record PublishArticle(@TargetAggregateIdentifier UUID articleId, Instant at, Actor actor) {}
