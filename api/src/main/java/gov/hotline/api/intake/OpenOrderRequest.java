package gov.hotline.api.intake;

import com.fasterxml.jackson.annotation.JsonIgnore;
import gov.hotline.api.AttachmentReference;
import gov.hotline.contract.workorder.Channel;
import gov.hotline.contract.workorder.DemandType;
import gov.hotline.contract.workorder.Urgency;
import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;

/** What an operator or a channel submits to open a work order. */
public record OpenOrderRequest(
    @NotNull Channel channel,
    @NotNull DemandType demandType,
    @NotNull @Valid CategoryRequest category,
    Urgency urgency,
    @NotBlank @Size(max = 200) String title,
    @NotBlank @Size(max = 4000) String description,
    @NotNull @Valid LocationRequest location,
    @NotNull @Valid CallerRequest caller,
    @Valid @Size(max = 20) List<AttachmentReference> attachments) {

  public record CategoryRequest(
      @NotBlank
          @Pattern(
              regexp = "[A-Z0-9_.]{1,64}",
              message = "must be an upper-case code like URBAN.NOISE")
          String code,
      @Size(max = 8) List<@NotBlank String> path) {}

  public record LocationRequest(
      @NotBlank @Size(max = 300) String address,
      @NotBlank
          @Pattern(
              regexp = "\\d{6}(\\d{3}){0,2}",
              message = "must be a 6, 9 or 12 digit division code")
          String divisionCode,
      @DecimalMin("-90") @DecimalMax("90") Double lat,
      @DecimalMin("-180") @DecimalMax("180") Double lon) {}

  public record CallerRequest(
      @Pattern(regexp = "\\+?[0-9 \\-]{3,20}", message = "must be a phone number") String phone,
      @Size(max = 100) String name,
      boolean anonymous,
      boolean confidential) {
    @AssertTrue(message = "phone is required unless the caller is anonymous")
    @JsonIgnore // a rule, not a member of the JSON
    public boolean isPhoneGivenOrAnonymous() {
      return anonymous || (phone != null && !phone.isBlank());
    }
  }
}
