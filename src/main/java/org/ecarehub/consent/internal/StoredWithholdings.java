package org.ecarehub.consent.internal;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import org.ecarehub.consent.Exemption;
import org.ecarehub.consent.RecordingRefused;
import org.ecarehub.consent.Withholding;
import org.ecarehub.consent.WithholdingDecided;
import org.ecarehub.consent.WithholdingDraft;
import org.ecarehub.consent.WithholdingId;
import org.ecarehub.consent.WithholdingKept;
import org.ecarehub.consent.WithholdingLifted;
import org.ecarehub.consent.WithholdingTarget;
import org.ecarehub.consent.Withholdings;
import org.ecarehub.partnership.Partnerships;
import org.ecarehub.partnership.Purpose;
import org.ecarehub.person.Actor;
import org.ecarehub.shared.PersonId;
import org.ecarehub.shared.Username;
import org.ecarehub.transparency.EventType;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/** Withholdings over the database, read through the cache. */
@Service
class StoredWithholdings implements Withholdings {

    /** What the hub writes as the justification of a W3 withholding, which no person decided. */
    static final String AUTOMATIC_JUSTIFICATION =
            "POLICY.md W3: an access under child or adult protection, withheld pending review by the accessing agency";

    private final WithholdingRows rows;
    private final PersonLoader loader;
    private final People people;
    private final Partnerships partnerships;
    private final ConsentJournal journal;
    private final TransactionTemplate transactions;

    StoredWithholdings(
            WithholdingRows rows,
            PersonLoader loader,
            People people,
            Partnerships partnerships,
            ConsentJournal journal,
            TransactionTemplate transactions) {
        this.rows = rows;
        this.loader = loader;
        this.people = people;
        this.partnerships = partnerships;
        this.journal = journal;
        this.transactions = transactions;
    }

    @Override
    public Withholding withhold(WithholdingDraft draft, Actor by) {
        Checks.withholding(draft, by, journal.today(), partnerships.current().partnership());
        people.requireKnown(draft.person(), "person");
        return decide(
                draft.person(),
                draft.target(),
                draft.exemption(),
                draft.justification().strip(),
                by,
                draft.target().isAccessEvent() ? draft.secondPerson() : null,
                draft.reviewBy());
    }

    @Override
    public Withholding withholdAutomatically(PersonId person, long accessEvent, Username accessedBy, Purpose purpose) {
        if (purpose != Purpose.CHILD_PROTECTION && purpose != Purpose.ADULT_PROTECTION) {
            throw new RecordingRefused("only accesses under child or adult protection are withheld automatically");
        }
        return decide(
                person,
                WithholdingTarget.accessEvent(accessEvent, accessedBy),
                Exemption.CHILD_PROTECTION_ENQUIRY,
                AUTOMATIC_JUSTIFICATION,
                Actor.hub("withholding a protection access"),
                null,
                journal.today().plusDays(AUTOMATIC_DAYS));
    }

    private Withholding decide(
            PersonId person,
            WithholdingTarget target,
            Exemption exemption,
            String justification,
            Actor by,
            Username secondPerson,
            LocalDate reviewBy) {
        return transactions.execute(status -> {
            Withholding withholding =
                    rows.insert(person, target, exemption, justification, by, secondPerson, reviewBy, journal.now());
            logged(withholding, by, "withhold", new WithholdingDecided(withholding.id(), person, exemption));
            return withholding;
        });
    }

    @Override
    public Withholding keep(WithholdingId id, LocalDate nextReview, Actor by) {
        Checks.reviewDate(nextReview, journal.today());
        return transactions.execute(status -> {
            reviewable(id, by);
            rows.keep(id, nextReview, by, journal.now());
            Withholding after = rows.find(id).orElseThrow();
            logged(after, by, "keep", new WithholdingKept(id, after.person()));
            return after;
        });
    }

    @Override
    public Withholding lift(WithholdingId id, Actor by) {
        return transactions.execute(status -> {
            reviewable(id, by);
            rows.lift(id, by, journal.now());
            Withholding after = rows.find(id).orElseThrow();
            logged(after, by, "lift", new WithholdingLifted(id, after.person()));
            return after;
        });
    }

    /** Staff review a withholding in force; nobody reviews the withholding of their own access (W4). */
    private Withholding reviewable(WithholdingId id, Actor by) {
        if (!"staff".equals(by.kind())) {
            throw new RecordingRefused("only staff may review a withholding");
        }
        Withholding withholding = rows.find(id).orElseThrow(() -> new RecordingRefused("there is no such withholding"));
        if (withholding.lifted()) {
            throw new RecordingRefused("the withholding has been lifted already");
        }
        Username accessedBy = withholding.target().accessedBy();
        if (accessedBy != null && accessedBy.value().equals(by.account())) {
            throw new RecordingRefused("nobody may review the withholding of their own access events");
        }
        return withholding;
    }

    private void logged(Withholding withholding, Actor by, String action, Object event) {
        journal.log(
                EventType.WITHHOLDING,
                by,
                action,
                withholding.person(),
                List.of(),
                List.of(withholding.id().toString(), withholding.target().code()),
                ConsentJournal.ADMINISTRATION,
                null);
        journal.changed(Set.of(withholding.person()));
        journal.publish(event);
    }

    @Override
    public List<Withholding> inForce(PersonId person, LocalDate day) {
        return loader.person(person).withholdings().stream()
                .filter(withholding -> !withholding
                        .decidedAt()
                        .atOffset(ZoneOffset.UTC)
                        .toLocalDate()
                        .isAfter(day))
                .filter(withholding -> !withholding.lifted()
                        || withholding
                                .liftedAt()
                                .atOffset(ZoneOffset.UTC)
                                .toLocalDate()
                                .isAfter(day))
                .toList();
    }

    @Override
    public List<Withholding> overdue(LocalDate day) {
        return rows.overdue(day);
    }

    @Override
    public long overdueCount(LocalDate day) {
        return rows.overdueCount(day);
    }
}
