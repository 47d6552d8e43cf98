package gov.hotline.api.dispatch;

import gov.hotline.api.AttachmentReference;
import gov.hotline.contract.workorder.HandlingOutcome;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;

/** What a handling unit reports: the outcome, its reply to the caller, measures and evidence. */
public record ResultRequest(
    @NotNull HandlingOutcome outcome,
    @NotBlank @Size(max = 4000) String reply,
    @Size(max = 4000) String measures,
    @Valid @Size(max = 20) List<AttachmentReference> evidence) {}
