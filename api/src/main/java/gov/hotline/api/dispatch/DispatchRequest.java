package gov.hotline.api.dispatch;

import com.fasterxml.jackson.annotation.JsonIgnore;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;

/** A dispatcher's decision: the lead unit, assisting units, and a deadline as days or a date. */
public record DispatchRequest(
    @NotBlank String unitId,
    @Size(max = 10) List<@NotBlank String> assistingUnitIds,
    @Min(1) @Max(60) Integer workingDays,
    Instant dueAt,
    @Size(max = 500) String reason) {
  @AssertTrue(message = "give exactly one of workingDays or dueAt")
  @JsonIgnore // a rule, not a member of the JSON
  public boolean isDeadlineGivenOnce() {
    return (workingDays == null) != (dueAt == null);
  }
}
