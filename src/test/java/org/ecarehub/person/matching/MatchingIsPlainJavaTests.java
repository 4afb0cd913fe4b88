package org.ecarehub.person.matching;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The matching engine is plain Java: testable without a Spring context, and usable by the offline linker. */
class MatchingIsPlainJavaTests {

    @Test
    void usesNoSpringAndNoOtherModule() {
        var classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.ecarehub.person.matching");
        // The package's own annotation only names it as the module's interface; it is not code.
        var engine = DescribedPredicate.<JavaClass>describe(
                "engine classes", javaClass -> !javaClass.getSimpleName().equals("package-info"));
        noClasses()
                .that(engine)
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("org.springframework..", "jakarta..", "org.ecarehub.transparency..")
                .allowEmptyShould(false)
                .check(classes);
    }
}
