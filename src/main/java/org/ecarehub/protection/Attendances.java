package org.ecarehub.protection;

import java.util.List;
import org.ecarehub.access.Requester;
import org.ecarehub.shared.PersonId;

/**
 * The unscheduled-care attendances of flagged children (CP-IS). An attendance is recorded by the hub itself when a
 * flagged child's record is read under the emergency purpose; people only read them.
 */
public interface Attendances {

    /** How many of a child's attendances both sides see, newest first. */
    int SHOWN = 25;

    /**
     * The child's last {@value #SHOWN} attendances that the requester may see, newest first: each an item of the
     * {@code alerts} category owned by the agency that keeps the flag, decided and logged before anything returns.
     * An unknown child, one with no attendances and a requester who may see none of them all get an empty list.
     *
     * @throws org.ecarehub.transparency.LogUnavailable when the log cannot record the decision; nothing is returned
     */
    List<Attendance> lastOf(Requester requester, PersonId child);
}
