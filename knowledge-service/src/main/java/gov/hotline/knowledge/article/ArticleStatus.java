package gov.hotline.knowledge.article;

/** Where an article is in its life: only a published one answers callers. */
public enum ArticleStatus {
  DRAFT,
  PUBLISHED,
  RETIRED
}
