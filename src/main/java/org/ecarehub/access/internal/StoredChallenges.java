package org.ecarehub.access.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.ecarehub.access.AccessDecision;
import org.ecarehub.access.AccessItem;
import org.ecarehub.access.CaldicottReview;
import org.ecarehub.access.CaldicottReviewClaimed;
import org.ecarehub.access.CaldicottReviewDraft;
import org.ecarehub.access.CaldicottReviewId;
import org.ecarehub.access.Challenge;
import org.ecarehub.access.ChallengeAnswered;
import org.ecarehub.access.ChallengeDraft;
import org.ecarehub.access.ChallengeId;
import org.ecarehub.access.ChallengeRaised;
import org.ecarehub.access.ChallengeRefused;
import org.ecarehub.access.ChallengeableItems;
import org.ecarehub.access.Challenges;
import org.ecarehub.access.Requester;
import org.ecarehub.access.Sensitivity;
import org.ecarehub.partnership.Action;
import org.ecarehub.partnership.Category;
import org.ecarehub.partnership.Partnership;
import org.ecarehub.partnership.PartnershipSnapshot;
import org.ecarehub.partnership.Partnerships;
import org.ecarehub.partnership.StaffAccount;
import org.ecarehub.person.Actor;
import org.ecarehub.person.PersonIndex;
import org.ecarehub.shared.AgencyId;
import org.ecarehub.shared.PersonId;
import org.ecarehub.shared.Username;
import org.ecarehub.transparency.EventType;
import org.ecarehub.transparency.PersonEvents;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Challenges over {@code access_challenge}, each tracked by a task of the Caldicott review queue. What may be
 * challenged is decided by the decision point as a read of the subject by the requester, so that a subject that does
 * not exist, one about someone else and one withheld all give the same refusal.
 */
@Service
class StoredChallenges implements Challenges {

    /** A person's challenge of what is held about them is an exercise of their rights as a data subject. */
    static final String PURPOSE = "subject-access";

    static final String NOTHING_TO_CHALLENGE =
            "there is nothing with that reference on the record that you may" + " challenge";

    /** The rule a refused challenge of something that is not about the person names in the log. */
    static final String NO_SUCH_SUBJECT = "challenge-subject-of-the-person";

    static final int WORKING_DAYS_TO_ACKNOWLEDGE = 5;

    private static final String CHALLENGE = "select c.id, c.kind, c.person_id, c.subject, c.raised_by, c.raised_at,"
            + " c.details, c.agency, c.review_id, c.acknowledge_by, c.answer_by, c.acknowledged_at, c.answer,"
            + " c.answered_at, r.guardian from access_challenge c join access_review r on r.id = c.review_id";

    private final JdbcClient jdbc;
    private final DecisionPoint decisions;
    private final PersonIndex index;
    private final PersonEvents events;
    private final ChallengeableItems items;
    private final StoredCaldicottReviews reviews;
    private final AccessJournal journal;
    private final Partnerships partnerships;

    StoredChallenges(
            JdbcClient jdbc,
            DecisionPoint decisions,
            PersonIndex index,
            PersonEvents events,
            ChallengeableItems items,
            StoredCaldicottReviews reviews,
            AccessJournal journal,
            Partnerships partnerships) {
        this.jdbc = jdbc;
        this.decisions = decisions;
        this.index = index;
        this.events = events;
        this.items = items;
        this.reviews = reviews;
        this.journal = journal;
        this.partnerships = partnerships;
    }

