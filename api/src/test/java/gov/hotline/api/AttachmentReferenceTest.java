package gov.hotline.api;

import static org.assertj.core.api.Assertions.assertThat;

import gov.hotline.contract.workorder.Attachment;
import java.util.List;
import org.junit.jupiter.api.Test;

class AttachmentReferenceTest {
  @Test
  void references_become_the_contracts_attachments_and_none_is_an_empty_list() {
    String sha = "a".repeat(64);

    assertThat(
            AttachmentReference.toContract(
                List.of(new AttachmentReference("f-1", sha, "image/jpeg"))))
        .containsExactly(new Attachment("f-1", sha, "image/jpeg"));
    assertThat(AttachmentReference.toContract(null)).isEmpty();
  }
}
