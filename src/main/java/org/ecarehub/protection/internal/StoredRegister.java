package org.ecarehub.protection.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.ecarehub.access.AccessDecision;
import org.ecarehub.access.AccessDecisions;
import org.ecarehub.access.AccessItem;
import org.ecarehub.access.AccessRefused;
import org.ecarehub.access.Holder;
import org.ecarehub.access.Relationship;
import org.ecarehub.access.RelationshipDraft;
import org.ecarehub.access.RelationshipId;
import org.ecarehub.access.RelationshipKind;
import org.ecarehub.access.Relationships;
import org.ecarehub.access.Requester;
import org.ecarehub.access.Sensitivity;
import org.ecarehub.messaging.Deliveries;
import org.ecarehub.messaging.Notification;
import org.ecarehub.messaging.Receiver;
import org.ecarehub.partnership.Action;
import org.ecarehub.partnership.Agency;
import org.ecarehub.partnership.AgencyType;
import org.ecarehub.partnership.Category;
import org.ecarehub.partnership.Duty;
import org.ecarehub.partnership.Partnership;
import org.ecarehub.partnership.PartnershipSnapshot;
import org.ecarehub.partnership.Partnerships;
import org.ecarehub.partnership.Purpose;
import org.ecarehub.partnership.StaffAccount;
import org.ecarehub.partnership.Team;
import org.ecarehub.person.Actor;
import org.ecarehub.person.PersonIndex;
import org.ecarehub.protection.AdultAtRiskCase;
import org.ecarehub.protection.AdultAtRiskChanged;
import org.ecarehub.protection.AdultAtRiskId;
import org.ecarehub.protection.AdultAtRiskStage;
import org.ecarehub.protection.LookedAfterBasis;
import org.ecarehub.protection.LookedAfterChanged;
import org.ecarehub.protection.LookedAfterId;
import org.ecarehub.protection.LookedAfterPeriod;
import org.ecarehub.protection.ProtectionRegister;
import org.ecarehub.protection.RegisterKeeperRefused;
import org.ecarehub.protection.RegisterRefused;
import org.ecarehub.protection.Registration;
import org.ecarehub.protection.RegistrationChanged;
import org.ecarehub.protection.RegistrationDraft;
import org.ecarehub.protection.RegistrationId;
import org.ecarehub.protection.RegistrationStatus;
import org.ecarehub.protection.RegistrationStep;
import org.ecarehub.record.Alert;
import org.ecarehub.record.AlertContact;
import org.ecarehub.record.AlertType;
import org.ecarehub.record.ItemDraft;
import org.ecarehub.record.ItemStatus;
import org.ecarehub.record.RecordItem;
import org.ecarehub.record.RecordItemId;
import org.ecarehub.record.Records;
import org.ecarehub.shared.AgencyId;
import org.ecarehub.shared.PersonId;
import org.ecarehub.shared.Placeholders;
import org.ecarehub.shared.TeamId;
import org.ecarehub.shared.Username;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The register over its tables. A change checks its input, takes the row lock, stores the change, has the access
 * decision point decide it about the stored id (a refusal rolls everything back), keeps the CP flag and the lead
 * social worker's relationship in step, and logs and publishes the change: all in one transaction.
 */
@Service
class StoredRegister implements ProtectionRegister {

    /** The partnership's day starts and ends on Scottish time, whatever the server's clock zone. */
    static final ZoneId PARTNERSHIP_ZONE = ZoneId.of("Europe/London");

    private static final String FLAG_ENDED = "taken off the child protection register";
    private static final String FLAG_MOVED = "the child is born: the flag is now on the child's own record";
    private static final String FLAG_NEW_LEAD = "a new lead social worker for the child protection plan";

    /** The topic of the notice that tells the new lead's team that a child on the register is now theirs. */
    static final String LEAD_CHANGED_TOPIC = "protection-lead-changed";

    private final JdbcClient jdbc;
    private final AccessDecisions decisions;
    private final Records records;
    private final Relationships relationships;
    private final Partnerships partnerships;
    private final PersonIndex index;
    private final RegisterJournal journal;
    private final Deliveries deliveries;
    private final Clock clock;

    StoredRegister(
            JdbcClient jdbc,
            AccessDecisions decisions,
            Records records,
            Relationships relationships,
            Partnerships partnerships,
            PersonIndex index,
            RegisterJournal journal,
            Deliveries deliveries,
            Clock clock) {
        this.jdbc = jdbc;
        this.decisions = decisions;
        this.records = records;
        this.relationships = relationships;
        this.partnerships = partnerships;
        this.index = index;
        this.journal = journal;
        this.deliveries = deliveries;
        this.clock = clock;
    }

    // ---------------------------------------------------------------------------------------------------------------
    // The child protection register

