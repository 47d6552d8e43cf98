package gov.hotline.api.knowledge;

/** Where an article is in its life: only a published one answers callers. */
public enum ArticleStatus {
  DRAFT,
  PUBLISHED,
  RETIRED
}
