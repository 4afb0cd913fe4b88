package org.ecarehub.person;

import org.ecarehub.shared.PersonId;

/**
 * An agency record was linked to a person: its first link, or a move from another person.
 *
 * @param previousPerson the person the record was linked to before, or null for a record new to the index
 * @param probability the match probability behind a {@link Reason#MATCHED} link, else 0
 */
public record AgencyRecordLinked(
        AgencyRecordId record, PersonId person, PersonId previousPerson, Reason reason, double probability) {

    /** Why the record is linked to this person. */
    public enum Reason {
        /** It matched the person's records at or above the match threshold. */
        MATCHED,
        /** It matched nobody well enough, so it is a new person. */
        NEW_PERSON,
        /** A change made it disagree with the other records of its person, so it left them for a new person. */
        SPLIT,
        /** A person decided that it is not the same person as another record of its person. */
        DECIDED
    }
}
