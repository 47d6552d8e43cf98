package gov.hotline.system;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import gov.hotline.platform.web.Allowed;
import org.junit.jupiter.api.Test;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Every endpoint of every service says who may call it (ADR 0005). */
class AuthorizationRulesTest {
  private static final JavaClasses CLASSES =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("gov.hotline");

  @Test
  void every_endpoint_declares_the_roles_allowed_to_call_it() {
    methods()
        .that()
        .areMetaAnnotatedWith(RequestMapping.class)
        .and()
        .areDeclaredInClassesThat()
        .areAnnotatedWith(RestController.class)
        .should()
        .beAnnotatedWith(Allowed.class)
        .because("an endpoint that declares nothing is refused to everyone at run time")
        .check(CLASSES);
  }
}
