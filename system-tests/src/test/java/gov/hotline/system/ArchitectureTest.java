package gov.hotline.system;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.List;
import org.axonframework.spring.stereotype.Aggregate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The rules that keep the services apart, checked over all modules at once. */
class ArchitectureTest {
  private static final List<String> SERVICES =
      List.of("intake", "dispatch", "supervision", "knowledge");
  private static JavaClasses classes;

  @BeforeAll
  static void importClasses() {
    classes =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("gov.hotline");
  }

  @ParameterizedTest(name = "{0} uses no other service's classes")
  @ValueSource(strings = {"intake", "dispatch", "supervision", "knowledge"})
  void a_service_never_imports_another_service(String service) {
    String[] others =
        SERVICES.stream()
            .filter(s -> !s.equals(service))
            .map(s -> "gov.hotline." + s + "..")
            .toArray(String[]::new);
    noClasses()
        .that()
        .resideInAPackage("gov.hotline." + service + "..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(others)
        .check(classes);
  }

  @Test
  void the_platform_and_the_contract_know_no_service() {
    noClasses()
        .that()
        .resideInAnyPackage("gov.hotline.platform..", "gov.hotline.contract..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "gov.hotline.intake..",
            "gov.hotline.dispatch..",
            "gov.hotline.supervision..",
            "gov.hotline.knowledge..")
        .check(classes);
  }

  @Test
  void aggregates_decide_without_web_kafka_or_storage_classes() {
    noClasses()
        .that()
        .areAnnotatedWith(Aggregate.class)
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "org.springframework.web..",
            "org.springframework.http..",
            "jakarta.servlet..",
            "org.apache.kafka..",
            "io.cloudevents..",
            "com.mongodb..",
            "org.springframework.data..",
            "gov.hotline.platform.web..")
        .check(classes);
  }

  @Test
  void the_contract_is_free_of_frameworks() {
    noClasses()
        .that()
        .resideInAPackage("gov.hotline.contract..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "org.springframework..", "org.axonframework..", "org.apache.kafka..", "com.mongodb..")
        .check(classes);
  }

  @Test
  void the_api_module_is_plain_java_that_any_caller_can_use() {
    noClasses()
        .that()
        .resideInAPackage("gov.hotline.api..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "org.springframework..",
            "org.axonframework..",
            "org.apache.kafka..",
            "com.mongodb..",
            "jakarta.servlet..",
            "gov.hotline.platform..",
            "gov.hotline.intake..",
            "gov.hotline.dispatch..",
            "gov.hotline.supervision..",
            "gov.hotline.knowledge..")
        .because("the launcher, tests and outside systems call the services through it")
        .check(classes);
  }

  @Test
  void the_launcher_sends_requests_as_api_records_never_as_hand_built_json() {
    noClasses()
        .that()
        .resideInAPackage("gov.hotline.launcher..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("com.fasterxml.jackson.databind.node..")
        .because("requests are the api module's records; JSON trees are only read")
        .check(classes);
  }

  @Test
  void nothing_writes_the_time_or_ids_from_inside_an_aggregate() {
    noClasses()
        .that()
        .areAnnotatedWith(Aggregate.class)
        .should()
        .callMethod(java.time.Instant.class, "now")
        .orShould()
        .callMethod(java.util.UUID.class, "randomUUID")
        .check(classes);
  }
}
