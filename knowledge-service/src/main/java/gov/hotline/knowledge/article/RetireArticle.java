package gov.hotline.knowledge.article;

import gov.hotline.contract.Actor;
import java.time.Instant;
import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Withdraw an article (outdated, replaced or wrong), saying why. */
public record RetireArticle(
    @TargetAggregateIdentifier UUID articleId, Instant at, Actor actor, String reason) {}
