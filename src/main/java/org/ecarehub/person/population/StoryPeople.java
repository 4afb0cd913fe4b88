package org.ecarehub.person.population;

import java.time.LocalDate;
import java.util.List;
import org.ecarehub.person.matching.GivenNameVariants;
import org.ecarehub.person.matching.Names;

/**
 * The people of the demo's stories (DEMO.md), whom outside checks find by name and date of birth: no synthetic person
 * or record may carry a story person's name, or a short form of it, with that person's date of birth.
 */
final class StoryPeople {

    private record Story(String given, String family, LocalDate dateOfBirth) {}

    private static final List<Story> STORIES = List.of(
            new Story("agnes", "thomson", LocalDate.of(1941, 3, 14)),
            new Story("david", "thomson", LocalDate.of(1968, 7, 22)),
            new Story("fiona", "thomson", LocalDate.of(1971, 11, 5)),
            new Story("lisa", "kerr", LocalDate.of(1996, 9, 30)),
            new Story("ryan", "kerr", LocalDate.of(2019, 6, 2)),
            new Story("ellie", "kerr", LocalDate.of(2022, 1, 20)),
            new Story("mark", "boyle", LocalDate.of(1990, 4, 11)));

    private StoryPeople() {}

    /**
     * Whether a name and date of birth would pass for a story person's: the date theirs, a part of the family name
     * theirs and the given name theirs or one of its variants, either way round.
     */
    static boolean isStoryPerson(String givenName, String familyName, LocalDate dateOfBirth) {
        if (dateOfBirth == null) {
            return false;
        }
        for (Story story : STORIES) {
            // The date first: it rules out nearly everyone before any name is spelt out.
            if (story.dateOfBirth.equals(dateOfBirth)
                    && (named(story, givenName, familyName) || named(story, familyName, givenName))) {
                return true;
            }
        }
        return false;
    }

    private static boolean named(Story story, String givenName, String familyName) {
        if (givenName == null || familyName == null || !Names.parts(familyName).contains(story.family)) {
            return false;
        }
        GivenNameVariants variants = GivenNameVariants.standard();
        return Names.parts(givenName).stream().anyMatch(part -> variants.areVariants(part, story.given));
    }
}
