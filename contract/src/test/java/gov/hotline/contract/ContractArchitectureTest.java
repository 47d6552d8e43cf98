package gov.hotline.contract;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

@AnalyzeClasses(
    packages = "gov.hotline.contract",
    importOptions = ImportOption.DoNotIncludeTests.class)
class ContractArchitectureTest {

  /** Services depend on the contract; the contract must not drag a framework into readers. */
  @ArchTest
  static final ArchRule the_contract_depends_on_no_framework_broker_or_database =
      noClasses()
          .that()
          .resideInAPackage("gov.hotline.contract..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "org.springframework..",
              "org.axonframework..",
              "jakarta.persistence..",
              "org.springframework.data..",
              "org.bson..",
              "com.mongodb..",
              "org.apache.kafka..")
          .because("the contract is read by services and outside systems alike (STYLE.md)");

  @ArchTest
  static final ArchRule public_events_are_records =
      classes()
          .that()
          .implement(PublicEvent.class)
          .and()
          .areNotInterfaces()
          .should()
          .beRecords()
          .because("events are immutable facts with value equality");

  @ArchTest
  static final ArchRule the_contract_uses_no_java_serialization =
      noClasses()
          .that()
          .resideInAPackage("gov.hotline.contract..")
          .and()
          .areNotEnums() // every enum is Serializable by birth
          .and()
          .areNotAssignableTo(Throwable.class) // so is every exception
          .should()
          .implement(java.io.Serializable.class)
          .orShould()
          .dependOnClassesThat()
          .belongToAnyOf(java.io.ObjectOutputStream.class, java.io.ObjectInputStream.class)
          .because("Jackson everywhere; no Java serialization (STYLE.md)");
}
