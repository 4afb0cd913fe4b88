package org.ecarehub.access.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.ecarehub.access.CaldicottReview;
import org.ecarehub.access.CaldicottReviewClaimed;
import org.ecarehub.access.CaldicottReviewClosed;
import org.ecarehub.access.CaldicottReviewDraft;
import org.ecarehub.access.CaldicottReviewEscalated;
import org.ecarehub.access.CaldicottReviewId;
import org.ecarehub.access.CaldicottReviewOpened;
import org.ecarehub.access.CaldicottReviewRefused;
import org.ecarehub.access.CaldicottReviews;
import org.ecarehub.partnership.Partnership;
import org.ecarehub.partnership.PartnershipSnapshot;
import org.ecarehub.partnership.Partnerships;
import org.ecarehub.person.Actor;
import org.ecarehub.person.PersonIndex;
import org.ecarehub.shared.AgencyId;
import org.ecarehub.shared.PersonId;
import org.ecarehub.shared.Username;
import org.ecarehub.transparency.EventType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The Caldicott review queue over {@code access_review}; who is working on whom is read through the cache. */
@Service
class StoredCaldicottReviews implements CaldicottReviews {

    /** Reviewing how a person's information was reached is audit. */
    static final String PURPOSE = "audit";

    static final int MAX_TEXT = 4000;

    private final JdbcClient jdbc;
    private final AccessCache cache;
    private final AccessChanges changes;
    private final AccessJournal journal;
    private final Partnerships partnerships;
    private final PersonIndex index;

    StoredCaldicottReviews(
            JdbcClient jdbc,
            AccessCache cache,
            AccessChanges changes,
            AccessJournal journal,
            Partnerships partnerships,
            PersonIndex index) {
        this.jdbc = jdbc;
        this.cache = cache;
        this.changes = changes;
        this.journal = journal;
        this.partnerships = partnerships;
        this.index = index;
    }

    @Override
    @Transactional
    public CaldicottReview open(CaldicottReviewDraft draft, Actor by) {
        Objects.requireNonNull(draft, "draft");
        PersonId person = index.personNow(draft.person())
                .orElseThrow(() -> new CaldicottReviewRefused("the person is not in the person index"));
        return open(draft, person, by, null);
    }

    /**
     * Opens the task for the draft's guardian, or the agency's; when that guardian is the one whose act is to be
     * reviewed, for the next guardian instead: nobody reviews their own break-glass.
     */
    CaldicottReview open(CaldicottReviewDraft draft, PersonId person, Actor by, Username notReviewing) {
        PartnershipSnapshot snapshot = partnerships.current();
        Partnership partnership = snapshot.partnership();
        if (partnership.agency(draft.agency()).isEmpty()) {
            throw new CaldicottReviewRefused("'" + draft.agency() + "' is not an agency of the partnership in force");
        }
        Username guardian =
                draft.guardian() != null ? draft.guardian() : partnership.caldicottGuardianFor(draft.agency());
        if (partnership.staff(guardian).filter(partnership::isActiveMember).isEmpty()) {
            throw new CaldicottReviewRefused(
                    "'" + guardian + "' is not an active staff account of the partnership in force");
        }
        while (guardian.equals(notReviewing)) {
            guardian = next(partnership, guardian);
        }
        Instant now = journal.now();
        KeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("insert into access_review (kind, person_id, agency, guardian, subject, summary, state, opened_at,"
                        + " opened_by) values (?, ?, ?, ?, ?, ?, 'OPEN', ?, ?)")
                .params(
                        draft.kind().name(),
                        person.value(),
                        draft.agency().value(),
                        guardian.value(),
                        draft.subject(),
                        draft.summary(),
                        AccessRows.timestamp(now),
                        by.reference())
                .update(key, "id");
        CaldicottReviewId id = new CaldicottReviewId(key.getKeyAs(Number.class).longValue());
        changes.record(person);
        journal.log(
                EventType.REVIEW,
                "open",
                List.of(id.reference(), draft.kind().code(), draft.subject(), "guardian:" + guardian.value()),
                person,
                PURPOSE,
                List.of(),
                by,
                snapshot.version());
        journal.publish(new CaldicottReviewOpened(id, draft.kind(), person, guardian, draft.subject()));
        return find(id);
    }

    @Override
    @Transactional
    public CaldicottReview openForProtectionOverride(PersonId person, AgencyId owningAgency, String subject, Actor by) {
        String summary = "protection purpose used without a sharing agreement by " + by.reference()
                + (by.agency() == null ? "" : " of " + by.agency().value());
        return open(
                new CaldicottReviewDraft(
                        CaldicottReview.Kind.PROTECTION_OVERRIDE,
                        person,
                        owningAgency,
                        null,
                        subject,
                        summary.length() > CaldicottReviewDraft.MAX_SUMMARY
                                ? summary.substring(0, CaldicottReviewDraft.MAX_SUMMARY)
                                : summary),
                by);
    }

    @Override
    @Transactional
    public CaldicottReview claim(CaldicottReviewId id, Actor by) {
        CaldicottReview review = locked(id);
        requireAssigned(review, by, "claim");
        Username guardian = review.guardian();
        if (review.state() == CaldicottReview.State.CLAIMED) {
            return review;
        }
        Instant now = journal.now();
        jdbc.sql("update access_review set state = 'CLAIMED', claimed_by = ?, claimed_at = ? where id = ?")
                .params(guardian.value(), AccessRows.timestamp(now), id.value())
                .update();
        step(review, "claim", List.of(), by);
        journal.publish(new CaldicottReviewClaimed(id, review.person(), guardian));
        return find(id);
    }

