package gov.hotline.contract.knowledge;

import gov.hotline.contract.PublicEvent;
import java.util.UUID;

/**
 * An event of a knowledge-base article, on {@link gov.hotline.contract.Topics#KNOWLEDGE_ARTICLE}.
 */
public sealed interface ArticleEvent extends PublicEvent
    permits ArticleDrafted, ArticlePublished, ArticleRetired {
  UUID articleId();

  @Override
  default String subject() {
    return articleId().toString();
  }
}