    @Override
    @Transactional
    public Registration register(Requester requester, RegistrationDraft draft) {
        if (draft == null) {
            throw new RegisterRefused("there is no registration to make");
        }
        PartnershipSnapshot snapshot = partnerships.current();
        Partnership partnership = snapshot.partnership();
        Acting acting = acting(requester, partnership, Purpose.CHILD_PROTECTION);
        Instant now = now();
        LocalDate today = day(now);
        notAfter(draft.registeredOn(), today, "a registration cannot be dated after today");
        PersonId subject = inIndex(draft.person());
        Lead lead = lead(partnership, acting.agency(), draft.leadSocialWorker(), draft.team());
        String activeSubject = draft.preBirth() ? "mother:" + subject.value() : subject.value();
        if (activeRegistration(activeSubject)) {
            throw new RegisterRefused(
                    draft.preBirth()
                            ? "an unborn child of this mother is on the child protection register already"
                            : "the child is on the child protection register already");
        }
        KeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("insert into protection_registration (child_id, mother_id, expected_birth, owner, status,"
                        + " registered_on, categories, lead_social_worker, team, next_review, active_subject, version,"
                        + " created_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?)")
                .params(
                        draft.preBirth() ? null : subject.value(),
                        draft.preBirth() ? subject.value() : null,
                        RegisterRows.date(draft.expectedBirth()),
                        acting.agency().value(),
                        RegistrationStatus.REGISTERED.code(),
                        RegisterRows.date(draft.registeredOn()),
                        RegisterRows.concerns(draft.concerns()),
                        lead.account().username().value(),
                        lead.team().id().value(),
                        RegisterRows.date(draft.nextReview()),
                        activeSubject,
                        RegisterRows.timestamp(now))
                .update(key, "id");
        RegistrationId id = new RegistrationId(key.getKeyAs(Number.class).longValue());
        requireAllowed(decide(requester, Action.CREATE, subject, registrationItem(id, acting.agency())));

        RecordItem flag = records.add(requester, subject, ItemDraft.of(flag(lead, draft)));
        Actor actor = acting.actor(snapshot.version());
        Relationship relationship = leadRelationship(subject, lead, id, today, actor);
        jdbc.sql("update protection_registration set flag_item_id = ?, relationship_id = ? where id = ?")
                .params(flag.id().value(), relationship.id().value(), id.value())
                .update();
        step(
                id,
                1,
                RegistrationStep.Kind.REGISTERED,
                draft.registeredOn(),
                draft.nextReview(),
                draft,
                lead,
                null,
                null,
                acting,
                now);
        return changed(id, RegistrationStep.Kind.REGISTERED, "register", actor, acting, now);
    }

    @Override
    @Transactional
    public Registration review(
            Requester requester, RegistrationId id, int expectedVersion, LocalDate reviewedOn, LocalDate nextReview) {
        PartnershipSnapshot snapshot = partnerships.current();
        Acting acting = acting(requester, snapshot.partnership(), Purpose.CHILD_PROTECTION);
        Instant now = now();
        Row row = lockActive(id, expectedVersion);
        if (reviewedOn == null || nextReview == null) {
            throw new RegisterRefused("a review needs the day of the review meeting and the date of the next review");
        }
        notAfter(reviewedOn, day(now), "a review cannot be dated after today");
        if (reviewedOn.isBefore(row.registeredOn())) {
            throw new RegisterRefused("a review cannot come before the registration");
        }
        if (!nextReview.isAfter(reviewedOn) || nextReview.isAfter(reviewedOn.plusMonths(6))) {
            throw new RegisterRefused("the next review comes after this one and within six months of it");
        }
        requireAllowed(decide(requester, Action.UPDATE, row.subject(), registrationItem(id, row.owner())));
        int version = bump(row, "next_review = ?", RegisterRows.date(nextReview));
        step(id, version, RegistrationStep.Kind.REVIEWED, reviewedOn, nextReview, null, null, null, null, acting, now);
        return changed(id, RegistrationStep.Kind.REVIEWED, "review", acting.actor(snapshot.version()), acting, now);
    }

    @Override
    @Transactional
    public Registration linkBirth(
            Requester requester, RegistrationId id, int expectedVersion, PersonId child, LocalDate born) {
        PartnershipSnapshot snapshot = partnerships.current();
        Partnership partnership = snapshot.partnership();
        Acting acting = acting(requester, partnership, Purpose.CHILD_PROTECTION);
        Instant now = now();
        LocalDate today = day(now);
        Row row = lockActive(id, expectedVersion);
        if (row.child() != null) {
            throw new RegisterRefused(id.reference() + " is a registration of a child already born");
        }
        if (born == null) {
            throw new RegisterRefused("linking the birth needs the day the child was born");
        }
        notAfter(born, today, "a birth cannot be dated after today");
        PersonId newborn = inIndex(child);
        if (newborn.equals(row.mother())) {
            throw new RegisterRefused("the child must be a person of their own, not the mother");
        }
        if (activeRegistration(newborn.value())) {
            throw new RegisterRefused("the child is on the child protection register already");
        }
        requireAllowed(decide(requester, Action.UPDATE, row.mother(), registrationItem(id, row.owner())));
        requireAllowed(decide(requester, Action.CREATE, newborn, registrationItem(id, row.owner())));
        Actor actor = acting.actor(snapshot.version());
        endFlag(requester, row.flag(), FLAG_MOVED);
        Lead lead = new Lead(
                partnership
                        .staff(row.lead())
                        .orElseThrow(
                                () -> new RegisterRefused(
                                        "the lead social worker is no longer a staff account of the partnership; name a new lead")),
                partnership
                        .team(row.team())
                        .orElseThrow(() -> new RegisterRefused(
                                "the lead social worker's team is no longer in the partnership; name a new lead")));
        RecordItem flag = records.add(requester, newborn, ItemDraft.of(flag(lead, row.registeredOn(), null)));
        if (row.relationship() != null) {
            relationships.end(row.relationship(), today, actor);
        }
        Relationship relationship = leadRelationship(newborn, lead, id, today, actor);
        int version = bump(
                row,
                "child_id = ?, flag_item_id = ?, relationship_id = ?, active_subject = ?",
                newborn.value(),
                flag.id().value(),
                relationship.id().value(),
                newborn.value());
        step(id, version, RegistrationStep.Kind.BORN, born, null, null, null, newborn, null, acting, now);
        return changed(id, RegistrationStep.Kind.BORN, "link-birth", actor, acting, now);
    }

