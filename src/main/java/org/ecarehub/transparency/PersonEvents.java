package org.ecarehub.transparency;

import java.util.Collection;
import java.util.List;
import org.ecarehub.shared.PersonId;

/**
 * The stored events about people, newest first. It takes no access decision: only the access module calls it, and
 * decides and logs who may read a person's history (its {@code AccessHistory}).
 */
public interface PersonEvents {

    /** The most events one call returns. */
    int MAX_EVENTS = 500;

    /**
     * The newest events about any of the given person ids (a person and those merged into them), at most {@code
     * limit} and never more than {@link #MAX_EVENTS}.
     *
     * @throws LogUnavailable when the log's table cannot be read
     */
    List<LoggedEvent> about(Collection<PersonId> persons, int limit);
}
