package org.ecarehub.consent.internal;

import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.ecarehub.consent.AuthorityDraft;
import org.ecarehub.consent.AuthorityEnded;
import org.ecarehub.consent.AuthorityId;
import org.ecarehub.consent.AuthorityRecorded;
import org.ecarehub.consent.AuthorityVerified;
import org.ecarehub.consent.CapacityAssessed;
import org.ecarehub.consent.CapacityAssessment;
import org.ecarehub.consent.DecisionArea;
import org.ecarehub.consent.KeptFromParents;
import org.ecarehub.consent.KeptFromParentsEnded;
import org.ecarehub.consent.KeptFromParentsRecorded;
import org.ecarehub.consent.RecordingRefused;
import org.ecarehub.consent.RepresentativeAuthority;
import org.ecarehub.consent.Representatives;
import org.ecarehub.partnership.Category;
import org.ecarehub.person.Actor;
import org.ecarehub.shared.PersonId;
import org.ecarehub.transparency.EventType;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/** Capacity, authorities and children's requests over the database, read through the cache. */
@Service
class StoredRepresentatives implements Representatives {

    private final RepresentativeRows rows;
    private final PersonLoader loader;
    private final ConsentCache cache;
    private final People people;
    private final ConsentJournal journal;
    private final TransactionTemplate transactions;

    StoredRepresentatives(
            RepresentativeRows rows,
            PersonLoader loader,
            ConsentCache cache,
            People people,
            ConsentJournal journal,
            TransactionTemplate transactions) {
        this.rows = rows;
        this.loader = loader;
        this.cache = cache;
        this.people = people;
        this.journal = journal;
        this.transactions = transactions;
    }

    @Override
    public CapacityAssessment recordAssessment(
            PersonId person, LocalDate assessedOn, Set<DecisionArea> areas, boolean lacksCapacity, Actor by) {
        require("staff".equals(by.kind()), "only staff may record a capacity assessment");
        require(areas != null && !areas.isEmpty(), "an assessment names the decisions it is about");
        require(assessedOn != null, "an assessment needs the day it was made");
        require(!assessedOn.isAfter(journal.today()), "an assessment cannot be made in the future");
        people.requireKnown(person, "person");
        return transactions.execute(status -> {
            long id = rows.insertAssessment(person, assessedOn, areas, lacksCapacity, by, journal.now());
            journal.log(
                    EventType.AUTHORITY,
                    by,
                    "assess-capacity",
                    person,
                    List.of(),
                    List.of("capacity-assessment-" + id),
                    ConsentJournal.ADMINISTRATION,
                    null);
            journal.changed(Set.of(person));
            journal.publish(new CapacityAssessed(id, person));
            return rows.assessments(person).stream()
                    .filter(assessment -> assessment.id() == id)
                    .findFirst()
                    .orElseThrow();
        });
    }

    @Override
    public boolean lacksCapacity(PersonId person, DecisionArea area, LocalDate day) {
        return Checks.lacksCapacity(loader.person(person).assessments(), area, day);
    }

    @Override
    public List<CapacityAssessment> assessments(PersonId person) {
        return loader.person(person).assessments();
    }

    @Override
    public RepresentativeAuthority record(AuthorityDraft draft, Actor by) {
        require("staff".equals(by.kind()), "only staff may record an authority or nomination");
        Checks.authority(draft);
        people.requireKnown(draft.person(), "person");
        people.requireKnown(draft.representative(), "representative");
        return transactions.execute(status -> {
            AuthorityId id = rows.insertAuthority(draft, by, journal.now());
            RepresentativeAuthority authority = rows.authority(id).orElseThrow();
            logged(authority, by, "record", new AuthorityRecorded(id, draft.person(), draft.representative()));
            return authority;
        });
    }

    @Override
    public RepresentativeAuthority verify(AuthorityId id, Actor by) {
        require("staff".equals(by.kind()), "only staff may verify an authority or nomination");
        return transactions.execute(status -> {
            RepresentativeAuthority before = existing(id);
            require(!before.authority().verified(), "the authority has been verified already");
            require(before.endedBy() == null, "an ended authority cannot be verified");
            rows.verify(id, by, journal.now());
            RepresentativeAuthority after = rows.authority(id).orElseThrow();
            logged(after, by, "verify", new AuthorityVerified(id, after.person(), after.representative()));
            return after;
        });
    }

