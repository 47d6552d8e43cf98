package gov.hotline.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.skyscreamer.jsonassert.JSONCompare;
import org.skyscreamer.jsonassert.JSONCompareMode;
import org.skyscreamer.jsonassert.JSONCompareResult;

/**
 * The JSON of each full sample is the public contract's example: an accidental change to a record
 * (a renamed component, a changed enum, a different date format) changes it and fails here. An
 * intended change is approved by copying the candidate over the approved file — after checking that
 * it does not break a reader (otherwise it is a new version).
 */
class ApprovedJsonSnapshotTest {

  private static final String APPROVED_DIR = "src/test/resources/approved";
  private static final Path CANDIDATES = Path.of("target", "approved-candidates");

  @ParameterizedTest(name = "{0}")
  @MethodSource("gov.hotline.contract.SampleEvents#fullSamples")
  void the_published_json_is_the_approved_one(EventType type, PublicEvent sample) throws Exception {
    String actual =
        ContractJson.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(sample) + "\n";
    String approved = approved(type);

    if (approved == null) {
      Path candidate = writeCandidate(type, actual);
      fail(
          "No approved JSON for %s. Review %s and, if it is right, approve it (in the contract"
              + " module):%n  cp %s %s/%s",
          type.ceType(), candidate, candidate, APPROVED_DIR, fileName(type));
    }
    JSONCompareResult result = JSONCompare.compareJSON(approved, actual, JSONCompareMode.STRICT);
    if (result.failed()) {
      Path candidate = writeCandidate(type, actual);
      fail(
          "The JSON of %s differs from the approved contract:%n%s%n"
              + "If the change is intended and keeps every reader working (only added optional"
              + " fields), approve it (in the contract module):%n  cp %s %s/%s%n"
              + "Otherwise publish a new version beside this one.",
          type.ceType(), result.getMessage(), candidate, APPROVED_DIR, fileName(type));
    }
  }

  @Test
  void every_approved_file_belongs_to_a_catalogued_type() throws Exception {
    URL dir = ApprovedJsonSnapshotTest.class.getResource("/approved");
    assertThat(dir).as("the approved snapshots are on the test classpath").isNotNull();
    List<String> files;
    try (Stream<Path> listing = Files.list(Path.of(dir.toURI()))) {
      files = listing.map(p -> p.getFileName().toString()).sorted().toList();
    }
    List<String> expected =
        Arrays.stream(EventType.values()).map(ApprovedJsonSnapshotTest::fileName).sorted().toList();

    assertThat(files).containsExactlyElementsOf(expected);
  }

  private static String approved(EventType type) throws IOException {
    try (InputStream in =
        ApprovedJsonSnapshotTest.class.getResourceAsStream("/approved/" + fileName(type))) {
      return in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static Path writeCandidate(EventType type, String json) throws IOException {
    Files.createDirectories(CANDIDATES);
    return Files.writeString(CANDIDATES.resolve(fileName(type)), json, StandardCharsets.UTF_8);
  }

  private static String fileName(EventType type) {
    return type.ceType() + ".json";
  }
}
