package gov.hotline.api.supervision;

import gov.hotline.contract.workorder.Verdict;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** A supervisor's verdict on a unit's result; a rejection needs a reason. */
public record ReviewRequest(@NotNull Verdict verdict, @Size(max = 2000) String reason) {}
