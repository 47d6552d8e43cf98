package gov.hotline.api;

import gov.hotline.contract.workorder.Attachment;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * A file a request refers to (a caller's photo, a unit's evidence), by id and content hash; the
 * bytes travel elsewhere. Validated as the contract's schema would validate it.
 */
public record AttachmentReference(
    @NotBlank @Size(max = 100) String id,
    @NotBlank @Pattern(regexp = "[0-9a-f]{64}", message = "must be a lower-case hex SHA-256")
        String sha256,
    @NotBlank
        @Size(max = 100)
        @Pattern(
            regexp = "[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]*/[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]*( *;.*)?",
            message = "must be a media type like image/jpeg")
        String mediaType) {

  public Attachment toContract() {
    return new Attachment(id, sha256, mediaType);
  }

  public static List<Attachment> toContract(List<AttachmentReference> references) {
    return references == null
        ? List.of()
        : references.stream().map(AttachmentReference::toContract).toList();
  }
}
