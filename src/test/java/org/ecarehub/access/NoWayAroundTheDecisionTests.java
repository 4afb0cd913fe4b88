package org.ecarehub.access;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.ecarehub.person.PersonIndex;
import org.ecarehub.person.ReviewQueue;
import org.ecarehub.transparency.PersonEvents;
import org.ecarehub.transparency.ProvableEvents;
import org.junit.jupiter.api.Test;

/**
 * No way around the decision (issue 5, item 8): what the data-holding modules' facades read about a person is reached
 * only by the module itself and by the access module, which decides and logs before anything leaves. Every public
 * method of those facades is classified here, so that a new one fails this test until someone says which it is.
 */
class NoWayAroundTheDecisionTests {

    /** Each facade's methods that reveal something about a person: only its own module and access may call them. */
    static final Map<Class<?>, Set<String>> READS = Map.of(
            PersonIndex.class,
                    Set.of(
                            "person",
                            "find",
                            "candidates",
                            "current",
                            "versions",
                            "decisionAbout",
                            "merges",
                            "personIdsInHistory"),
            ReviewQueue.class, Set.of("open", "task", "evidence"),
            PersonEvents.class, Set.of("about", "find"),
            ProvableEvents.class, Set.of("about"));

    /**
     * Each facade's other methods: changes, decided where they are made (an agency system's write by the access
     * module's rules, a reviewer's decision by the review queue), and lookups that return only the index's own id.
     */
    static final Map<Class<?>, Set<String>> OTHERS = Map.of(
            PersonIndex.class,
                    Set.of(
                            "submit",
                            "submitAll",
                            "decide",
                            "merge",
                            "unmerge",
                            "personOf",
                            "personNow",
                            // The index's own ids under which a module finds what it recorded itself (decision 0048).
                            "idsNow"),
            ReviewQueue.class, Set.of("claim", "release", "decide"),
            PersonEvents.class, Set.of(),
            ProvableEvents.class, Set.of("inclusionProofs"));

    /**
     * The access module's facades over those reads: each method either decides and logs before it reads (a read), or
     * is a change the data-holding module decides, admitted by the access module first.
     */
    static final Map<Class<?>, Set<String>> DECIDED_READS = Map.of(
            MatchReviews.class, Set.of("open", "task", "evidence"), AccessHistory.class, Set.of("of", "all", "event"));

    static final Map<Class<?>, Set<String>> DECIDED_OTHERS =
            Map.of(MatchReviews.class, Set.of("claim", "release", "decide"), AccessHistory.class, Set.of());

    static final JavaClasses hub = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.ecarehub");

    static ArchRule onlyTheOwnerAndAccessRead() {
        DescribedPredicate<JavaMethodCall> aRead = DescribedPredicate.describe(
                "a read of a person's information through a data-holding module's facade",
                call -> READS.entrySet().stream()
                        .anyMatch(entry -> call.getTargetOwner().isAssignableTo(entry.getKey())
                                && entry.getValue().contains(call.getName())));
        // The consent module holds facts the decision reads; it looks a person up only to check that they exist and a
        // child's age, and returns nothing of them.
        return noClasses()
                .that()
                .resideOutsideOfPackages("org.ecarehub.person..", "org.ecarehub.access..", "org.ecarehub.consent..")
                .should()
                .callMethodWhere(aRead)
                .because("every read of a person's information goes through the access decision and the log")
                .allowEmptyShould(false);
    }

    @Test
    void classifiesEveryPublicMethodOfTheFacades() {
        for (Class<?> facade : READS.keySet()) {
            Set<String> methods = Arrays.stream(facade.getMethods())
                    .filter(method -> !Modifier.isStatic(method.getModifiers()))
                    .map(Method::getName)
                    .collect(Collectors.toSet());
            Set<String> classified = new java.util.HashSet<>(READS.get(facade));
            classified.addAll(OTHERS.get(facade));
            assertThat(classified)
                    .as("the public methods of %s, each a read or not", facade.getSimpleName())
                    .containsExactlyInAnyOrderElementsOf(methods);
        }
    }

    @Test
    void classifiesEveryPublicMethodOfTheAccessModulesFacadesOverThoseReads() {
        for (Class<?> facade : DECIDED_READS.keySet()) {
            Set<String> methods = Arrays.stream(facade.getMethods())
                    .filter(method -> !Modifier.isStatic(method.getModifiers()))
                    .map(Method::getName)
                    .collect(Collectors.toSet());
            Set<String> classified = new java.util.HashSet<>(DECIDED_READS.get(facade));
            classified.addAll(DECIDED_OTHERS.get(facade));
            assertThat(classified)
                    .as("the public methods of %s, each a decided read or not", facade.getSimpleName())
                    .containsExactlyInAnyOrderElementsOf(methods);
        }
    }

    @Test
    void letsOnlyTheAccessModuleReadThroughTheFacades() {
        onlyTheOwnerAndAccessRead().check(hub);
    }

    @Test
    void catchesANewPathAroundTheDecision() {
        JavaClasses withAWayAround =
                new ClassFileImporter().importPackages("org.ecarehub.web.fixture", "org.ecarehub.access.internal");

        assertThatThrownBy(() -> onlyTheOwnerAndAccessRead().check(withAWayAround))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("ReadingAroundTheDecision");
    }
}
