package org.ecarehub.person.matching;

import java.util.List;

/**
 * The parts of the Fellegi-Sunter model, each with its own m and u for every combination of its fields' levels.
 * Most are one field. Family name, date of birth, residence and phone are one factor because they are not
 * independent of one another among different people: a household shares a family name, an address and a landline,
 * twins share a birthday as well, and a father and son may share all but the birthday. Fitted jointly, the model
 * learns from the data how often different people agree on all of them, so twins and a parent and child of one name
 * are kept apart by the evidence (their given names, their birthdays), with no rule written for them.
 */
public enum Factor {
    CHI(Field.CHI),
    GIVEN_NAME(Field.GIVEN_NAME),
    FAMILY_BIRTH_HOME_AND_PHONE(Field.FAMILY_NAME, Field.DATE_OF_BIRTH, Field.RESIDENCE, Field.PHONE),
    SEX(Field.SEX);

    private final List<Field> fields;
    /** The same fields in an array, for the loop that runs for every pair compared. */
    private final Field[] fieldArray;

    private final int levelCount;

    Factor(Field... fields) {
        this.fields = List.of(fields);
        this.fieldArray = fields.clone();
        int count = 1;
        for (Field field : fields) {
            count *= field.levelCount();
        }
        this.levelCount = count;
    }

    public List<Field> fields() {
        return fields;
    }

    /** How many levels the factor has: every combination of its fields' levels. */
    public int levelCount() {
        return levelCount;
    }

    /** The factor's level for the fields' levels, indexed by {@link Field#ordinal()}; 0 when no field compared. */
    int level(int[] fieldLevels) {
        int level = 0;
        for (Field field : fieldArray) {
            level = level * field.levelCount() + fieldLevels[field.ordinal()];
        }
        return level;
    }

    /** The level of one of the factor's fields within a factor level. */
    int fieldLevel(int level, Field field) {
        for (int f = fields.size() - 1; f >= 0; f--) {
            Field current = fields.get(f);
            if (current == field) {
                return level % current.levelCount();
            }
            level /= current.levelCount();
        }
        throw new IllegalArgumentException(field + " is not part of " + this);
    }

    /** A factor level in words: each field's level, as a reviewer reads it. */
    String describe(int level) {
        StringBuilder text = new StringBuilder();
        for (Field field : fields) {
            if (!text.isEmpty()) {
                text.append("; ");
            }
            if (fields.size() > 1) {
                text.append(field.label()).append(": ");
            }
            text.append(field.describe(fieldLevel(level, field)));
        }
        return text.toString();
    }
}
