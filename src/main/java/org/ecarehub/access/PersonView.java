package org.ecarehub.access;

import java.time.Instant;
import java.util.List;
import org.ecarehub.person.AgencyRecordId;
import org.ecarehub.person.Demographics;
import org.ecarehub.shared.PersonId;

/**
 * A person as one caller may see them: only the agency records whose demographics the decision allowed, each with the
 * identifier and details its agency holds.
 */
public record PersonView(PersonId id, List<Shown> records) {

    public PersonView {
        records = List.copyOf(records);
    }

    /**
     * The view's version: how many versions of the records in it there have been, so that it grows by one with each
     * change to a record the caller sees, and a change to a record they may not see leaves it as it was.
     */
    public int version() {
        return records.stream().mapToInt(Shown::version).sum();
    }

    /** When the latest version of a record in the view was recorded; null for a view of no record. */
    public Instant lastUpdated() {
        return records.stream().map(Shown::recordedAt).max(Instant::compareTo).orElse(null);
    }

    /**
     * One agency's record of the person, as the caller was allowed to see it.
     *
     * @param version the record's version shown
     * @param recordedAt when that version was recorded
     */
    public record Shown(AgencyRecordId id, Demographics demographics, int version, Instant recordedAt) {}
}