    @Override
    @Transactional
    public Challenge raise(Requester.Portal requester, PersonId person, ChallengeDraft draft) {
        if (requester == null || draft == null) {
            throw new ChallengeRefused("a challenge needs the account that raises it and what it is about");
        }
        if (requester.boundTo() == null) {
            throw new ChallengeRefused("the account is not yet bound to a person by a verification step");
        }
        PersonId now = person == null ? null : index.personNow(person).orElse(null);
        if (now == null) {
            throw new ChallengeRefused(NOTHING_TO_CHALLENGE);
        }
        PartnershipSnapshot snapshot = partnerships.current();
        Subject subject = subject(snapshot.partnership(), now, draft.kind(), draft.subject())
                .orElse(null);
        List<AccessDecision> decided;
        if (subject == null) {
            // Logged as a refused read of what was named, so a guess leaves a trace as a hidden subject does; the
            // requester is told the same either way.
            AccessItem named =
                    new AccessItem(draft.subject(), Category.CONTACTS, Sensitivity.NORMAL, anyAgency(snapshot));
            decided = List.of(new AccessDecision(
                    false, List.of(NO_SUCH_SUBJECT), null, Set.of(), null, NOTHING_TO_CHALLENGE, null));
            decisions.record(snapshot, requester, Action.READ, now, List.of(named), decided, decisions.now());
        } else {
            decided = decisions.decide(requester, Action.READ, now, subject.items());
        }
        if (subject == null || decided.stream().noneMatch(AccessDecision::allowed)) {
            throw new ChallengeRefused(NOTHING_TO_CHALLENGE);
        }

        Instant raisedAt = journal.now();
        LocalDate day = LocalDate.ofInstant(raisedAt, AccessRows.ZONE);
        KeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("insert into access_challenge (kind, person_id, subject, raised_by, raised_at, details, agency,"
                        + " acknowledge_by, answer_by) values (?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(
                        draft.kind().name(),
                        now.value(),
                        draft.subject(),
                        requester.account(),
                        AccessRows.timestamp(raisedAt),
                        draft.details(),
                        subject.agency().value(),
                        AccessRows.date(acknowledgeBy(day)),
                        AccessRows.date(answerBy(day)))
                .update(key, "id");
        ChallengeId id = new ChallengeId(key.getKeyAs(Number.class).longValue());
        Actor by = new Actor("portal", requester.account(), null, List.of(), snapshot.version());
        journal.log(
                EventType.REVIEW,
                "challenge",
                List.of(id.reference(), draft.kind().code(), draft.subject()),
                now,
                PURPOSE,
                List.of(),
                by,
                snapshot.version());
        CaldicottReview review = reviews.open(
                new CaldicottReviewDraft(
                        CaldicottReview.Kind.CHALLENGE,
                        now,
                        subject.agency(),
                        null,
                        id.reference(),
                        draft.kind().code() + " challenged by the person or their representative: " + draft.subject()),
                now,
                by,
                null);
        jdbc.sql("update access_challenge set review_id = ? where id = ?")
                .params(review.id().value(), id.value())
                .update();
        journal.publish(new ChallengeRaised(id, now, review.id()));
        return stored(id).orElseThrow();
    }

