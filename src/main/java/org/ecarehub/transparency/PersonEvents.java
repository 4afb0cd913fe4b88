package org.ecarehub.transparency;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
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

    /**
     * The newest events about any of the given person ids whose id is below {@code before}, at most {@code limit} and
     * never more than {@link #MAX_EVENTS}: the next chunk of a history read newest first.
     *
     * @throws LogUnavailable when the log's table cannot be read
     */
    List<LoggedEvent> about(Collection<PersonId> persons, long before, int limit);

    /**
     * The event with this id, when it is about one of the given person ids; empty for any other id, existing or not,
     * so that an event about someone else reads as one that does not exist.
     *
     * @throws LogUnavailable when the log's table cannot be read
     */
    Optional<LoggedEvent> find(Collection<PersonId> persons, long eventId);
}
