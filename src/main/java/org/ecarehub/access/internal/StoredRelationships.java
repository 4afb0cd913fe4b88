package org.ecarehub.access.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import org.ecarehub.access.Holder;
import org.ecarehub.access.Relationship;
import org.ecarehub.access.RelationshipDraft;
import org.ecarehub.access.RelationshipEnded;
import org.ecarehub.access.RelationshipId;
import org.ecarehub.access.RelationshipRefused;
import org.ecarehub.access.RelationshipStarted;
import org.ecarehub.access.Relationships;
import org.ecarehub.partnership.Agency;
import org.ecarehub.partnership.Partnership;
import org.ecarehub.partnership.PartnershipSnapshot;
import org.ecarehub.partnership.Partnerships;
import org.ecarehub.partnership.Team;
import org.ecarehub.person.Actor;
import org.ecarehub.person.PersonIndex;
import org.ecarehub.shared.BatchInserts;
import org.ecarehub.shared.PersonId;
import org.ecarehub.shared.TeamId;
import org.ecarehub.shared.Username;
import org.ecarehub.transparency.EventType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Relationships over {@code access_relationship}, read through the {@link AccessCache}. */
@Service
class StoredRelationships implements Relationships {

    /** Setting up who is involved with a person is administration of their care, not the care itself. */
    static final String PURPOSE = "administration";

    private final JdbcClient jdbc;
    private final JdbcTemplate batches;
    private final AccessCache cache;
    private final AccessChanges changes;
    private final AccessJournal journal;
    private final Partnerships partnerships;
    private final PersonIndex index;

    StoredRelationships(
            JdbcClient jdbc,
            JdbcTemplate batches,
            AccessCache cache,
            AccessChanges changes,
            AccessJournal journal,
            Partnerships partnerships,
            PersonIndex index) {
        this.jdbc = jdbc;
        this.batches = batches;
        this.cache = cache;
        this.changes = changes;
        this.journal = journal;
        this.partnerships = partnerships;
        this.index = index;
    }

    @Override
    @Transactional
    public Relationship start(RelationshipDraft draft, Actor by) {
        return startAll(List.of(Objects.requireNonNull(draft, "draft")), by).get(0);
    }

    /**
     * Starts the relationships with one batch of inserts, each person looked up in the index once and each person's
     * log event naming all of theirs: a protection message starts twelve at once (two people with six teams).
     */
    @Override
    @Transactional
    public List<Relationship> startAll(List<RelationshipDraft> drafts, Actor by) {
        Objects.requireNonNull(by, "by");
        if (drafts.isEmpty()) {
            return List.of();
        }
        return journal.batched(() -> {
            PartnershipSnapshot snapshot = partnerships.current();
            // A person merged into another is involved through the person they are now part of.
            Map<PersonId, PersonId> current = new HashMap<>();
            List<PersonId> persons = new ArrayList<>();
            for (RelationshipDraft draft : drafts) {
                Objects.requireNonNull(draft, "draft");
                requireKnown(draft.holder(), snapshot.partnership());
                PersonId person = current.get(draft.person());
                if (person == null) {
                    person = index.personNow(draft.person())
                            .orElseThrow(() -> new RelationshipRefused("the person is not in the person index"));
                    current.put(draft.person(), person);
                }
                persons.add(person);
            }
            Instant now = journal.now();
            List<RelationshipId> ids = insert(drafts, persons, now, by);
            List<Relationship> started = new ArrayList<>();
            for (int i = 0; i < drafts.size(); i++) {
                RelationshipDraft draft = drafts.get(i);
                PersonId person = persons.get(i);
                RelationshipId id = ids.get(i);
                changes.record(person);
                List<String> items = new ArrayList<>(List.of(
                        id.reference(), draft.kind().code(), draft.holder().reference(), "from-" + draft.start()));
                if (draft.end() != null) {
                    items.add("to-" + draft.end());
                }
                if (draft.source() != null) {
                    items.add("source:" + draft.source());
                }
                journal.log(EventType.RELATIONSHIP, "start", items, person, PURPOSE, List.of(), by, snapshot.version());
                journal.publish(new RelationshipStarted(
                        id, person, draft.holder(), draft.kind(), draft.start(), draft.end(), draft.source()));
                started.add(new Relationship(
                        id,
                        person,
                        draft.holder(),
                        draft.kind(),
                        draft.start(),
                        draft.end(),
                        draft.source(),
                        now,
                        by.reference(),
                        null));
            }
            return started;
        });
    }

