package gov.hotline.knowledge.article;

import gov.hotline.contract.Actor;
import gov.hotline.contract.ActorRole;
import gov.hotline.contract.knowledge.ArticleDrafted;
import gov.hotline.contract.knowledge.ArticleKind;
import gov.hotline.contract.knowledge.ArticlePublished;
import gov.hotline.contract.knowledge.ArticleRetired;
import gov.hotline.platform.domain.RuleViolation;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.hamcrest.Description;
import org.hamcrest.Matcher;
import org.hamcrest.TypeSafeMatcher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ArticleTest {
  private static final UUID ID = UUID.fromString("6f1c2a47-3b0e-4c1d-9a55-0d8e6f0b1c2d");
  private static final Actor EDITOR = new Actor(ActorRole.EDITOR, "editor-7", null, null);
  private static final Instant DRAFTED_AT = Instant.parse("2026-11-24T01:00:00Z");
  private static final Instant PUBLISHED_AT = Instant.parse("2026-11-24T02:00:00Z");
  private static final Instant RETIRED_AT = Instant.parse("2026-11-25T03:00:00Z");

  private AggregateTestFixture<Article> fixture;

  @BeforeEach
  void setUp() {
    fixture = new AggregateTestFixture<>(Article.class);
  }

  @Test
  void an_editor_drafts_a_service_guide() {
    fixture
        .givenNoPriorActivity()
        .when(
            new DraftArticle(
                ID,
                DRAFTED_AT,
                EDITOR,
                ArticleKind.SERVICE_GUIDE,
                "How to apply for a residence permit",
                "Bring your ID card and lease to the street office.",
                List.of("residence", "permit"),
                List.of("PUBLIC_SECURITY.RESIDENCE"),
                "City Public Security Bureau",
                Instant.parse("2027-12-31T16:00:00Z")))
        .expectSuccessfulHandlerExecution()
        .expectEvents(
            new ArticleDrafted(
                ID,
                DRAFTED_AT,
                EDITOR,
                ArticleKind.SERVICE_GUIDE,
                "How to apply for a residence permit",
                "Bring your ID card and lease to the street office.",
                List.of("residence", "permit"),
                List.of("PUBLIC_SECURITY.RESIDENCE"),
                "City Public Security Bureau",
                Instant.parse("2027-12-31T16:00:00Z")));
  }

  @Test
  void a_draft_without_a_title_is_refused() {
    fixture
        .givenNoPriorActivity()
        .when(
            new DraftArticle(
                ID, DRAFTED_AT, EDITOR, ArticleKind.LAW, " ", "text", null, null, null, null))
        .expectException(IllegalArgumentException.class)
        .expectNoEvents();
  }

  @Test
  void a_draft_is_published_under_its_title() {
    fixture
        .given(drafted())
        .when(new PublishArticle(ID, PUBLISHED_AT, EDITOR))
        .expectEvents(new ArticlePublished(ID, PUBLISHED_AT, EDITOR, "Heating season dates"));
  }

  @Test
  void publishing_twice_is_refused() {
    fixture
        .given(drafted(), published())
        .when(new PublishArticle(ID, RETIRED_AT, EDITOR))
        .expectException(violation("article-already-published", "PUBLISHED"))
        .expectNoEvents();
  }

  @Test
  void a_retired_article_cannot_be_published() {
    fixture
        .given(drafted(), retired("superseded"))
        .when(new PublishArticle(ID, RETIRED_AT, EDITOR))
        .expectException(violation("article-retired", "RETIRED"))
        .expectNoEvents();
  }

  @Test
  void a_published_article_is_retired_with_its_reason() {
    fixture
        .given(drafted(), published())
        .when(new RetireArticle(ID, RETIRED_AT, EDITOR, "heating dates changed"))
        .expectEvents(new ArticleRetired(ID, RETIRED_AT, EDITOR, "heating dates changed"));
  }

  @Test
  void a_draft_can_be_retired_without_being_published() {
    fixture
        .given(drafted())
        .when(new RetireArticle(ID, RETIRED_AT, EDITOR, "duplicate of another article"))
        .expectEvents(new ArticleRetired(ID, RETIRED_AT, EDITOR, "duplicate of another article"));
  }

  @Test
  void retiring_twice_is_refused() {
    fixture
        .given(drafted(), published(), retired("outdated"))
        .when(new RetireArticle(ID, RETIRED_AT, EDITOR, "again"))
        .expectException(violation("article-already-retired", "RETIRED"))
        .expectNoEvents();
  }

  @Test
  void retiring_needs_a_reason() {
    fixture
        .given(drafted(), published())
        .when(new RetireArticle(ID, RETIRED_AT, EDITOR, "  "))
        .expectException(IllegalArgumentException.class)
        .expectNoEvents();
  }

  private static ArticleDrafted drafted() {
    return new ArticleDrafted(
        ID,
        DRAFTED_AT,
        EDITOR,
        ArticleKind.PUBLIC_INFO,
        "Heating season dates",
        "Heating runs from 15 November to 15 March.",
        List.of("heating"),
        List.of(),
        null,
        null);
  }

  private static ArticlePublished published() {
    return new ArticlePublished(ID, PUBLISHED_AT, EDITOR, "Heating season dates");
  }

  private static ArticleRetired retired(String reason) {
    return new ArticleRetired(ID, RETIRED_AT, EDITOR, reason);
  }

  /** The rule, and the state a client retrying after a lost answer is told the article is in. */
  private static Matcher<RuleViolation> violation(String code, String state) {
    return new TypeSafeMatcher<>() {
      @Override
      protected boolean matchesSafely(RuleViolation e) {
        return code.equals(e.code()) && state.equals(e.state());
      }

      @Override
      public void describeTo(Description description) {
        description
            .appendText("a RuleViolation with code ")
            .appendValue(code)
            .appendText(" naming state ")
            .appendValue(state);
      }
    };
  }
}
