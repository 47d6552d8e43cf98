package gov.hotline.api.supervision;

import com.fasterxml.jackson.annotation.JsonIgnore;
import gov.hotline.contract.workorder.CallbackChannel;
import gov.hotline.contract.workorder.Satisfaction;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/** The result of calling the caller back. */
public record CallbackRequest(
    @NotNull Boolean reached,
    @Min(1) @Max(20) int callAttempts,
    Satisfaction satisfaction,
    Boolean resolved,
    @NotNull CallbackChannel via) {
  @AssertTrue(message = "satisfaction is required when the caller was reached")
  @JsonIgnore // a rule, not a member of the JSON
  public boolean isSatisfactionGivenWhenReached() {
    return reached == null || !reached || satisfaction != null;
  }

  @AssertTrue(message = "satisfaction and resolved are only asked of a caller who was reached")
  @JsonIgnore // a rule, not a member of the JSON
  public boolean isNothingAskedOfAnUnreachedCaller() {
    return reached == null || reached || (satisfaction == null && resolved == null);
  }
}
