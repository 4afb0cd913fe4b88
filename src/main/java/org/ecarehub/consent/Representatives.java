package org.ecarehub.consent;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.ecarehub.partnership.Category;
import org.ecarehub.person.Actor;
import org.ecarehub.shared.PersonId;

/**
 * Capacity, authorities and nominations (POLICY.md P3): who may act for a person, under what, and what a child keeps
 * from their parents. Every change is stored, written to the transparency log and published in one transaction;
 * {@link RecordingRefused} means nothing was stored, and {@link org.ecarehub.transparency.LogUnavailable} likewise.
 * The queries read through the cache.
 */
public interface Representatives {

    CapacityAssessment recordAssessment(
            PersonId person, LocalDate assessedOn, Set<DecisionArea> areas, boolean lacksCapacity, Actor by);

    /** Whether the latest assessment in this area made on or before the day found the person lacking capacity. */
    boolean lacksCapacity(PersonId person, DecisionArea area, LocalDate day);

    List<CapacityAssessment> assessments(PersonId person);

    RepresentativeAuthority record(AuthorityDraft draft, Actor by);

    /** Staff verify the document or nomination; only then does the authority act. */
    RepresentativeAuthority verify(AuthorityId authority, Actor by);

    /** Ends the authority after the given day (the day it was revoked, say, or the guardianship order ended). */
    RepresentativeAuthority end(AuthorityId authority, LocalDate lastDay, Actor by);

    List<RepresentativeAuthority> authoritiesOver(PersonId person);

    List<RepresentativeAuthority> heldBy(PersonId representative);

    KeptFromParents recordKeptFromParents(PersonId child, Set<Category> categories, LocalDate start, Actor by);

    KeptFromParents endKeptFromParents(PersonId child, long request, LocalDate lastDay, Actor by);

    Set<Category> keptFromParents(PersonId child, LocalDate day);
}
