package org.ecarehub.access;

import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import org.ecarehub.person.Actor;
import org.ecarehub.shared.PersonId;
import org.ecarehub.shared.TeamId;
import org.ecarehub.shared.Username;

/**
 * Who is involved with a person (POLICY.md rule 6, first branch): staff accounts and teams with a relationship, from a
 * start day to an end day. Each change is written to the transparency log inside its transaction (when the log cannot
 * record it, nothing is stored) and published as {@link RelationshipStarted} or {@link RelationshipEnded}. The queries
 * read a cache that the node making a change refreshes at once and every other node within a second.
 */
public interface Relationships {

    /**
     * Starts a relationship.
     *
     * @throws RelationshipRefused when the person is not in the person index or the holder is not an active staff
     *     account or team of the partnership in force
     * @throws org.ecarehub.transparency.LogUnavailable when the log cannot record it; nothing is stored
     */
    Relationship start(RelationshipDraft draft, Actor by);

    /**
     * Starts the relationships together, all or nothing, with their log events appended together at the end: a bulk
     * change (a caseload taken over, the demo's people) then waits for one commit of the log, not one for each.
     *
     * @throws RelationshipRefused when any of them would be refused by {@link #start}; nothing is stored
     */
    List<Relationship> startAll(List<RelationshipDraft> drafts, Actor by);

    /**
     * Ends a relationship: the day given is the last day it is active.
     *
     * @throws RelationshipRefused when there is no such relationship, it has ended already, or the day is before its
     *     start
     */
    void end(RelationshipId id, LocalDate day, Actor by);

    /** The user, or one of the teams, has a relationship with the person active on the day. */
    boolean active(PersonId person, Username user, Collection<TeamId> teams, LocalDate day);

    /** Every relationship of the person, active and ended, the earliest start first: who is involved. */
    List<Relationship> of(PersonId person);

    /** The people the user or one of the teams has a relationship with that is active on the day. */
    Set<PersonId> reachableBy(Username user, Collection<TeamId> teams, LocalDate day);

    /** The person's key workers and lead professionals active on the day, staff accounts or teams. */
    List<Relationship> keyWorkers(PersonId person, LocalDate day);
}
