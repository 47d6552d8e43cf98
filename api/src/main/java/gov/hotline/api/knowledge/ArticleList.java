package gov.hotline.api.knowledge;

import java.util.List;

/** {@code GET /articles}: newest change first. */
public record ArticleList(List<ArticleSummary> articles) {}
