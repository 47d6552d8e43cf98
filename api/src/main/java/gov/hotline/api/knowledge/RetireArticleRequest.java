package gov.hotline.api.knowledge;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** Why an editor withdraws an article. */
public record RetireArticleRequest(@NotBlank @Size(max = 1000) String reason) {}
