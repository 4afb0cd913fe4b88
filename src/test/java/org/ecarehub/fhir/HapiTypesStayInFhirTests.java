package org.ecarehub.fhir;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** STYLE.md point 1: HAPI's types ({@code ca.uhn..}, {@code org.hl7..}) appear only in the fhir module. */
class HapiTypesStayInFhirTests {

    static final JavaClasses hub = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.ecarehub");

    @Test
    void keepsHapiTypesInsideTheFhirModule() {
        noClasses()
                .that()
                .resideOutsideOfPackage("org.ecarehub.fhir..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("ca.uhn..", "org.hl7..")
                .allowEmptyShould(false)
                .check(hub);
    }

    @Test
    void findsTheFhirModuleUsingHapiSoThatTheRuleAboveLooksAtSomething() {
        com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes()
                .that()
                .resideInAPackage("org.ecarehub.fhir..")
                .and()
                .haveSimpleName("FhirServer")
                .should()
                .beAssignableTo("ca.uhn.fhir.rest.server.RestfulServer")
                .allowEmptyShould(false)
                .check(hub);
    }
}