    @Override
    @Transactional(readOnly = true)
    public List<Challenge> of(Requester.Portal requester, PersonId person) {
        if (requester == null || requester.boundTo() == null || person == null) {
            return List.of();
        }
        Optional<PersonId> now = index.personNow(person);
        if (now.isEmpty()) {
            return List.of();
        }
        Set<PersonId> history = index.personIdsInHistory(now.get());
        boolean own = history.contains(index.personNow(requester.boundTo()).orElse(requester.boundTo()));
        // The person sees every challenge about them; a representative the ones they raised themself.
        List<Challenge> raised = jdbc.sql(CHALLENGE + " where c.person_id in (:persons)"
                        + " and (:own = true or c.raised_by = :account) order by c.id desc")
                .param("persons", history.stream().map(PersonId::value).toList())
                .param("own", own)
                .param("account", requester.account())
                .query(StoredChallenges::challenge)
                .list();
        return stillVisible(requester, now.get(), raised);
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<Challenge> find(Requester.Portal requester, ChallengeId id) {
        if (requester == null || id == null) {
            return Optional.empty();
        }
        return stored(id)
                .flatMap(challenge -> of(requester, challenge.person()).stream()
                        .filter(shown -> shown.id().equals(id))
                        .findFirst());
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<Challenge> forReview(CaldicottReviewId review, Username guardian) {
        if (review == null || guardian == null) {
            return Optional.empty();
        }
        return jdbc.sql(CHALLENGE + " where c.review_id = ? and r.guardian = ?")
                .params(review.value(), guardian.value())
                .query(StoredChallenges::challenge)
                .optional();
    }

    @Override
    @Transactional
    public Challenge answer(ChallengeId id, String answer, Actor by) {
        if (answer == null || answer.isBlank()) {
            throw new ChallengeRefused("write the answer the person will read");
        }
        if (answer.length() > ChallengeDraft.MAX_DETAILS) {
            throw new ChallengeRefused("write at most " + ChallengeDraft.MAX_DETAILS + " characters");
        }
        if (id == null || by == null) {
            throw new ChallengeRefused("an answer needs its challenge and the guardian who writes it");
        }
        // Locked first, so that two answers to one challenge are taken one after the other.
        jdbc.sql("select id from access_challenge where id = ? for update")
                .param(id.value())
                .query(Long.class)
                .optional()
                .orElseThrow(() -> new ChallengeRefused("there is no challenge " + id.reference()));
        Challenge challenge = stored(id).orElseThrow();
        if (challenge.status() == Challenge.Status.ANSWERED) {
            throw new ChallengeRefused("the challenge " + id.reference() + " is answered already");
        }
        // Closing the review checks that the actor is the guardian who claimed it, and logs the closing.
        reviews.close(challenge.review(), answer.strip(), by);
        Instant answeredAt = journal.now();
        jdbc.sql("update access_challenge set answer = ?, answered_by = ?, answered_at = ? where id = ?")
                .params(answer.strip(), by.account(), AccessRows.timestamp(answeredAt), id.value())
                .update();
        journal.log(
                EventType.REVIEW,
                "answer",
                List.of(id.reference(), challenge.kind().code(), challenge.subject()),
                challenge.person(),
                StoredCaldicottReviews.PURPOSE,
                List.of(),
                by,
                partnerships.current().version());
        journal.publish(new ChallengeAnswered(id, challenge.person(), challenge.review()));
        return stored(id).orElseThrow();
    }

    /** The guardian's first claim of a challenge's review is its acknowledgement, in the claim's transaction. */
    @EventListener
    void on(CaldicottReviewClaimed claimed) {
        jdbc.sql("update access_challenge set acknowledged_at = ? where review_id = ? and acknowledged_at is null")
                .params(AccessRows.timestamp(journal.now()), claimed.review().value())
                .update();
    }

    /** Five working days (Monday to Friday) after the day it was raised. */
    static LocalDate acknowledgeBy(LocalDate raised) {
        LocalDate day = raised;
        int counted = 0;
        while (counted < WORKING_DAYS_TO_ACKNOWLEDGE) {
            day = day.plusDays(1);
            if (day.getDayOfWeek() != DayOfWeek.SATURDAY && day.getDayOfWeek() != DayOfWeek.SUNDAY) {
                counted++;
            }
        }
        return day;
    }

    /** One month after the day it was raised, as UK GDPR's article 12(3) counts it. */
    static LocalDate answerBy(LocalDate raised) {
        return raised.plusMonths(1);
    }

    /** The challenges whose subject the requester may still see, decided (and logged) as one request. */
    private List<Challenge> stillVisible(Requester.Portal requester, PersonId person, List<Challenge> raised) {
        if (raised.isEmpty()) {
            return List.of();
        }
        Partnership partnership = partnerships.current().partnership();
        List<AccessItem> asked = new ArrayList<>();
        for (Challenge challenge : raised) {
            subject(partnership, person, challenge.kind(), challenge.subject())
                    .ifPresent(subject -> asked.addAll(subject.items()));
        }
        if (asked.isEmpty()) {
            return List.of();
        }
        List<AccessDecision> decided = decisions.decide(requester, Action.READ, person, asked);
        Set<String> visible = new HashSet<>();
        for (int i = 0; i < asked.size(); i++) {
            if (decided.get(i).allowed()) {
                visible.add(asked.get(i).id());
            }
        }
        return raised.stream()
                .filter(challenge -> visible.contains(challenge.subject()))
                .toList();
    }

    /**
     * What a subject is, as the decision sees it, and whose guardian answers for it: an access entry about the person
     * (one item for each category it touched; the agency whose staff made it), or an item of their record (its
     * owner). Empty when there is no such thing about the person.
     */
    private Optional<Subject> subject(Partnership partnership, PersonId person, Challenge.Kind kind, String reference) {
        Set<PersonId> history = index.personIdsInHistory(person);
        if (!kind.aboutAccessEntry()) {
            return items.item(history, reference).map(item -> new Subject(List.of(item), item.owner()));
        }
        Optional<Long> eventId = accessEventId(reference);
        if (eventId.isEmpty()) {
            return Optional.empty();
        }
        return events.find(history, eventId.get())
                .filter(event -> EventType.ACCESS.jsonName().equals(event.type()))
                .map(event -> {
                    AgencyId agency = event.agency() != null
                                    && partnership
                                            .agency(AgencyId.of(event.agency()))
                                            .isPresent()
                            ? AgencyId.of(event.agency())
                            : guardianAgency(partnership);
                    Collection<String> categories =
                            event.categories().isEmpty() ? List.of(Category.CONTACTS.code()) : event.categories();
                    List<AccessItem> asItems = categories.stream()
                            .map(Category::fromCode)
                            .flatMap(Optional::stream)
                            .map(category -> new AccessItem(reference, category, Sensitivity.NORMAL, agency))
                            .toList();
                    return new Subject(asItems, agency);
                });
    }

    private static Optional<Long> accessEventId(String reference) {
        String prefix = "access-event-";
        if (!reference.startsWith(prefix)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Long.parseLong(reference.substring(prefix.length())));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** Access by the person, a representative or the hub itself is answered for by the partnership's guardian. */
    private static AgencyId guardianAgency(Partnership partnership) {
        return partnership
                .staff(partnership.governance().caldicottGuardian())
                .map(StaffAccount::agency)
                .orElseThrow(() -> new ChallengeRefused("the partnership has no Caldicott guardian to answer it"));
    }

    private static AgencyId anyAgency(PartnershipSnapshot snapshot) {
        return guardianAgency(snapshot.partnership());
    }

    private Optional<Challenge> stored(ChallengeId id) {
        return jdbc.sql(CHALLENGE + " where c.id = ?")
                .param(id.value())
                .query(StoredChallenges::challenge)
                .optional();
    }

    private static Challenge challenge(ResultSet rs, int n) throws SQLException {
        Instant acknowledgedAt = instant(rs.getTimestamp(12));
        String answer = rs.getString(13);
        Challenge.Status status = answer != null
                ? Challenge.Status.ANSWERED
                : acknowledgedAt != null ? Challenge.Status.ACKNOWLEDGED : Challenge.Status.RECEIVED;
        return new Challenge(
                new ChallengeId(rs.getLong(1)),
                Challenge.Kind.valueOf(rs.getString(2)),
                PersonId.of(rs.getString(3)),
                rs.getString(4),
                rs.getString(5),
                rs.getTimestamp(6).toInstant(),
                rs.getString(7),
                AgencyId.of(rs.getString(8)),
                new CaldicottReviewId(rs.getLong(9)),
                rs.getDate(10).toLocalDate(),
                rs.getDate(11).toLocalDate(),
                status,
                acknowledgedAt,
                answer,
                instant(rs.getTimestamp(14)));
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }

    /** A subject as items for the decision, and the agency whose guardian answers for it. */
    private record Subject(List<AccessItem> items, AgencyId agency) {}
}
