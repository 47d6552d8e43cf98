package gov.hotline.knowledge.article;

import gov.hotline.contract.Actor;
import gov.hotline.contract.knowledge.ArticleKind;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.UUID;

/** What an editor submits to draft an article. */
public record DraftArticleRequest(
    @NotNull ArticleKind kind,
    @NotBlank @Size(max = 200) String title,
    @NotBlank @Size(max = 20000) String body,
    @Size(max = 30) List<@NotBlank @Size(max = 50) String> tags,
    @Size(max = 20)
        List<
                @NotBlank
                @Pattern(
                    regexp = "[A-Z0-9_.]{1,64}",
                    message = "must be an upper-case code like URBAN.NOISE")
                String>
            categoryCodes,
    @Size(max = 200) String issuingUnit,
    Instant validUntil) {

  /** Trimmed, without repeats (the contract wants unique items) and without blank optionals. */
  DraftArticle toCommand(UUID articleId, Instant at, Actor actor) {
    return new DraftArticle(
        articleId,
        at,
        actor,
        kind,
        title.trim(),
        body.strip(),
        distinct(tags),
        distinct(categoryCodes),
        issuingUnit == null || issuingUnit.isBlank() ? null : issuingUnit.trim(),
        validUntil);
  }

  private static List<String> distinct(List<String> values) {
    return values == null
        ? List.of()
        : List.copyOf(new LinkedHashSet<>(values.stream().map(String::trim).toList()));
  }
}
