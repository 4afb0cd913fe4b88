package org.ecarehub.person;

import java.util.List;
import org.ecarehub.shared.PersonId;

/**
 * A person as the index knows them now: the current version of every agency record that is theirs, their own and
 * those of the persons merged into them.
 *
 * @param merged the persons merged into this one by merges in force, directly or through another
 */
public record Person(PersonId id, List<AgencyRecordVersion> records, List<PersonId> merged) {

    public Person {
        records = List.copyOf(records);
        merged = List.copyOf(merged);
    }

    /**
     * The ids under which other modules may have recorded something about this person: their own first, then every
     * person merged into them. Nothing moves at a merge, so that an unmerge restores each person's own; what a module
     * keeps by person is the person's under any of these ids while the merge is in force.
     */
    public List<PersonId> ids() {
        List<PersonId> ids = new java.util.ArrayList<>(1 + merged.size());
        ids.add(id);
        ids.addAll(merged);
        return List.copyOf(ids);
    }
}
