package gov.hotline.dispatch.assignment;

import gov.hotline.contract.workorder.HandlingOutcome;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;

/** What a handling unit reports: the outcome, its reply to the caller, measures and evidence. */
public record ResultRequest(
    @NotNull HandlingOutcome outcome,
    @NotBlank @Size(max = 4000) String reply,
    @Size(max = 4000) String measures,
    @Valid @Size(max = 20) List<Evidence> evidence) {
  public record Evidence(
      @NotBlank @Size(max = 100) String id,
      @NotBlank @Pattern(regexp = "[0-9a-f]{64}", message = "must be a lower-case hex SHA-256")
          String sha256,
      @NotBlank
          @Size(max = 100)
          @Pattern(
              regexp = "[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]*/[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]*( *;.*)?",
              message = "must be a media type like image/jpeg")
          String mediaType) {}
}
