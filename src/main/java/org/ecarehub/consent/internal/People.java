package org.ecarehub.consent.internal;

import java.time.LocalDate;
import java.time.Period;
import java.util.Objects;
import java.util.OptionalInt;
import org.ecarehub.consent.RecordingRefused;
import org.ecarehub.person.Person;
import org.ecarehub.person.PersonIndex;
import org.ecarehub.shared.PersonId;
import org.springframework.stereotype.Component;

/** What the module asks of the person index: whether a person is known, and how old they are. */
@Component
class People {

    private final PersonIndex index;

    People(PersonIndex index) {
        this.index = index;
    }

    /** @param role how the refusal names the person: "person", "representative", "child" */
    void requireKnown(PersonId person, String role) {
        if (person == null || index.person(person).isEmpty()) {
            throw new RecordingRefused("the " + role + " is not in the person index");
        }
    }

    /**
     * The person's age in whole years on the day by the latest date of birth any agency recorded, so that records
     * that disagree never make a child older than one of them says; empty when no agency recorded one.
     */
    OptionalInt age(PersonId person, LocalDate day) {
        return index.person(person).stream()
                .map(Person::records)
                .flatMap(java.util.List::stream)
                .map(version -> version.demographics().dateOfBirth())
                .filter(Objects::nonNull)
                .max(LocalDate::compareTo)
                .map(born -> OptionalInt.of(Period.between(born, day).getYears()))
                .orElse(OptionalInt.empty());
    }
}