    @Override
    @Transactional
    public Registration changeLead(
            Requester requester, RegistrationId id, int expectedVersion, Username lead, TeamId team, LocalDate on) {
        PartnershipSnapshot snapshot = partnerships.current();
        Partnership partnership = snapshot.partnership();
        Acting acting = acting(requester, partnership, Purpose.CHILD_PROTECTION);
        Instant now = now();
        Row row = lockActive(id, expectedVersion);
        if (lead == null || team == null || on == null) {
            throw new RegisterRefused(
                    "a change of lead needs the new lead social worker, their team and the day it takes effect");
        }
        if (lead.equals(row.lead()) && team.equals(row.team())) {
            throw new RegisterRefused(
                    id.reference() + " has that lead social worker in that team already; there is nothing to change");
        }
        notAfter(on, day(now), "a change of lead cannot be dated after today");
        if (on.isBefore(row.registeredOn())) {
            throw new RegisterRefused("a change of lead cannot come before the registration");
        }
        Lead next = lead(partnership, row.owner(), lead, team);
        // The old relationship ends on the day, which cannot come before it began (registration starts it the day
        // the registration is recorded, which may be after the planning meeting).
        Optional<LocalDate> began = relationships.of(row.subject()).stream()
                .filter(current -> current.id().equals(row.relationship()))
                .map(Relationship::start)
                .findFirst();
        if (began.isPresent() && on.isBefore(began.get())) {
            throw new RegisterRefused(
                    "a change of lead cannot come before the current lead's relationship with the child began");
        }
        requireAllowed(decide(requester, Action.UPDATE, row.subject(), registrationItem(id, row.owner())));
        Actor actor = acting.actor(snapshot.version());
        nameOnFlag(requester, row.flag(), next);
        if (row.relationship() != null) {
            relationships.end(row.relationship(), on, actor);
        }
        Relationship relationship = leadRelationship(row.subject(), next, id, on, actor);
        int version = bump(
                row,
                "lead_social_worker = ?, team = ?, relationship_id = ?",
                next.account().username().value(),
                next.team().id().value(),
                relationship.id().value());
        step(id, version, RegistrationStep.Kind.LEAD_CHANGED, on, null, null, next, null, null, acting, now);
        // The new lead's team learns at once that the child is theirs, as it learns of an attendance: ids only, the
        // flag as the focus, read through the hub.
        deliveries.send(
                new Notification(LEAD_CHANGED_TOPIC, "Flag/" + row.flag().reference(), row.subject(), "protection"),
                List.of(Receiver.team(row.owner(), next.team().id())));
        return changed(id, RegistrationStep.Kind.LEAD_CHANGED, "change-lead", actor, acting, now);
    }

    @Override
    @Transactional
    public Registration deregister(
            Requester requester, RegistrationId id, int expectedVersion, LocalDate on, String reason) {
        PartnershipSnapshot snapshot = partnerships.current();
        Acting acting = acting(requester, snapshot.partnership(), Purpose.CHILD_PROTECTION);
        Instant now = now();
        Row row = lockActive(id, expectedVersion);
        if (on == null) {
            throw new RegisterRefused("de-registration needs the day it was decided");
        }
        notAfter(on, day(now), "a de-registration cannot be dated after today");
        if (on.isBefore(row.registeredOn())) {
            throw new RegisterRefused("a de-registration cannot come before the registration");
        }
        String why = reason == null ? "" : reason.strip();
        if (why.isEmpty() || why.length() > 2_000) {
            throw new RegisterRefused("de-registration needs its reason, at most 2,000 characters");
        }
        requireAllowed(decide(requester, Action.UPDATE, row.subject(), registrationItem(id, row.owner())));
        Actor actor = acting.actor(snapshot.version());
        endFlag(requester, row.flag(), FLAG_ENDED);
        if (row.relationship() != null) {
            relationships.end(row.relationship(), day(now), actor);
        }
        int version = bump(
                row,
                "status = ?, deregistered_on = ?, active_subject = null",
                RegistrationStatus.DEREGISTERED.code(),
                RegisterRows.date(on));
        step(id, version, RegistrationStep.Kind.DEREGISTERED, on, null, null, null, null, why, acting, now);
        return changed(id, RegistrationStep.Kind.DEREGISTERED, "deregister", actor, acting, now);
    }