    @Override
    @Transactional
    public CaldicottReview close(CaldicottReviewId id, String note, Actor by) {
        requireText(note, "a review is closed with a note");
        CaldicottReview review = locked(id);
        requireAssigned(review, by, "close");
        if (review.state() != CaldicottReview.State.CLAIMED) {
            throw new CaldicottReviewRefused("claim the review before closing it");
        }
        Instant now = journal.now();
        jdbc.sql("update access_review set state = 'CLOSED', closed_by = ?, closed_at = ?, note = ? where id = ?")
                .params(review.guardian().value(), AccessRows.timestamp(now), note.strip(), id.value())
                .update();
        step(review, "close", List.of(), by);
        journal.publish(new CaldicottReviewClosed(id, review.person(), review.guardian()));
        return find(id);
    }

    @Override
    @Transactional
    public CaldicottReview escalate(CaldicottReviewId id, String reason, Actor by) {
        requireText(reason, "an escalation needs a reason");
        CaldicottReview review = locked(id);
        requireAssigned(review, by, "escalate");
        PartnershipSnapshot snapshot = partnerships.current();
        Username to = next(snapshot.partnership(), review.guardian());
        Instant now = journal.now();
        jdbc.sql("update access_review set state = 'ESCALATED', guardian = ?, escalated_from = ?,"
                        + " escalation_reason = ?, escalated_at = ?, claimed_by = null, claimed_at = null where id = ?")
                .params(to.value(), review.guardian().value(), reason.strip(), AccessRows.timestamp(now), id.value())
                .update();
        step(review, "escalate", List.of("escalated-to:" + to.value()), by);
        journal.publish(new CaldicottReviewEscalated(id, review.person(), review.guardian(), to));
        return find(id);
    }

    /**
     * Who a task goes to after this guardian: an agency's guardian hands on to the partnership's, and the
     * partnership's to the data protection officer, who answers for the partnership's handling of personal data.
     */
    static Username next(Partnership partnership, Username guardian) {
        Username partnershipGuardian = partnership.governance().caldicottGuardian();
        Username dataProtectionOfficer = partnership.governance().dataProtectionOfficer();
        if (!guardian.equals(partnershipGuardian) && !guardian.equals(dataProtectionOfficer)) {
            return partnershipGuardian;
        }
        if (guardian.equals(partnershipGuardian) && !guardian.equals(dataProtectionOfficer)) {
            return dataProtectionOfficer;
        }
        throw new CaldicottReviewRefused("the data protection officer is the last to review; there is no one further");
    }

    @Override
    @Transactional(readOnly = true)
    public List<CaldicottReview> openFor(Username guardian) {
        return jdbc.sql(AccessRows.REVIEW + " where guardian = ? and state <> 'CLOSED' order by id")
                .param(guardian.value())
                .query(AccessRows::review)
                .list();
    }

    @Override
    @Transactional(readOnly = true)
    public List<CaldicottReview> forPerson(PersonId person) {
        return jdbc.sql(AccessRows.REVIEW + " where person_id = ? order by id")
                .param(person.value())
                .query(AccessRows::review)
                .list();
    }

    @Override
    public boolean workingOn(Username user, PersonId person) {
        return cache.of(person).workingOn().contains(user);
    }

    private CaldicottReview locked(CaldicottReviewId id) {
        Objects.requireNonNull(id, "id");
        return jdbc.sql(AccessRows.REVIEW + " where id = ? for update")
                .param(id.value())
                .query(AccessRows::review)
                .optional()
                .orElseThrow(() -> new CaldicottReviewRefused("there is no review " + id.reference()));
    }

    private CaldicottReview find(CaldicottReviewId id) {
        return jdbc.sql(AccessRows.REVIEW + " where id = ?")
                .param(id.value())
                .query(AccessRows::review)
                .single();
    }

    private static void requireAssigned(CaldicottReview review, Actor by, String step) {
        Objects.requireNonNull(by, "by");
        if (review.closed()) {
            throw new CaldicottReviewRefused("the review " + review.id().reference() + " is closed");
        }
        if (!"staff".equals(by.kind()) || !review.guardian().value().equals(by.account())) {
            throw new CaldicottReviewRefused("only " + review.guardian() + ", the guardian the review "
                    + review.id().reference() + " is assigned to, may " + step + " it");
        }
    }

    private static void requireText(String text, String message) {
        if (text == null || text.isBlank()) {
            throw new CaldicottReviewRefused(message);
        }
        if (text.length() > MAX_TEXT) {
            throw new CaldicottReviewRefused("write at most " + MAX_TEXT + " characters");
        }
    }

    private void step(CaldicottReview review, String action, List<String> more, Actor by) {
        changes.record(review.person());
        List<String> items = new ArrayList<>(List.of(
                review.id().reference(), review.kind().code(), review.subject(), "guardian:" + review.guardian()));
        items.addAll(more);
        journal.log(
                EventType.REVIEW,
                action,
                items,
                review.person(),
                PURPOSE,
                List.of(),
                by,
                partnerships.current().version());
    }
}
