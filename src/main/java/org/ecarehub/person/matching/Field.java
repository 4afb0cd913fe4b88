package org.ecarehub.person.matching;

import java.util.List;

/**
 * The fields two records are compared on, each with its graded levels of agreement from the strongest to outright
 * disagreement. Level 0 of every field is "not compared": one record or both do not have the field, and it adds no
 * weight either way.
 */
public enum Field {
    CHI("same", "transposed or one digit", "different"),
    GIVEN_NAME("same", "variant or other given name", "similar spelling or sound", "initial", "different"),
    FAMILY_NAME("same", "previous or part of a double name", "similar spelling or sound", "different"),
    /** Fifteen years or more apart is a generation: a parent and child of one name, not a mistyped date. */
    DATE_OF_BIRTH(
            "same",
            "day and month swapped, one digit or year off by one or ten",
            "different, under fifteen years apart",
            "fifteen years or more apart"),
    SEX("same", "different"),
    /** Where they live, from the address and the postcode together, which say much the same thing twice. */
    RESIDENCE(
            "same flat",
            "same building",
            "same postcode",
            "same street or postcode sector",
            "same postcode district or shared address words",
            "different"),
    PHONE("same", "different");

    /** The level of a field that neither record has, or only one has. */
    public static final int NOT_COMPARED = 0;

    private final List<String> levels;

    Field(String... agreements) {
        this.levels = List.of(agreements);
    }

    /** How many levels the field has, "not compared" included. */
    public int levelCount() {
        return levels.size() + 1;
    }

    /** The last level: the values disagree. */
    public int differentLevel() {
        return levels.size();
    }

    /** The field's name in words: "date of birth". */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ').replace("chi", "CHI");
    }

    /** What a level means, in words for a reviewer. */
    public String describe(int level) {
        return level == NOT_COMPARED ? "not compared" : levels.get(level - 1);
    }
}
