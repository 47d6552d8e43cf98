package gov.hotline.intake.order;

import gov.hotline.contract.workorder.Attachment;
import gov.hotline.contract.workorder.Category;
import gov.hotline.contract.workorder.Channel;
import gov.hotline.contract.workorder.DemandType;
import gov.hotline.contract.workorder.Location;
import gov.hotline.contract.workorder.Urgency;
import java.util.List;

/**
 * A demand as any channel delivers it (an operator's form, Open311, another government system),
 * validated already; the caller's phone and name are still in clear text and go no further than
 * intake's caller vault.
 */
public record Demand(
    Channel channel,
    DemandType demandType,
    Category category,
    Urgency urgency,
    String title,
    String description,
    Location location,
    Caller caller,
    List<Attachment> attachments) {

  public Demand {
    urgency = urgency == null ? Urgency.NORMAL : urgency;
    title = title == null ? null : title.trim();
    description = description == null ? null : description.trim();
    attachments = attachments == null ? List.of() : List.copyOf(attachments);
  }

  /** Who called: personal data, kept only in intake's vault. */
  public record Caller(String phone, String name, boolean anonymous, boolean confidential) {}
}
