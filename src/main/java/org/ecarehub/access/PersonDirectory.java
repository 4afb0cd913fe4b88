package org.ecarehub.access;

import java.util.List;
import java.util.Optional;
import org.ecarehub.shared.PersonId;

/**
 * Finding and reading people through the access decision: what a caller may not see does not exist for them. Every
 * person disclosed, and every refusal, is written to the transparency log before this returns; a search that
 * discloses nobody leaves one entry without a person.
 */
public interface PersonDirectory {

    /**
     * The people matching the query that the requester may see (POLICY.md "Finding a person"), each with only the
     * records the requester may see.
     *
     * @throws AccessRefused when the requester may not search at all (not active, or a purpose their roles may not use)
     * @throws org.ecarehub.transparency.LogUnavailable when the log cannot record the search; nothing is returned
     */
    List<PersonView> search(Requester requester, PersonQuery query);

    /**
     * A practitioner's search in the pages: {@link #search}, and when that shows nobody and the query gives exact
     * identifying details ({@link PersonQuery#exact()}, each equal to what one record holds) that match exactly one person, that person as {@link FoundPeople#knownNotShown()}. The search is
     * then also logged as a trace about that person: the refused decisions on their records. Over the API, use {@link
     * #search}, which says nothing of such a person.
     *
     * @throws AccessRefused when the requester may not search at all
     * @throws org.ecarehub.transparency.LogUnavailable when the log cannot record the search; nothing is returned
     */
    FoundPeople find(Requester requester, PersonQuery query);

    /**
     * The people whose records the person index scores against these details (FHIR's {@code Patient/$match}), the
     * most probable first, at most {@code limit}, none graded below {@code lowest}: only people the requester may see, each shown with the records they
     * may see and scored only from the scored records among those. Logged as {@link #search} is: each person shown,
     * and one entry without a person when nobody is.
     *
     * @throws AccessRefused when the requester may not search at all
     * @throws IllegalArgumentException when the details name nothing to match on
     * @throws org.ecarehub.transparency.LogUnavailable when the log cannot record the match; nothing is returned
     */
    List<MatchedPerson> match(
            Requester requester,
            org.ecarehub.person.Demographics details,
            int limit,
            org.ecarehub.person.MatchGrade lowest);

    /**
     * The person as the requester may see them; empty both when the person does not exist and when the requester may
     * not see them, so that the two cannot be told apart.
     */
    Optional<PersonView> read(Requester requester, PersonId person);

    /**
     * Every version of the person as the requester may see them now, the first first: version N is the records of the
     * {@link #read} as they stood after the Nth change among them, in the order the changes were recorded, each record
     * from its first version. It decides and logs as {@link #read} does, once, and shows nothing more than the read
     * does: the records the decision of today allows, never a record it refuses, nor a change to one. Empty whenever
     * {@link #read} is.
     */
    List<PersonView> history(Requester requester, PersonId person);

    /**
     * The person as {@link #read} shows them and the decisions on further items of theirs, taken together and logged as
     * one request: a page showing a person's summary asks once, and the log has one entry for each outcome rather than
     * one set for the demographics and another for the rest of the record.
     *
     * @param items further items of the person, such as their record's; decided in the order given
     * @throws org.ecarehub.transparency.LogUnavailable when the log cannot record the decisions; nothing is returned
     */
    Disclosure readWith(Requester requester, PersonId person, List<AccessItem> items);

    /**
     * The person and further items of theirs decided as an export (POLICY.md's action {@code export}, so that rule 3
     * asks whether the roles may export each category and rule 4 never lets a sealed item out), together and logged as
     * one request, as {@link #readWith} decides a read.
     *
     * @param items further items of the person; decided in the order given
     * @throws org.ecarehub.transparency.LogUnavailable when the log cannot record the decisions; nothing is returned
     */
    Disclosure exportWith(Requester requester, PersonId person, List<AccessItem> items);
}
