package gov.hotline.api.knowledge;

import java.util.UUID;

/** The article's status right after a command was accepted. */
public record ArticleState(UUID articleId, ArticleStatus status) {}