    @Override
    public RepresentativeAuthority end(AuthorityId id, LocalDate lastDay, Actor by) {
        require(lastDay != null, "ending an authority needs its last day");
        return transactions.execute(status -> {
            RepresentativeAuthority before = existing(id);
            require(!lastDay.isBefore(before.authority().start()), "an authority cannot end before it starts");
            require(
                    before.authority().end() == null
                            || !lastDay.isAfter(before.authority().end()),
                    "ending an authority cannot lengthen it");
            rows.end(id, lastDay, by, journal.now());
            RepresentativeAuthority after = rows.authority(id).orElseThrow();
            logged(after, by, "end", new AuthorityEnded(id, after.person(), after.representative()));
            return after;
        });
    }

    private RepresentativeAuthority existing(AuthorityId id) {
        return rows.authority(id).orElseThrow(() -> new RecordingRefused("there is no such authority"));
    }

    private void logged(RepresentativeAuthority authority, Actor by, String action, Object event) {
        journal.log(
                EventType.AUTHORITY,
                by,
                action,
                authority.person(),
                Codes.categoryCodes(authority.authority().categories()),
                List.of(authority.id().toString()),
                ConsentJournal.ADMINISTRATION,
                null);
        journal.changed(Set.of(authority.person(), authority.representative()));
        journal.publish(event);
    }

    @Override
    public List<RepresentativeAuthority> authoritiesOver(PersonId person) {
        return loader.person(person).authorities();
    }

    @Override
    public List<RepresentativeAuthority> heldBy(PersonId representative) {
        return cache.heldBy(representative, rows::heldBy);
    }

    @Override
    public KeptFromParents recordKeptFromParents(PersonId child, Set<Category> categories, LocalDate start, Actor by) {
        require("staff".equals(by.kind()), "only staff may record a child's request");
        require(categories != null && !categories.isEmpty(), "a child's request names the categories to keep");
        require(start != null, "a child's request needs the day it starts");
        people.requireKnown(child, "child");
        int age = people.age(child, start)
                .orElseThrow(() -> new RecordingRefused("the child's date of birth is not known"));
        require(
                age >= Checks.CHILD_MAY_ASK_FROM && age < Checks.CHILDHOOD_ENDS,
                "only a child of 12 to 15 may ask to keep categories from their parents");
        return transactions.execute(status -> {
            long id = rows.insertKept(child, EnumSet.copyOf(categories), start, by, journal.now());
            journal.log(
                    EventType.AUTHORITY,
                    by,
                    "keep-from-parents",
                    child,
                    Codes.categoryCodes(categories),
                    List.of("kept-from-parents-" + id),
                    ConsentJournal.ADMINISTRATION,
                    null);
            journal.changed(Set.of(child));
            journal.publish(new KeptFromParentsRecorded(id, child));
            return request(child, id);
        });
    }

    @Override
    public KeptFromParents endKeptFromParents(PersonId child, long request, LocalDate lastDay, Actor by) {
        require("staff".equals(by.kind()), "only staff may end a child's request");
        require(lastDay != null, "ending a child's request needs its last day");
        return transactions.execute(status -> {
            KeptFromParents before = rows.kept(child).stream()
                    .filter(kept -> kept.id() == request)
                    .findFirst()
                    .orElseThrow(() -> new RecordingRefused("the child made no such request"));
            require(!lastDay.isBefore(before.start()), "a request cannot end before it starts");
            require(before.end() == null, "the request has ended already");
            rows.endKept(request, lastDay, by, journal.now());
            journal.log(
                    EventType.AUTHORITY,
                    by,
                    "end-keep-from-parents",
                    child,
                    Codes.categoryCodes(before.categories()),
                    List.of("kept-from-parents-" + request),
                    ConsentJournal.ADMINISTRATION,
                    null);
            journal.changed(Set.of(child));
            journal.publish(new KeptFromParentsEnded(request, child));
            return request(child, request);
        });
    }

    private KeptFromParents request(PersonId child, long id) {
        return rows.kept(child).stream()
                .filter(kept -> kept.id() == id)
                .findFirst()
                .orElseThrow();
    }

    @Override
    public Set<Category> keptFromParents(PersonId child, LocalDate day) {
        return Checks.keptFromParents(loader.person(child).keptFromParents(), day);
    }

    private static void require(boolean condition, String refusal) {
        if (!condition) {
            throw new RecordingRefused(refusal);
        }
    }
}
