package org.ecarehub.access;

import java.util.Optional;
import org.ecarehub.shared.PersonId;

/**
 * The access history a person, or a representative within their authority, may see about a person (POLICY.md P2, P4,
 * W1 to W3), each entry with what the viewer needs to check it against the signed log themselves. Reading it is an
 * access like any other: decided and logged before anything is read, and refused when the log cannot record it.
 * {@link AccessHistory} is the staff and governance view. Decision 0036 says what is shown and why.
 */
public interface PortalHistory {

    /** The entries of a page unless the caller asks for fewer. */
    int PAGE_SIZE = 50;

    /** The most entries one page holds. */
    int MAX_PAGE_SIZE = 500;

    /**
     * The person's events newest first, from the event just below {@code before} ({@link Long#MAX_VALUE} for the
     * newest), at most {@code size}: every event takes one entry, shown, withheld with a notice, or a bare link of the
     * person's chain, so that the chain can be checked for gaps. Empty when the person does not exist, the account is
     * not bound, or the viewer may see nothing of the person's history: the three cannot be told apart.
     *
     * @throws HistoryRequestRejected when {@code size} is not between 1 and {@link #MAX_PAGE_SIZE} or {@code before}
     *     is not positive
     * @throws org.ecarehub.transparency.LogUnavailable when the log cannot record the reading or be read
     */
    Optional<HistoryPage> page(Requester.Portal viewer, PersonId person, long before, int size);

    /**
     * Everything the viewer may see of the person's history, every proof to one signed tree head: the subject access
     * export. Decided and logged once, as an export.
     *
     * @throws org.ecarehub.transparency.LogUnavailable when the log cannot record the export or be read
     */
    Optional<HistoryPage> export(Requester.Portal viewer, PersonId person);

    /** A page or export was asked for with parameters no history has. */
    class HistoryRequestRejected extends IllegalArgumentException {

        public HistoryRequestRejected(String message) {
            super(message);
        }
    }
}
