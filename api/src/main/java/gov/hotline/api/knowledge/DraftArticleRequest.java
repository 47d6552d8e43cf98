package gov.hotline.api.knowledge;

import gov.hotline.contract.knowledge.ArticleKind;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;

/**
 * What an editor submits to draft an article. The service trims the texts and drops repeated tags
 * and category codes.
 */
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

  /** An article with only what every article needs. */
  public static DraftArticleRequest of(ArticleKind kind, String title, String body) {
    return new DraftArticleRequest(kind, title, body, null, null, null, null);
  }
}
