package org.ecarehub.access.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.ecarehub.access.BreakGlassGrant;
import org.ecarehub.access.BreakGlassGrantId;
import org.ecarehub.access.BreakGlassGrants;
import org.ecarehub.access.BreakGlassOpened;
import org.ecarehub.access.BreakGlassRefused;
import org.ecarehub.access.BreakGlassRequest;
import org.ecarehub.access.CaldicottReview;
import org.ecarehub.access.CaldicottReviewDraft;
import org.ecarehub.access.Relationship;
import org.ecarehub.access.Relationships;
import org.ecarehub.partnership.Partnership;
import org.ecarehub.partnership.PartnershipSnapshot;
import org.ecarehub.partnership.Partnerships;
import org.ecarehub.partnership.StaffAccount;
import org.ecarehub.person.Actor;
import org.ecarehub.person.PersonIndex;
import org.ecarehub.shared.PersonId;
import org.ecarehub.shared.Username;
import org.ecarehub.transparency.EventType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Break-glass grants over {@code access_break_glass}, read through the {@link AccessCache}. */
@Service
class StoredBreakGlassGrants implements BreakGlassGrants {

    private final JdbcClient jdbc;
    private final AccessCache cache;
    private final AccessChanges changes;
    private final AccessJournal journal;
    private final Partnerships partnerships;
    private final PersonIndex index;
    private final Relationships relationships;
    private final StoredCaldicottReviews reviews;

    StoredBreakGlassGrants(
            JdbcClient jdbc,
            AccessCache cache,
            AccessChanges changes,
            AccessJournal journal,
            Partnerships partnerships,
            PersonIndex index,
            Relationships relationships,
            StoredCaldicottReviews reviews) {
        this.jdbc = jdbc;
        this.cache = cache;
        this.changes = changes;
        this.journal = journal;
        this.partnerships = partnerships;
        this.index = index;
        this.relationships = relationships;
        this.reviews = reviews;
    }

    @Override
    @Transactional
    public BreakGlassGrant open(PersonId person, BreakGlassRequest request, Actor by) {
        Objects.requireNonNull(person, "person");
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(by, "by");
        PartnershipSnapshot snapshot = partnerships.current();
        Partnership partnership = snapshot.partnership();
        Username user = request.user();
        Instant now = journal.now();
        LocalDate today = LocalDate.ofInstant(now, AccessRows.ZONE);

        List<String> problems = new ArrayList<>(request.problems(partnership));
        if (!"staff".equals(by.kind()) || !user.value().equals(by.account())) {
            problems.add("break-glass is opened by the user themselves, in their own name");
        }
        Optional<PersonId> known = index.personNow(person);
        if (known.isEmpty()) {
            problems.add("the person is not in the person index");
        }
        Optional<StaffAccount> account = partnership.staff(user);
        if (account.isPresent() && known.isPresent()) {
            if (relationships.active(known.get(), user, account.get().teams(), today)) {
                problems.add("you have a relationship with the person already; break-glass is for those who have none");
            } else if (active(user, known.get(), now)) {
                problems.add("you hold an active break-glass grant for the person already");
            }
        }
        if (!problems.isEmpty()) {
            throw new BreakGlassRefused(problems);
        }

        PersonId about = known.orElseThrow();
        StaffAccount staff = account.orElseThrow();
        Instant expiresAt = now.plus(request.duration());
        KeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("insert into access_break_glass (person_id, username, agency, purpose, reason, opened_at, expires_at,"
                        + " opened_by) values (?, ?, ?, ?, ?, ?, ?, ?)")
                .params(
                        about.value(),
                        user.value(),
                        staff.agency().value(),
                        request.purpose().name(),
                        request.reason().strip(),
                        AccessRows.timestamp(now),
                        AccessRows.timestamp(expiresAt),
                        by.reference())
                .update(key, "id");
        BreakGlassGrantId id = new BreakGlassGrantId(key.getKeyAs(Number.class).longValue());
        changes.record(about);
        long opening = journal.log(
                EventType.BREAK_GLASS,
                "open",
                List.of(id.reference(), "expires-" + expiresAt),
                about,
                request.purpose().code(),
                List.of("break-glass"),
                by,
                snapshot.version());
        CaldicottReview review = reviews.open(
                new CaldicottReviewDraft(
                        CaldicottReview.Kind.BREAK_GLASS,
                        about,
                        staff.agency(),
                        null,
                        id.reference(),
                        "break-glass by " + user.value() + " of "
                                + staff.agency().value() + " under "
                                + request.purpose().code() + " for "
                                + request.duration().toMinutes() + " minutes"),
                about,
                by,
                user);
        jdbc.sql("update access_break_glass set review_id = ? where id = ?")
                .params(review.id().value(), id.value())
                .update();

        List<Relationship> keyWorkers = relationships.keyWorkers(about, today);
        journal.publish(new BreakGlassOpened(
                id,
                about,
                user,
                staff.agency(),
                request.purpose(),
                expiresAt,
                review.id(),
                keyWorkers.stream()
                        .map(relationship -> relationship.holder().user())
                        .filter(Objects::nonNull)
                        .distinct()
                        .toList(),
                keyWorkers.stream()
                        .map(relationship -> relationship.holder().team())
                        .filter(Objects::nonNull)
                        .distinct()
                        .toList(),
                opening));
        return new BreakGlassGrant(
                id,
                about,
                user,
                staff.agency(),
                request.purpose(),
                request.reason().strip(),
                now,
                expiresAt,
                review.id());
    }

    @Override
    public boolean active(Username user, PersonId person, Instant now) {
        for (BreakGlassGrant grant : cache.of(person).grants()) {
            if (grant.user().equals(user) && grant.activeAt(now)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public List<BreakGlassGrant> grantsFor(PersonId person) {
        return cache.of(person).grants().stream()
                .sorted(Comparator.comparing(BreakGlassGrant::openedAt)
                        .reversed()
                        .thenComparing(grant -> -grant.id().value()))
                .toList();
    }

    @Override
    @Transactional(readOnly = true)
    public Set<PersonId> personsFor(Username user, Instant now) {
        return jdbc
                .sql("select distinct person_id from access_break_glass where username = ? and opened_at <= ?"
                        + " and expires_at > ?")
                .params(user.value(), AccessRows.timestamp(now), AccessRows.timestamp(now))
                .query(String.class)
                .list()
                .stream()
                .map(PersonId::of)
                .collect(Collectors.toCollection(LinkedHashSet::new));
    }
}
