package org.ecarehub.person;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.ecarehub.shared.PersonId;

/**
 * The person index: one person across every agency's records. Agency records are matched at once as they come,
 * against every record the index holds; people decide what the algorithm cannot, and their decisions win over it for
 * good. Every change is stored as a new version or a new row, never by overwriting, is written to the transparency
 * log with the person's id in the same transaction (when the log cannot record it, nothing is stored), and is
 * published as an application event.
 */
public interface PersonIndex {

    /**
     * Stores a new agency record, or a new version of a changed one, and links it: to the person it matches, to a new
     * person, or to a new person with a review task when a person must decide.
     *
     * @throws org.ecarehub.transparency.LogUnavailable when the log cannot record the change; nothing is stored
     */
    Submission submit(AgencyRecord record, Actor actor);

    /** Submits the records in order, all or nothing, in one transaction; the model is then fitted again. */
    List<Submission> submitAll(List<AgencyRecord> records, Actor actor);

    /**
     * The person this id is part of now, through any merge in force; empty when the index has no such person. Only the
     * index's own id comes back, so a module recording something about a person can check them cheaply.
     */
    Optional<PersonId> personNow(PersonId person);

    /**
     * The ids under which other modules keep what they recorded about the person this id is part of now: that
     * person's own, then every person merged into them by a merge in force ({@link Person#ids}); the id alone when the
     * index does not know it. From the index's cache of people, like {@link #person}.
     */
    default List<PersonId> idsNow(PersonId person) {
        return person(person).map(Person::ids).orElse(List.of(person));
    }

    /** The person an agency record belongs to now, through any merge in force. */
    Optional<PersonId> personOf(AgencyRecordId record);

    /** A person and their records; a person merged into another is shown as the person they are now part of. */
    Optional<Person> person(PersonId person);

    /**
     * The people with a current record that matches by itself, at most {@code limit} of them, as the persons they are
     * part of now, each with the records that matched. It takes no access decision: only the access module's directory
     * calls it, and decides who sees what.
     *
     * @throws IllegalArgumentException when the search names nothing
     */
    List<PersonMatch> find(PersonSearch search, int limit);

    /**
     * The current records the matching model scores against these details, the most probable first, at most {@code
     * limit}, each graded by the index's thresholds; records less likely than {@link #MIN_CANDIDATE} are not
     * candidates. It takes no access decision: only the access module's directory calls it, and decides who sees what.
     *
     * @throws IllegalArgumentException when the details name nothing to match on
     */
    List<MatchCandidate> candidates(Demographics details, int limit);

    /** The least probability of a record that {@link #candidates} returns. */
    double MIN_CANDIDATE = 0.05;

    /** The current version of an agency record. */
    Optional<AgencyRecordVersion> current(AgencyRecordId record);

    /** Every version of an agency record, the first first. */
    List<AgencyRecordVersion> versions(AgencyRecordId record);

    /**
     * Records that two agency records are, or are not, the same person. Records of two persons decided the same are
     * joined by merging the first record's person into the second's; a record decided not to be the same person as
     * another record of its own person leaves for a new person.
     *
     * @throws PersonIndexRefused when the decision would go against another decision in force, or the two records are
     *     one person only through a merge (unmerge it instead)
     */
    ManualDecision decide(AgencyRecordId first, AgencyRecordId second, Verdict verdict, String reason, Actor actor);

    /** The decision in force about two records, if a person made one. */
    Optional<ManualDecision> decisionAbout(AgencyRecordId first, AgencyRecordId second);

    /**
     * Merges one person into another: the merged person's records become the survivor's, and their links stay as
     * they were so that an unmerge restores them exactly.
     *
     * @throws PersonIndexRefused when either person is not a person in their own right now, or a person decided that
     *     a record of one is not the same person as a record of the other
     */
    MergeId merge(PersonId survivor, PersonId merged, String reason, Actor actor);

    /**
     * Undoes a merge: the merged person has exactly the records they had before it. Records that a person decided are
     * the same across the two are from now on decided not to be, since undoing the merge says so.
     */
    void unmerge(MergeId merge, String reason, Actor actor);

    /** Every merge the person took part in, in force or undone, the first first. */
    List<Merge> merges(PersonId person);

    /**
     * The person ids whose transparency log events are this person's: their own, and those of every person merged
     * into them by a merge in force. After an unmerge each person's set is theirs alone again, and since each record's
     * events are logged under the person it is linked to itself, each person's history shows only their own records.
     */
    Set<PersonId> personIdsInHistory(PersonId person);
}