    /** Inserts the rows in one batch; their ids, in order. */
    private List<RelationshipId> insert(List<RelationshipDraft> drafts, List<PersonId> persons, Instant now, Actor by) {
        List<Object[]> rows = new ArrayList<>();
        for (int i = 0; i < drafts.size(); i++) {
            RelationshipDraft draft = drafts.get(i);
            rows.add(new Object[] {
                persons.get(i).value(),
                draft.holder().user() == null ? null : draft.holder().user().value(),
                draft.holder().team() == null ? null : draft.holder().team().value(),
                draft.kind().name(),
                AccessRows.date(draft.start()),
                AccessRows.date(draft.end()),
                draft.source(),
                AccessRows.timestamp(now),
                by.reference()
            });
        }
        return BatchInserts.returningIds(
                        batches,
                        "insert into access_relationship (person_id, holder_user, holder_team, kind, start_day,"
                                + " end_day, source, started_at, started_by) values (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                        rows)
                .stream()
                .map(RelationshipId::new)
                .toList();
    }

    private static void requireKnown(Holder holder, Partnership partnership) {
        if (holder.user() != null) {
            boolean active = partnership
                    .staff(holder.user())
                    .filter(partnership::isActiveMember)
                    .isPresent();
            if (!active) {
                throw new RelationshipRefused(
                        "'" + holder.user() + "' is not an active staff account of the partnership in force");
            }
        } else {
            boolean active = partnership
                    .team(holder.team())
                    .map(Team::agency)
                    .flatMap(partnership::agency)
                    .map(Agency::active)
                    .orElse(false);
            if (!active) {
                throw new RelationshipRefused(
                        "'" + holder.team() + "' is not a team of an active agency of the partnership in force");
            }
        }
    }

    @Override
    @Transactional
    public void end(RelationshipId id, LocalDate day, Actor by) {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(by, "by");
        if (day == null) {
            throw new RelationshipRefused("give the last day of the relationship");
        }
        Relationship relationship = jdbc.sql(AccessRows.RELATIONSHIP + " where id = ? for update")
                .param(id.value())
                .query(AccessRows::relationship)
                .optional()
                .orElseThrow(() -> new RelationshipRefused("there is no relationship " + id.reference()));
        if (relationship.endedBy() != null) {
            throw new RelationshipRefused("the relationship " + id.reference() + " has ended already");
        }
        if (day.isBefore(relationship.start())) {
            throw new RelationshipRefused("a relationship cannot end before it starts (" + relationship.start() + ")");
        }
        if (relationship.end() != null && day.isAfter(relationship.end())) {
            throw new RelationshipRefused("the relationship ends on " + relationship.end()
                    + " already; ending it cannot make it longer: start a new one");
        }
        Instant now = journal.now();
        jdbc.sql("update access_relationship set end_day = ?, ended_at = ?, ended_by = ? where id = ?")
                .params(AccessRows.date(day), AccessRows.timestamp(now), by.reference(), id.value())
                .update();
        changes.record(relationship.person());
        journal.log(
                EventType.RELATIONSHIP,
                "end",
                List.of(
                        id.reference(),
                        relationship.kind().code(),
                        relationship.holder().reference(),
                        "to-" + day),
                relationship.person(),
                PURPOSE,
                List.of(),
                by,
                partnerships.current().version());
        journal.publish(new RelationshipEnded(id, relationship.person(), relationship.holder(), day));
    }

    @Override
    public boolean active(PersonId person, Username user, Collection<TeamId> teams, LocalDate day) {
        for (Relationship relationship : cache.of(person).relationships()) {
            if (relationship.reaches(user, teams, day)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public List<Relationship> of(PersonId person) {
        return cache.of(person).relationships().stream()
                .sorted(Comparator.comparing(Relationship::start)
                        .thenComparing(relationship -> relationship.id().value()))
                .toList();
    }

    @Override
    @Transactional(readOnly = true)
    public Set<PersonId> reachableBy(Username user, Collection<TeamId> teams, LocalDate day) {
        List<Object> params = new ArrayList<>();
        StringBuilder holders = new StringBuilder("holder_user = ?");
        params.add(user.value());
        if (!teams.isEmpty()) {
            holders.append(" or holder_team in (")
                    .append(teams.stream().map(team -> "?").collect(Collectors.joining(", ")))
                    .append(")");
            teams.forEach(team -> params.add(team.value()));
        }
        params.add(AccessRows.date(day));
        params.add(AccessRows.date(day));
        return jdbc
                .sql("select distinct person_id from access_relationship where (" + holders
                        + ") and start_day <= ? and (end_day is null or end_day >= ?)")
                .params(params)
                .query(String.class)
                .list()
                .stream()
                .map(PersonId::of)
                .collect(Collectors.toCollection(LinkedHashSet::new));
    }

    @Override
    public List<Relationship> keyWorkers(PersonId person, LocalDate day) {
        return cache.of(person).relationships().stream()
                .filter(relationship -> relationship.kind().named() && relationship.activeOn(day))
                .toList();
    }
}
