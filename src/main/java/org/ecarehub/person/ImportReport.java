package org.ecarehub.person;

import java.util.List;

/**
 * What one person file did to the index: the rows read and what became of them, and every problem with its file and
 * line, in words that name no person.
 *
 * @param read rows read whole from the file
 * @param stored rows stored as a new record or a new version
 * @param unchanged rows the same as what the index holds, so nothing was stored
 * @param newPersons persons created for the rows, those in review included
 */
public record ImportReport(
        String file,
        boolean strict,
        Status status,
        long read,
        long stored,
        long unchanged,
        long linked,
        long review,
        long newPersons,
        List<PersonFiles.Problem> problems) {

    public ImportReport {
        problems = List.copyOf(problems);
    }

    public enum Status {
        /** Every row was stored or reported. */
        DONE,
        /** Under {@code --strict}, a problem refused the whole file: nothing was stored. */
        REFUSED,
        /** The transparency log could not record a decision or change: rows from the one reported on were not stored. */
        STOPPED
    }

    /** Rows and files that were reported rather than stored. */
    public long rejected() {
        return problems.size();
    }
}
