package gov.hotline.knowledge.article;

import static org.assertj.core.api.Assertions.assertThat;

import gov.hotline.api.knowledge.ArticleDetails;
import gov.hotline.api.knowledge.ArticleStatus;
import gov.hotline.api.knowledge.ArticleSummary;
import gov.hotline.contract.Actor;
import gov.hotline.contract.ActorRole;
import gov.hotline.contract.knowledge.ArticleDrafted;
import gov.hotline.contract.knowledge.ArticleKind;
import gov.hotline.contract.knowledge.ArticlePublished;
import gov.hotline.contract.knowledge.ArticleRetired;
import gov.hotline.testsupport.EmbeddedMongo;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ArticleViewTest {
  private static final Actor EDITOR = new Actor(ActorRole.EDITOR, "editor-7", null, null);
  private static final UUID HEATING = UUID.fromString("00000000-0000-4000-8000-000000000001");
  private static final UUID PERMIT = UUID.fromString("00000000-0000-4000-8000-000000000002");
  private static final Instant T0 = Instant.parse("2026-11-24T01:00:00Z");

  @RegisterExtension static final EmbeddedMongo mongo = new EmbeddedMongo();

  private ArticleView view;

  @BeforeEach
  void freshView() {
    view = new ArticleView(mongo.template("knowledge"));
    view.reset();
  }

  @Test
  void a_drafted_article_reads_back_with_everything_the_editor_wrote() {
    view.on(heatingDrafted(), 0);

    assertThat(view.find(HEATING))
        .contains(
            new ArticleDetails(
                HEATING,
                ArticleKind.PUBLIC_INFO,
                "Heating season dates",
                "Heating runs from 15 November to 15 March.",
                List.of("heating", "winter"),
                List.of("URBAN.HEATING"),
                "City Housing Bureau",
                Instant.parse("2027-03-15T16:00:00Z"),
                ArticleStatus.DRAFT,
                T0,
                null,
                null,
                null,
                T0));
  }

  @Test
  void each_event_delivered_twice_leaves_the_same_article() {
    ArticleDrafted drafted = heatingDrafted();
    ArticlePublished published =
        new ArticlePublished(HEATING, T0.plusSeconds(60), EDITOR, "Heating season dates");
    ArticleRetired retired =
        new ArticleRetired(HEATING, T0.plusSeconds(120), EDITOR, "dates changed");

    view.on(drafted, 0);
    view.on(drafted, 0);
    view.on(published, 1);
    view.on(published, 1);
    ArticleDetails afterPublish = view.find(HEATING).orElseThrow();
    view.on(retired, 2);
    ArticleDetails afterRetire = view.find(HEATING).orElseThrow();

    // a whole redelivery of the stream, as after a crash before the token was stored
    view.on(drafted, 0);
    view.on(published, 1);
    view.on(retired, 2);

    assertThat(afterPublish.status()).isEqualTo(ArticleStatus.PUBLISHED);
    assertThat(afterPublish.publishedAt()).isEqualTo(T0.plusSeconds(60));
    assertThat(afterRetire.status()).isEqualTo(ArticleStatus.RETIRED);
    assertThat(afterRetire.retireReason()).isEqualTo("dates changed");
    assertThat(afterRetire.retiredAt()).isEqualTo(T0.plusSeconds(120));
    assertThat(afterRetire.publishedAt()).isEqualTo(T0.plusSeconds(60));
    assertThat(view.find(HEATING)).contains(afterRetire);
    assertThat(view.list(EnumSet.allOf(ArticleStatus.class), 100)).hasSize(1);
  }

  @Test
  void lists_filter_by_status_newest_first_without_the_text() {
    view.on(heatingDrafted(), 0);
    view.on(
        new ArticleDrafted(
            PERMIT,
            T0.plusSeconds(10),
            EDITOR,
            ArticleKind.SERVICE_GUIDE,
            "Residence permit",
            "Bring your ID card.",
            List.of(),
            List.of(),
            null,
            null),
        0);
    view.on(new ArticlePublished(PERMIT, T0.plusSeconds(20), EDITOR, "Residence permit"), 1);
    view.on(new ArticlePublished(HEATING, T0.plusSeconds(30), EDITOR, "Heating season dates"), 1);

    List<ArticleSummary> published = view.list(EnumSet.of(ArticleStatus.PUBLISHED), 10);
    assertThat(published).extracting(ArticleSummary::articleId).containsExactly(HEATING, PERMIT);
    assertThat(view.list(EnumSet.of(ArticleStatus.PUBLISHED), 1))
        .extracting(ArticleSummary::articleId)
        .containsExactly(HEATING);
    assertThat(view.list(EnumSet.of(ArticleStatus.DRAFT), 10)).isEmpty();
    assertThat(published.get(1).issuingUnit()).isNull();
    assertThat(published.get(0).tags()).containsExactly("heating", "winter");
  }

  @Test
  void a_reset_forgets_every_article_so_a_replay_rebuilds_them_as_they_were() {
    ArticlePublished published =
        new ArticlePublished(HEATING, T0.plusSeconds(60), EDITOR, "Heating season dates");
    ArticleRetired retired =
        new ArticleRetired(HEATING, T0.plusSeconds(120), EDITOR, "dates changed");
    view.on(heatingDrafted(), 0);
    view.on(published, 1);
    view.on(retired, 2);
    ArticleDetails before = view.find(HEATING).orElseThrow();

    view.reset();
    assertThat(view.find(HEATING)).isEmpty();
    view.on(heatingDrafted(), 0);
    view.on(published, 1);
    view.on(retired, 2);

    assertThat(view.find(HEATING)).contains(before);
  }

  private static ArticleDrafted heatingDrafted() {
    return new ArticleDrafted(
        HEATING,
        T0,
        EDITOR,
        ArticleKind.PUBLIC_INFO,
        "Heating season dates",
        "Heating runs from 15 November to 15 March.",
        List.of("heating", "winter"),
        List.of("URBAN.HEATING"),
        "City Housing Bureau",
        Instant.parse("2027-03-15T16:00:00Z"));
  }
}