    @Override
    public boolean keeps(Requester requester) {
        try {
            acting(requester, partnerships.current().partnership(), Purpose.CHILD_PROTECTION);
            return true;
        } catch (RegisterKeeperRefused notAKeeper) {
            return false;
        }
    }

    @Override
    @Transactional
    public Optional<Registration> registration(Requester requester, RegistrationId id) {
        if (id == null) {
            return Optional.empty();
        }
        Optional<Row> row = load(id, false);
        if (row.isEmpty()) {
            logNobody(requester);
            return Optional.empty();
        }
        boolean allowed = decide(
                        requester,
                        Action.READ,
                        row.get().subject(),
                        registrationItem(id, row.get().owner()))
                .allowed();
        return allowed ? Optional.of(view(row.get())) : Optional.empty();
    }

    @Override
    @Transactional
    public List<Registration> registrationsOf(Requester requester, PersonId person) {
        if (person == null) {
            throw new RegisterRefused("name the person whose registrations to list");
        }
        // A person merged into another: the registrations under either id are the person's while the merge holds.
        List<PersonId> persons = index.idsNow(person);
        String marks = Placeholders.marks(persons.size());
        List<Object> params = new ArrayList<>(Placeholders.ids(persons));
        params.addAll(Placeholders.ids(persons));
        List<Row> rows = jdbc.sql(RegisterRows.REGISTRATION + " where child_id in (" + marks
                        + ") or (child_id is null and mother_id in (" + marks + ")) order by id desc")
                .params(params)
                .query(StoredRegister::row)
                .list();
        return visible(requester, person, rows, row -> registrationItem(row.id(), row.owner()), this::view);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Looked-after children

    @Override
    @Transactional
    public LookedAfterPeriod startLookedAfter(
            Requester requester, PersonId child, LookedAfterBasis basis, LocalDate start) {
        PartnershipSnapshot snapshot = partnerships.current();
        Acting acting = acting(requester, snapshot.partnership(), Purpose.CHILD_PROTECTION);
        Instant now = now();
        if (basis == null || start == null) {
            throw new RegisterRefused("a looked-after period needs its legal basis and its first day");
        }
        notAfter(start, day(now), "a looked-after period cannot start after today");
        PersonId person = inIndex(child);
        boolean current =
                jdbc.sql("select count(*) from protection_looked_after where person_id = ? and end_day is null")
                                .param(person.value())
                                .query(Long.class)
                                .single()
                        > 0;
        if (current) {
            throw new RegisterRefused("the child is looked after already: end that period before starting another");
        }
        KeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("insert into protection_looked_after (person_id, owner, basis, start_day, started_by, started_at)"
                        + " values (?, ?, ?, ?, ?, ?)")
                .params(
                        person.value(),
                        acting.agency().value(),
                        basis.code(),
                        RegisterRows.date(start),
                        acting.account().username().value(),
                        RegisterRows.timestamp(now))
                .update(key, "id");
        LookedAfterId id = new LookedAfterId(key.getKeyAs(Number.class).longValue());
        requireAllowed(decide(requester, Action.CREATE, person, lookedAfterItem(id, acting.agency())));
        journal.record(
                new LookedAfterChanged(id, person, basis, false, now),
                now,
                acting.actor(snapshot.version()),
                "start-looked-after",
                Category.PROTECTION.code(),
                List.of(id.reference(), "basis:" + basis.code()),
                null,
                person,
                acting.purpose().code());
        return lookedAfterRow(id, false).orElseThrow();
    }

    @Override
    @Transactional
    public LookedAfterPeriod endLookedAfter(Requester requester, LookedAfterId id, LocalDate end) {
        PartnershipSnapshot snapshot = partnerships.current();
        Acting acting = acting(requester, snapshot.partnership(), Purpose.CHILD_PROTECTION);
        Instant now = now();
        if (id == null) {
            throw new RegisterRefused("name the looked-after period to end");
        }
        LookedAfterPeriod period = lookedAfterRow(id, true)
                .orElseThrow(() -> new RegisterRefused("there is no looked-after period " + id.reference()));
        if (!period.current()) {
            throw new RegisterRefused(id.reference() + " has ended already");
        }
        if (end == null || end.isBefore(period.start())) {
            throw new RegisterRefused("a looked-after period ends on a day on or after its first");
        }
        notAfter(end, day(now), "a looked-after period cannot end after today");
        requireAllowed(decide(requester, Action.UPDATE, period.child(), lookedAfterItem(id, period.owner())));
        jdbc.sql("update protection_looked_after set end_day = ?, ended_by = ?, ended_at = ? where id = ?")
                .params(
                        RegisterRows.date(end),
                        acting.account().username().value(),
                        RegisterRows.timestamp(now),
                        id.value())
                .update();
        journal.record(
                new LookedAfterChanged(id, period.child(), period.basis(), true, now),
                now,
                acting.actor(snapshot.version()),
                "end-looked-after",
                Category.PROTECTION.code(),
                List.of(id.reference(), "basis:" + period.basis().code()),
                null,
                period.child(),
                acting.purpose().code());
        return lookedAfterRow(id, false).orElseThrow();
    }

    @Override
    @Transactional
    public List<LookedAfterPeriod> lookedAfter(Requester requester, PersonId child) {
        if (child == null) {
            throw new RegisterRefused("name the child whose looked-after periods to list");
        }
        List<PersonId> persons = index.idsNow(child);
        List<LookedAfterPeriod> periods = jdbc.sql(RegisterRows.LOOKED_AFTER + " where person_id in ("
                        + Placeholders.marks(persons.size()) + ") order by id desc")
                .params(Placeholders.ids(persons))
                .query(RegisterRows::lookedAfter)
                .list();
        return visible(
                requester, child, periods, period -> lookedAfterItem(period.id(), period.owner()), period -> period);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Adults at risk

    @Override
    @Transactional
    public AdultAtRiskCase openInquiry(Requester requester, PersonId adult, TeamId team, LocalDate on) {
        PartnershipSnapshot snapshot = partnerships.current();
        Partnership partnership = snapshot.partnership();
        Acting acting = acting(requester, partnership, Purpose.ADULT_PROTECTION);
        Instant now = now();
        if (team == null || on == null) {
            throw new RegisterRefused("an inquiry needs the team that makes it and the day it was opened");
        }
        notAfter(on, day(now), "an inquiry cannot be opened after today");
        Team making = partnership
                .team(team)
                .filter(found -> found.agency().equals(acting.agency()))
                .orElseThrow(() -> new RegisterRefused(
                        "'" + team + "' is not a team of " + acting.agency().value()));
        PersonId person = inIndex(adult);
        boolean open = jdbc.sql("select count(*) from protection_adult_at_risk where person_id = ? and stage <> ?")
                        .params(person.value(), AdultAtRiskStage.CLOSED.code())
                        .query(Long.class)
                        .single()
                > 0;
        if (open) {
            throw new RegisterRefused("the adult has an open adult support and protection case already");
        }
        KeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("insert into protection_adult_at_risk (person_id, owner, team, stage, opened_on, version, created_at)"
                        + " values (?, ?, ?, ?, ?, 1, ?)")
                .params(
                        person.value(),
                        acting.agency().value(),
                        making.id().value(),
                        AdultAtRiskStage.INQUIRY.code(),
                        RegisterRows.date(on),
                        RegisterRows.timestamp(now))
                .update(key, "id");
        AdultAtRiskId id = new AdultAtRiskId(key.getKeyAs(Number.class).longValue());
        requireAllowed(decide(requester, Action.CREATE, person, adultItem(id, acting.agency())));
        adultStep(id, 1, AdultAtRiskStage.INQUIRY, on, acting, now);
        return adultChanged(id, 1, AdultAtRiskStage.INQUIRY, "open-inquiry", acting, snapshot, now);
    }

    @Override
    @Transactional
    public AdultAtRiskCase advance(
            Requester requester, AdultAtRiskId id, int expectedVersion, AdultAtRiskStage stage, LocalDate on) {
        PartnershipSnapshot snapshot = partnerships.current();
        Acting acting = acting(requester, snapshot.partnership(), Purpose.ADULT_PROTECTION);
        Instant now = now();
        if (id == null || stage == null || on == null) {
            throw new RegisterRefused("moving a case needs the case, the stage it reaches and the day");
        }
        AdultAtRiskCase found =
                adultCase(id, true).orElseThrow(() -> new RegisterRefused("there is no adult at risk case " + id));
        if (!found.open()) {
            throw new RegisterRefused(id.reference() + " is closed");
        }
        if (found.version() != expectedVersion) {
            throw new RegisterRefused(id.reference() + " has changed since version " + expectedVersion
                    + "; it is at version " + found.version());
        }
        if (stage != AdultAtRiskStage.CLOSED && stage.ordinal() <= found.stage().ordinal()) {
            throw new RegisterRefused(
                    "a case moves forward: from " + found.stage().code() + " it cannot go to " + stage.code());
        }
        LocalDate last = found.history().get(found.history().size() - 1).on();
        if (on.isBefore(last)) {
            throw new RegisterRefused("a stage cannot be dated before the stage before it");
        }
        notAfter(on, day(now), "a stage cannot be dated after today");
        requireAllowed(decide(requester, Action.UPDATE, found.adult(), adultItem(id, found.owner())));
        int version = found.version() + 1;
        jdbc.sql("update protection_adult_at_risk set stage = ?, version = ? where id = ?")
                .params(stage.code(), version, id.value())
                .update();
        adultStep(id, version, stage, on, acting, now);
        return adultChanged(id, version, stage, "advance", acting, snapshot, now);
    }

    @Override
    @Transactional
    public List<AdultAtRiskCase> adultAtRiskCasesOf(Requester requester, PersonId adult) {
        if (adult == null) {
            throw new RegisterRefused("name the adult whose cases to list");
        }
        List<PersonId> persons = index.idsNow(adult);
        List<Long> ids = jdbc.sql("select id from protection_adult_at_risk where person_id in ("
                        + Placeholders.marks(persons.size()) + ") order by id desc")
                .params(Placeholders.ids(persons))
                .query(Long.class)
                .list();
        List<AdultAtRiskCase> cases = ids.stream()
                .map(id -> adultCase(new AdultAtRiskId(id), false).orElseThrow())
                .toList();
        return visible(requester, adult, cases, found -> adultItem(found.id(), found.owner()), found -> found);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // The registration's rows

    /** A registration as its row stands; {@code subject} is the person whose record carries it. */
    record Row(
            RegistrationId id,
            PersonId child,
            PersonId mother,
            LocalDate expectedBirth,
            AgencyId owner,
            RegistrationStatus status,
            LocalDate registeredOn,
            String concerns,
            Username lead,
            TeamId team,
            LocalDate nextReview,
            LocalDate deregisteredOn,
            RecordItemId flag,
            RelationshipId relationship,
            int version) {

        PersonId subject() {
            return child != null ? child : mother;
        }
    }

    private static Row row(ResultSet row, int number) throws SQLException {
        String child = row.getString("child_id");
        String mother = row.getString("mother_id");
        Long flag = row.getObject("flag_item_id", Long.class);
        Long relationship = row.getObject("relationship_id", Long.class);
        return new Row(
                new RegistrationId(row.getLong("id")),
                child == null ? null : PersonId.of(child),
                mother == null ? null : PersonId.of(mother),
                RegisterRows.day(row.getDate("expected_birth")),
                AgencyId.of(row.getString("owner")),
                RegistrationStatus.fromCode(row.getString("status")),
                RegisterRows.day(row.getDate("registered_on")),
                row.getString("categories"),
                Username.of(row.getString("lead_social_worker")),
                TeamId.of(row.getString("team")),
                RegisterRows.day(row.getDate("next_review")),
                RegisterRows.day(row.getDate("deregistered_on")),
                flag == null ? null : new RecordItemId(flag),
                relationship == null ? null : new RelationshipId(relationship),
                row.getInt("version"));
    }

    private Optional<Row> load(RegistrationId id, boolean forUpdate) {
        return jdbc.sql(RegisterRows.REGISTRATION + " where id = ?" + (forUpdate ? " for update" : ""))
                .param(id.value())
                .query(StoredRegister::row)
                .optional();
    }

    private Row lockActive(RegistrationId id, int expectedVersion) {
        if (id == null) {
            throw new RegisterRefused("name the registration");
        }
        Row row = load(id, true).orElseThrow(() -> new RegisterRefused("there is no registration " + id.reference()));
        if (row.status() != RegistrationStatus.REGISTERED) {
            throw new RegisterRefused(
                    "the child of " + id.reference() + " is not on the register: it ended on " + row.deregisteredOn());
        }
        if (row.version() != expectedVersion) {
            throw new RegisterRefused(id.reference() + " has changed since version " + expectedVersion
                    + "; it is at version " + row.version());
        }
        return row;
    }

    private boolean activeRegistration(String activeSubject) {
        return jdbc.sql("select count(*) from protection_registration where active_subject = ?")
                        .param(activeSubject)
                        .query(Long.class)
                        .single()
                > 0;
    }

    /** Sets the columns and the next version, under the row lock taken by {@link #lockActive}. */
    private int bump(Row row, String assignments, Object... values) {
        int version = row.version() + 1;
        List<Object> params = new ArrayList<>(List.of(values));
        params.add(version);
        params.add(row.id().value());
        jdbc.sql("update protection_registration set " + assignments + ", version = ? where id = ?")
                .params(params)
                .update();
        return version;
    }

    private void step(
            RegistrationId id,
            int version,
            RegistrationStep.Kind kind,
            LocalDate on,
            LocalDate nextReview,
            RegistrationDraft draft,
            Lead lead,
            PersonId child,
            String reason,
            Acting acting,
            Instant at) {
        jdbc.sql("insert into protection_registration_step (registration_id, version, step, on_day, next_review,"
                        + " categories, lead_social_worker, team, child_id, reason, by_user, by_agency, at)"
                        + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(
                        id.value(),
                        version,
                        kind.code(),
                        RegisterRows.date(on),
                        RegisterRows.date(nextReview),
                        draft == null ? null : RegisterRows.concerns(draft.concerns()),
                        lead == null ? null : lead.account().username().value(),
                        lead == null ? null : lead.team().id().value(),
                        child == null ? null : child.value(),
                        reason,
                        acting.account().username().value(),
                        acting.agency().value(),
                        RegisterRows.timestamp(at))
                .update();
    }

    /** Logs and publishes the change, then answers the registration as it now stands. */
    private Registration changed(
            RegistrationId id, RegistrationStep.Kind kind, String verb, Actor actor, Acting acting, Instant at) {
        Registration now = view(load(id, false).orElseThrow());
        journal.record(
                new RegistrationChanged(id, now.subject(), kind, now.status(), now.version(), now.team(), at),
                at,
                actor,
                verb,
                Category.PROTECTION.code(),
                List.of(
                        id.reference(),
                        "status:" + now.status().code(),
                        "version-" + now.version(),
                        now.flag().reference()),
                now.team().value(),
                now.subject(),
                acting.purpose().code());
        return now;
    }

    private Registration view(Row row) {
        List<RegistrationStep> history = jdbc.sql(RegisterRows.STEP + " where registration_id = ? order by version")
                .param(row.id().value())
                .query(RegisterRows::step)
                .list();
        return new Registration(
                row.id(),
                row.child(),
                row.mother(),
                row.expectedBirth(),
                row.owner(),
                row.status(),
                row.registeredOn(),
                RegisterRows.concerns(row.concerns()),
                row.lead(),
                row.team(),
                row.nextReview(),
                row.deregisteredOn(),
                row.flag(),
                row.version(),
                history);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // The flag and the lead social worker

    /** The lead social worker and the team the flag names. */
    record Lead(StaffAccount account, Team team) {}

    /**
     * The lead must be an active member of the named team, with a protection role, and the team one of the agency
     * that keeps the registration: the register is the local authority's, kept by its own social workers.
     */
    private static Lead lead(Partnership partnership, AgencyId keeper, Username lead, TeamId teamId) {
        Team team = partnership
                .team(teamId)
                .filter(found -> found.agency().equals(keeper))
                .orElseThrow(() -> new RegisterRefused(
                        "'" + teamId + "' is not a team of " + keeper.value() + ", which keeps the register"));
        StaffAccount account = partnership
                .staff(lead)
                .filter(partnership::isActiveMember)
                .orElseThrow(() -> new RegisterRefused(
                        "the lead social worker '" + lead.value() + "' is not an active staff account"));
        if (!account.teams().contains(teamId)) {
            throw new RegisterRefused(
                    "the lead social worker '" + lead.value() + "' is not a member of the team '" + teamId + "'");
        }
        if (partnership.rolesOf(account).stream().noneMatch(role -> role.hasDuty(Duty.PROTECTION))) {
            throw new RegisterRefused(
                    "the lead social worker '" + lead.value() + "' holds no role with protection duties");
        }
        if (team.contact().isEmpty()) {
            throw new RegisterRefused("the team '" + teamId + "' has no phone or mailbox in the partnership file, and"
                    + " the child protection flag must say how to reach the lead social worker");
        }
        return new Lead(account, team);
    }

    private static Alert flag(Lead lead, RegistrationDraft draft) {
        return flag(lead, draft.registeredOn(), draft.expectedBirth());
    }

    private static Alert flag(Lead lead, LocalDate registeredOn, LocalDate expectedBirth) {
        String text = expectedBirth == null
                ? "On the child protection register since " + registeredOn + ". Tell the lead social worker of any"
                        + " attendance, injury or concern before the child leaves."
                : "An unborn child (expected " + expectedBirth + ") is on the child protection register since "
                        + registeredOn + ". Tell the lead social worker at once of the birth or any attendance.";
        return new Alert(AlertType.CHILD_PROTECTION, text, contact(lead));
    }

    private static AlertContact contact(Lead lead) {
        return new AlertContact(
                lead.account().displayName(),
                lead.account().username(),
                lead.team().id(),
                lead.team().name() + ": " + lead.team().contact().orElseThrow());
    }

    /**
     * Names the new lead on the flag with a new version of its alert, its words kept; one already ended (by hand, in
     * the record) stays as it is, as {@link #endFlag} leaves it.
     */
    private void nameOnFlag(Requester requester, RecordItemId flag, Lead lead) {
        if (flag == null) {
            return;
        }
        records.item(requester, flag)
                .filter(view -> view.item().status() == ItemStatus.ACTIVE)
                .ifPresent(view -> {
                    Alert alert = view.item().content(Alert.class);
                    records.correct(
                            requester,
                            flag,
                            view.item().version(),
                            new Alert(alert.type(), alert.text(), contact(lead)),
                            FLAG_NEW_LEAD);
                });
    }

    /** Ends the flag with a new version of its alert; one already ended (by hand, in the record) stays as it is. */
    private void endFlag(Requester requester, RecordItemId flag, String reason) {
        if (flag == null) {
            return;
        }
        records.item(requester, flag)
                .filter(view -> view.item().status() == ItemStatus.ACTIVE)
                .ifPresent(view -> records.end(requester, flag, view.item().version(), reason));
    }

    private Relationship leadRelationship(PersonId person, Lead lead, RegistrationId id, LocalDate from, Actor actor) {
        return relationships.start(
                new RelationshipDraft(
                        person,
                        Holder.staff(lead.account().username()),
                        RelationshipKind.LEAD_PROFESSIONAL,
                        from,
                        null,
                        id.reference()),
                actor);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Looked-after and adult at risk rows

    private Optional<LookedAfterPeriod> lookedAfterRow(LookedAfterId id, boolean forUpdate) {
        return jdbc.sql(RegisterRows.LOOKED_AFTER + " where id = ?" + (forUpdate ? " for update" : ""))
                .param(id.value())
                .query(RegisterRows::lookedAfter)
                .optional();
    }

    private Optional<AdultAtRiskCase> adultCase(AdultAtRiskId id, boolean forUpdate) {
        return jdbc.sql(RegisterRows.ADULT + " where id = ?" + (forUpdate ? " for update" : ""))
                .param(id.value())
                .query((row, number) -> new AdultAtRiskCase(
                        id,
                        PersonId.of(row.getString("person_id")),
                        AgencyId.of(row.getString("owner")),
                        TeamId.of(row.getString("team")),
                        AdultAtRiskStage.fromCode(row.getString("stage")),
                        RegisterRows.day(row.getDate("opened_on")),
                        row.getInt("version"),
                        jdbc.sql(RegisterRows.ADULT_STEP + " where case_id = ? order by version")
                                .param(id.value())
                                .query(RegisterRows::adultStep)
                                .list()))
                .optional();
    }

    private void adultStep(
            AdultAtRiskId id, int version, AdultAtRiskStage stage, LocalDate on, Acting acting, Instant at) {
        jdbc.sql("insert into protection_adult_at_risk_step (case_id, version, stage, on_day, by_user, by_agency, at)"
                        + " values (?, ?, ?, ?, ?, ?, ?)")
                .params(
                        id.value(),
                        version,
                        stage.code(),
                        RegisterRows.date(on),
                        acting.account().username().value(),
                        acting.agency().value(),
                        RegisterRows.timestamp(at))
                .update();
    }

    private AdultAtRiskCase adultChanged(
            AdultAtRiskId id,
            int version,
            AdultAtRiskStage stage,
            String verb,
            Acting acting,
            PartnershipSnapshot snapshot,
            Instant at) {
        AdultAtRiskCase now = adultCase(id, false).orElseThrow();
        journal.record(
                new AdultAtRiskChanged(id, now.adult(), stage, version, at),
                at,
                acting.actor(snapshot.version()),
                verb,
                Category.PROTECTION.code(),
                List.of(id.reference(), "status:" + stage.code(), "version-" + version),
                now.team().value(),
                now.adult(),
                acting.purpose().code());
        return now;
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Deciding

    private static AccessItem registrationItem(RegistrationId id, AgencyId owner) {
        return new AccessItem(id.reference(), Category.PROTECTION, Sensitivity.NORMAL, owner);
    }

    private static AccessItem lookedAfterItem(LookedAfterId id, AgencyId owner) {
        return new AccessItem(id.reference(), Category.PROTECTION, Sensitivity.NORMAL, owner);
    }

    private static AccessItem adultItem(AdultAtRiskId id, AgencyId owner) {
        return new AccessItem(id.reference(), Category.PROTECTION, Sensitivity.NORMAL, owner);
    }

    private AccessDecision decide(Requester requester, Action action, PersonId person, AccessItem item) {
        return decisions.decide(requester, action, person, List.of(item)).get(0);
    }

    private static void requireAllowed(AccessDecision decision) {
        if (!decision.allowed()) {
            throw new AccessRefused(decision);
        }
    }

    /** What the requester may read of one person's entries, decided together and logged before any is returned. */
    private <R, V> List<V> visible(
            Requester requester, PersonId person, List<R> rows, Function<R, AccessItem> item, Function<R, V> view) {
        if (rows.isEmpty()) {
            logNobody(requester);
            return List.of();
        }
        List<AccessDecision> decided = decisions.decide(
                requester, Action.READ, person, rows.stream().map(item).toList());
        List<V> shown = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            if (decided.get(i).allowed()) {
                shown.add(view.apply(rows.get(i)));
            }
        }
        return List.copyOf(shown);
    }

    private void logNobody(Requester requester) {
        decisions.logWithoutPerson(
                requester,
                Action.READ,
                Category.PROTECTION,
                decisions.mayAttempt(requester, Action.READ, Category.PROTECTION));
    }

    private PersonId inIndex(PersonId person) {
        if (person == null) {
            throw new RegisterRefused("name the person");
        }
        // A person merged into another is registered under the person they are now part of.
        return index.personNow(person).orElseThrow(() -> new RegisterRefused("the person is not in the person index"));
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Who acts

    /** A member of staff of a council social work agency, or its system on their behalf, under the needed purpose. */
    record Acting(StaffAccount account, Purpose purpose, List<String> roles) {

        AgencyId agency() {
            return account.agency();
        }

        Actor actor(int configurationVersion) {
            return Actor.staff(account.username(), account.agency(), roles, configurationVersion);
        }
    }

    private static Acting acting(Requester requester, Partnership partnership, Purpose needed) {
        if (requester == null) {
            throw new RegisterKeeperRefused("name who makes the change");
        }
        StaffAccount account = requester
                .actingStaff(partnership)
                .orElseThrow(
                        () -> new RegisterKeeperRefused("the protection register is kept by active members of staff,"
                                + " or by an agency's system on behalf of one of its own"));
        Purpose purpose = requester instanceof Requester.Staff staff
                ? staff.purpose()
                : ((Requester.AgencySystem) requester).purpose();
        if (purpose != needed) {
            throw new RegisterKeeperRefused(
                    "this change is made under the '" + needed.code() + "' purpose, not '" + purpose.code() + "'");
        }
        AgencyType type = partnership.agency(account.agency()).map(Agency::type).orElse(null);
        if (type != AgencyType.COUNCIL_SOCIAL_WORK) {
            throw new RegisterKeeperRefused(
                    "the protection register is kept by the council's social work services, not by "
                            + account.agency().value());
        }
        return new Acting(
                account,
                purpose,
                account.roles().stream().map(role -> role.value()).toList());
    }

    private Instant now() {
        // The log keeps milliseconds; storing the same instant lets a step and its log event be matched exactly.
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    static LocalDate day(Instant instant) {
        return LocalDate.ofInstant(instant, PARTNERSHIP_ZONE);
    }

    private static void notAfter(LocalDate day, LocalDate today, String message) {
        if (day.isAfter(today)) {
            throw new RegisterRefused(message);
        }
    }
}
