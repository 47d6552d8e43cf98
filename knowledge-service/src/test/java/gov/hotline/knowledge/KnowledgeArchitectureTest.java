package gov.hotline.knowledge;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

@AnalyzeClasses(
    packages = "gov.hotline.knowledge",
    importOptions = ImportOption.DoNotIncludeTests.class)
class KnowledgeArchitectureTest {

  /** The aggregate and the commands it handles: the domain inside the article feature. */
  private static final DescribedPredicate<JavaClass> ARTICLE_DOMAIN =
      DescribedPredicate.describe(
          "the Article aggregate or its commands",
          c ->
              c.isAnnotatedWith(Aggregate.class)
                  || c.getAllFields().stream()
                      .anyMatch(f -> f.isAnnotatedWith(TargetAggregateIdentifier.class)));

  @ArchTest
  static final ArchRule knowledge_never_imports_another_service =
      noClasses()
          .that()
          .resideInAPackage("gov.hotline.knowledge..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "gov.hotline.intake..", "gov.hotline.dispatch..", "gov.hotline.supervision..");

  @ArchTest
  static final ArchRule the_domain_knows_neither_web_nor_kafka =
      noClasses()
          .that(ARTICLE_DOMAIN)
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("org.springframework.web..", "org.apache.kafka..");
}
