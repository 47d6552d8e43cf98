package gov.hotline.knowledge.article;

import gov.hotline.contract.Actor;
import gov.hotline.contract.knowledge.ArticleKind;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Write a new article; nobody but editors sees it until it is published. */
public record DraftArticle(
    @TargetAggregateIdentifier UUID articleId,
    Instant at,
    Actor actor,
    ArticleKind kind,
    String title,
    String body,
    List<String> tags,
    List<String> categoryCodes,
    String issuingUnit,
    Instant validUntil) {}
