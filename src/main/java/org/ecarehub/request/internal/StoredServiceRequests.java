package org.ecarehub.request.internal;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.ecarehub.access.AccessDecision;
import org.ecarehub.access.AccessDecisions;
import org.ecarehub.access.AccessRefused;
import org.ecarehub.access.Holder;
import org.ecarehub.access.Relationship;
import org.ecarehub.access.RelationshipDraft;
import org.ecarehub.access.RelationshipKind;
import org.ecarehub.access.Relationships;
import org.ecarehub.access.Requester;
import org.ecarehub.partnership.Action;
import org.ecarehub.partnership.Agency;
import org.ecarehub.partnership.Category;
import org.ecarehub.partnership.Partnership;
import org.ecarehub.partnership.PartnershipSnapshot;
import org.ecarehub.partnership.Partnerships;
import org.ecarehub.partnership.Purpose;
import org.ecarehub.partnership.StaffAccount;
import org.ecarehub.partnership.Team;
import org.ecarehub.person.Actor;
import org.ecarehub.person.PersonIndex;
import org.ecarehub.request.Equipment;
import org.ecarehub.request.HomecareTask;
import org.ecarehub.request.ServiceRequestDetails;
import org.ecarehub.request.ServiceRequestDraft;
import org.ecarehub.request.ServiceRequestId;
import org.ecarehub.request.ServiceRequestRefused;
import org.ecarehub.request.ServiceRequestStatus;
import org.ecarehub.request.ServiceRequestStatusChanged;
import org.ecarehub.request.ServiceRequestStep;
import org.ecarehub.request.ServiceRequestView;
import org.ecarehub.request.ServiceRequests;
import org.ecarehub.shared.PersonId;
import org.ecarehub.shared.Placeholders;
import org.ecarehub.shared.TeamId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Service requests over {@code service_request} and {@code service_request_step}. Every read and write is decided by
 * the access decision point first; a write then takes the request's row lock, checks the {@link Lifecycle}, stores
 * the step, starts or ends the addressed team's relationship, and logs and publishes the step, all in one
 * transaction.
 */
@Service
class StoredServiceRequests implements ServiceRequests {

    /** The partnership's day starts and ends on Scottish time, whatever the server's clock zone. */
    static final ZoneId PARTNERSHIP_ZONE = ZoneId.of("Europe/London");

    /** The decision rules that do not depend on the request or the person: their refusal reveals nothing. */
    private static final Set<String> RULES_ABOUT_THE_CALLER = Set.of("active", "purpose", "role");

    private final JdbcClient jdbc;
    private final AccessDecisions decisions;
    private final Relationships relationships;
    private final Partnerships partnerships;
    private final RequestJournal journal;
    private final PersonIndex index;
    private final Clock clock;

    StoredServiceRequests(
            JdbcClient jdbc,
            AccessDecisions decisions,
            Relationships relationships,
            Partnerships partnerships,
            RequestJournal journal,
            PersonIndex index,
            Clock clock) {
        this.jdbc = jdbc;
        this.index = index;
        this.decisions = decisions;
        this.relationships = relationships;
        this.partnerships = partnerships;
        this.journal = journal;
        this.clock = clock;
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Writes

    @Override
    @Transactional
    public ServiceRequestView submit(Requester requester, ServiceRequestDraft draft) {
        if (draft == null) {
            throw new ServiceRequestRefused("there is no service request to submit");
        }
        PartnershipSnapshot snapshot = partnerships.current();
        Partnership partnership = snapshot.partnership();
        Acting acting = acting(requester, partnership);
        Team team = partnership
                .team(draft.team())
                .filter(found ->
                        partnership.agency(found.agency()).map(Agency::active).orElse(false))
                .orElseThrow(() -> new ServiceRequestRefused(
                        "'" + draft.team() + "' is not a team of an active agency of the partnership"));
        Instant now = now();
        LocalDate today = day(now);
        if (draft.details() instanceof ServiceRequestDetails.Homecare homecare
                && homecare.startDay().isBefore(today)) {
            throw new ServiceRequestRefused("homecare cannot be asked to start before today (" + today + ")");
        }
        int targetDays = partnership.serviceRequestTargets().daysFor(draft.priority());
        LocalDate dueDay = Lifecycle.dueDay(today, targetDays);
        ServiceRequestId id = insert(draft, acting, now, targetDays, dueDay);
        StoredRequest stored = load(id, false).orElseThrow();

        // The number exists only inside this transaction until the decision allows it; a refusal rolls it back.
        AccessDecision decision = decide(requester, Action.CREATE, stored);
        if (!decision.allowed()) {
            throw new AccessRefused(decision);
        }
        Actor actor = actor(acting, snapshot.version());
        Relationship relationship = relationships.start(
                new RelationshipDraft(
                        stored.person(),
                        Holder.team(team.id()),
                        RelationshipKind.SERVICE_REQUEST,
                        today,
                        null,
                        id.reference()),
                actor);
        jdbc.sql("update service_request set relationship_id = ? where id = ?")
                .params(relationship.id().value(), id.value())
                .update();
        step(id, 1, ServiceRequestStatus.SUBMITTED, now, acting, null, null);
        journal.record(
                new ServiceRequestStatusChanged(
                        id,
                        stored.person(),
                        null,
                        ServiceRequestStatus.SUBMITTED,
                        now,
                        team.id(),
                        acting.account().agency(),
                        1,
                        acting.account().username(),
                        acting.account().agency()),
                actor,
                "submit",
                acting.purpose().code());
        return view(load(id, false).orElseThrow(), today);
    }

    @Override
    @Transactional
    public ServiceRequestView accept(Requester requester, ServiceRequestId id, int expectedVersion) {
        return move(requester, id, expectedVersion, Lifecycle.Step.ACCEPT, null, null);
    }

    @Override
    @Transactional
    public ServiceRequestView decline(Requester requester, ServiceRequestId id, int expectedVersion, String reason) {
        return move(requester, id, expectedVersion, Lifecycle.Step.DECLINE, null, reason);
    }

    @Override
    @Transactional
    public ServiceRequestView schedule(Requester requester, ServiceRequestId id, int expectedVersion, LocalDate day) {
        return move(requester, id, expectedVersion, Lifecycle.Step.SCHEDULE, day, null);
    }

    @Override
    @Transactional
    public ServiceRequestView start(Requester requester, ServiceRequestId id, int expectedVersion) {
        return move(requester, id, expectedVersion, Lifecycle.Step.START, null, null);
    }

    @Override
    @Transactional
    public ServiceRequestView complete(Requester requester, ServiceRequestId id, int expectedVersion) {
        return move(requester, id, expectedVersion, Lifecycle.Step.COMPLETE, null, null);
    }

    @Override
    @Transactional
    public ServiceRequestView cancel(Requester requester, ServiceRequestId id, int expectedVersion) {
        return move(requester, id, expectedVersion, Lifecycle.Step.CANCEL, null, null);
    }

    private ServiceRequestView move(
            Requester requester,
            ServiceRequestId id,
            int expectedVersion,
            Lifecycle.Step step,
            LocalDate scheduledDay,
            String reason) {
        if (id == null) {
            throw new ServiceRequestRefused("name the service request to " + step.verb);
        }
        StoredRequest request = load(id, true).orElseThrow(() -> notFound(id));
        AccessDecision decision = decide(requester, Action.UPDATE, request);
        if (!decision.allowed()) {
            throw refusal(decision, id);
        }
        PartnershipSnapshot snapshot = partnerships.current();
        Acting acting = acting(requester, snapshot.partnership());
        Instant now = now();
        LocalDate today = day(now);
        Lifecycle.check(
                step,
                request.current(),
                new Lifecycle.Member(
                        acting.account().username(), acting.account().teams()),
                expectedVersion,
                scheduledDay,
                reason,
                today);
        int version = request.version() + 1;
        int updated = jdbc.sql("update service_request set status = ?, version = ?,"
                        + " scheduled_day = coalesce(?, scheduled_day) where id = ? and version = ?")
                .params(
                        step.to.code(),
                        version,
                        RequestRows.date(step == Lifecycle.Step.SCHEDULE ? scheduledDay : null),
                        id.value(),
                        request.version())
                .update();
        if (updated != 1) {
            // The row lock makes this unreachable; it stays as the statement of what the lock is for.
            throw new ServiceRequestRefused(id.reference() + " changed while this step was being taken");
        }
        step(
                id,
                version,
                step.to,
                now,
                acting,
                step == Lifecycle.Step.SCHEDULE ? scheduledDay : null,
                step == Lifecycle.Step.DECLINE ? reason.strip() : null);
        Actor actor = actor(acting, snapshot.version());
        if (!step.to.open() && request.relationship() != null) {
            relationships.end(request.relationship(), today, actor);
        }
        journal.record(
                new ServiceRequestStatusChanged(
                        id,
                        request.person(),
                        request.status(),
                        step.to,
                        now,
                        request.team(),
                        request.requestingAgency(),
                        version,
                        acting.account().username(),
                        acting.account().agency()),
                actor,
                step.verb,
                acting.purpose().code());
        return view(load(id, false).orElseThrow(), today);
    }

    private ServiceRequestId insert(
            ServiceRequestDraft draft, Acting acting, Instant now, int targetDays, LocalDate dueDay) {
        ServiceRequestDetails details = draft.details();
        ServiceRequestDetails.Homecare homecare =
                details instanceof ServiceRequestDetails.Homecare found ? found : null;
        ServiceRequestDetails.AidsAndAdaptations aids =
                details instanceof ServiceRequestDetails.AidsAndAdaptations found ? found : null;
        KeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("insert into service_request (person_id, kind, priority, team, requesting_agency, requested_by,"
                        + " requesting_teams, hours_per_week, visits_per_day, tasks, start_day, equipment, assessment, status, version,"
                        + " submitted_at, target_days, due_day) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
                        + " ?, ?, ?)")
                .params(
                        draft.person().value(),
                        details.kind(),
                        draft.priority().code(),
                        draft.team().value(),
                        acting.account().agency().value(),
                        acting.account().username().value(),
                        RequestRows.codes(acting.account().teams(), TeamId::value),
                        homecare == null ? null : homecare.hoursPerWeek(),
                        homecare == null ? null : homecare.visitsPerDay(),
                        homecare == null ? null : RequestRows.codes(homecare.tasks(), HomecareTask::code),
                        homecare == null ? null : RequestRows.date(homecare.startDay()),
                        aids == null ? null : RequestRows.codes(aids.equipment(), Equipment::code),
                        aids == null ? null : aids.assessment(),
                        ServiceRequestStatus.SUBMITTED.code(),
                        1,
                        RequestRows.timestamp(now),
                        targetDays,
                        RequestRows.date(dueDay))
                .update(key, "id");
        return new ServiceRequestId(key.getKeyAs(Number.class).longValue());
    }

    private void step(
            ServiceRequestId id,
            int version,
            ServiceRequestStatus status,
            Instant at,
            Acting acting,
            LocalDate scheduledDay,
            String reason) {
        jdbc.sql("insert into service_request_step (request_id, version, status, at, by_user, by_agency,"
                        + " scheduled_day, reason) values (?, ?, ?, ?, ?, ?, ?, ?)")
                .params(
                        id.value(),
                        version,
                        status.code(),
                        RequestRows.timestamp(at),
                        acting.account().username().value(),
                        acting.account().agency().value(),
                        RequestRows.date(scheduledDay),
                        reason)
                .update();
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Reads

    @Override
    @Transactional
    public Optional<ServiceRequestView> find(Requester requester, ServiceRequestId id) {
        if (id == null) {
            return Optional.empty();
        }
        Optional<StoredRequest> request = load(id, false);
        if (request.isEmpty()) {
            logNobody(requester, Action.READ);
            return Optional.empty();
        }
        if (!decide(requester, Action.READ, request.get()).allowed()) {
            return Optional.empty();
        }
        return Optional.of(view(request.get(), day(now())));
    }

    @Override
    @Transactional
    public List<ServiceRequestView> history(Requester requester, ServiceRequestId id) {
        // Every version is of the same request about the same person: the read's one decision and log entry covers all.
        return find(requester, id).map(RequestVersions::of).orElse(List.of());
    }

    @Override
    @Transactional
    public List<ServiceRequestView> forPerson(Requester requester, PersonId person) {
        return ofPerson(requester, Action.READ, person);
    }

    @Override
    @Transactional
    public List<ServiceRequestView> export(Requester requester, PersonId person) {
        return ofPerson(requester, Action.EXPORT, person);
    }

    private List<ServiceRequestView> ofPerson(Requester requester, Action action, PersonId person) {
        if (person == null) {
            throw new ServiceRequestRefused("name the person whose requests to list");
        }
        // A person merged into another: the requests about either are the person's while the merge is in force.
        List<PersonId> ids = index.idsNow(person);
        List<StoredRequest> requests = jdbc.sql(
                        RequestRows.REQUEST + " where person_id in (" + marks(ids.size()) + ") order by id desc")
                .params(Placeholders.ids(ids))
                .query(RequestRows::request)
                .list();
        return visible(
                requester,
                action,
                requests,
                Comparator.comparing(ServiceRequestView::submittedAt)
                        .reversed()
                        .thenComparing(view -> -view.id().value()));
    }

    @Override
    @Transactional
    public List<ServiceRequestView> forMyTeams(Requester requester) {
        Acting acting = actingForList(requester);
        List<TeamId> teams = acting.account().teams();
        if (teams.isEmpty()) {
            logNobody(requester, Action.READ);
            return List.of();
        }
        List<Object> params = new ArrayList<>(teams.stream().map(TeamId::value).toList());
        params.addAll(openCodes());
        List<StoredRequest> requests = jdbc.sql(RequestRows.REQUEST + " where team in (" + marks(teams.size())
                        + ") and status in (" + marks(openCodes().size()) + ")")
                .params(params)
                .query(RequestRows::request)
                .list();
        return visible(
                requester,
                Action.READ,
                requests,
                Comparator.comparing((ServiceRequestView view) -> !view.overdue())
                        .thenComparing(ServiceRequestView::submittedAt)
                        .thenComparing(view -> view.id().value()));
    }

    @Override
    @Transactional
    public List<ServiceRequestView> overdue(Requester requester) {
        Acting acting = actingForList(requester);
        LocalDate today = day(now());
        List<Object> params = new ArrayList<>(openCodes());
        params.add(RequestRows.date(today));
        params.add(acting.account().agency().value());
        StringBuilder concerning = new StringBuilder("requesting_agency = ?");
        if (!acting.account().teams().isEmpty()) {
            concerning
                    .append(" or team in (")
                    .append(marks(acting.account().teams().size()))
                    .append(")");
            acting.account().teams().forEach(team -> params.add(team.value()));
        }
        List<StoredRequest> requests = jdbc.sql(RequestRows.REQUEST + " where status in ("
                        + marks(openCodes().size()) + ") and due_day < ? and (" + concerning + ")")
                .params(params)
                .query(RequestRows::request)
                .list();
        return visible(
                requester,
                Action.READ,
                requests,
                Comparator.comparing(ServiceRequestView::submittedAt)
                        .thenComparing(view -> view.id().value()));
    }

    /**
     * The requests the requester may read, each person's decided together and logged before any is returned; one
     * entry without a person when there was nobody to decide about.
     */
    private List<ServiceRequestView> visible(
            Requester requester, Action action, List<StoredRequest> requests, Comparator<ServiceRequestView> order) {
        if (requests.isEmpty()) {
            logNobody(requester, action);
            return List.of();
        }
        Map<PersonId, List<StoredRequest>> byPerson = requests.stream()
                .collect(Collectors.groupingBy(StoredRequest::person, LinkedHashMap::new, Collectors.toList()));
        LocalDate today = day(now());
        List<ServiceRequestView> views = new ArrayList<>();
        byPerson.forEach((person, theirs) -> {
            List<AccessDecision> decided = decisions.decide(
                    requester,
                    action,
                    person,
                    theirs.stream().map(StoredRequest::item).toList());
            for (int i = 0; i < theirs.size(); i++) {
                if (decided.get(i).allowed()) {
                    views.add(view(theirs.get(i), today));
                }
            }
        });
        views.sort(order);
        return List.copyOf(views);
    }

    /** A list read needs a member of staff whose roles may read requests at all; refused and logged otherwise. */
    private Acting actingForList(Requester requester) {
        AccessDecision attempt = decisions.mayAttempt(requester, Action.READ, Category.SERVICE_REQUEST);
        if (!attempt.allowed()) {
            decisions.logWithoutPerson(requester, Action.READ, Category.SERVICE_REQUEST, attempt);
            throw new AccessRefused(attempt);
        }
        return acting(requester, partnerships.current().partnership());
    }

    private void logNobody(Requester requester, Action action) {
        decisions.logWithoutPerson(
                requester,
                action,
                Category.SERVICE_REQUEST,
                decisions.mayAttempt(requester, action, Category.SERVICE_REQUEST));
    }

    private ServiceRequestView view(StoredRequest request, LocalDate today) {
        List<ServiceRequestStep> history = jdbc
                .sql(RequestRows.STEP + " where request_id = ? order by version")
                .param(request.id().value())
                .query(RequestRows::step)
                .list()
                .stream()
                .map(RequestRows.Step::step)
                .toList();
        return new ServiceRequestView(
                request.id(),
                request.person(),
                request.details(),
                request.priority(),
                request.team(),
                request.requestingAgency(),
                request.requestedBy(),
                request.status(),
                request.version(),
                request.submittedAt(),
                request.dueDay(),
                request.scheduledDay(),
                Lifecycle.overdue(request.status(), request.dueDay(), today),
                history);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Helpers

    private Optional<StoredRequest> load(ServiceRequestId id, boolean forUpdate) {
        return jdbc.sql(RequestRows.REQUEST + " where id = ?" + (forUpdate ? " for update" : ""))
                .param(id.value())
                .query(RequestRows::request)
                .optional();
    }

    private AccessDecision decide(Requester requester, Action action, StoredRequest request) {
        return decisions
                .decide(requester, action, request.person(), List.of(request.item()))
                .get(0);
    }

    /**
     * A refusal by a rule about the caller alone (inactive, purpose, role) says so; any other would tell the caller
     * that the request exists, so it reads as one that does not.
     */
    private static RuntimeException refusal(AccessDecision decision, ServiceRequestId id) {
        return decision.decidingRules().stream().allMatch(RULES_ABOUT_THE_CALLER::contains)
                ? new AccessRefused(decision)
                : notFound(id);
    }

    static ServiceRequestRefused notFound(ServiceRequestId id) {
        return new ServiceRequestRefused("there is no service request " + id.reference() + " that you may see");
    }

    /** Who acts: a member of staff, or an agency's system on behalf of one of its own staff. */
    record Acting(StaffAccount account, Purpose purpose, List<String> roles) {}

    private static Acting acting(Requester requester, Partnership partnership) {
        StaffAccount account = requester
                .actingStaff(partnership)
                .orElseThrow(() -> new ServiceRequestRefused("service requests are submitted and worked by active"
                        + " members of staff, or by an agency's system on behalf of one of its own"));
        Purpose purpose = requester instanceof Requester.Staff staff
                ? staff.purpose()
                : ((Requester.AgencySystem) requester).purpose();
        return new Acting(
                account,
                purpose,
                account.roles().stream().map(role -> role.value()).toList());
    }

    private static Actor actor(Acting acting, int configurationVersion) {
        return Actor.staff(
                acting.account().username(), acting.account().agency(), acting.roles(), configurationVersion);
    }

    private static List<String> openCodes() {
        return java.util.Arrays.stream(ServiceRequestStatus.values())
                .filter(ServiceRequestStatus::open)
                .map(ServiceRequestStatus::code)
                .toList();
    }

    private static String marks(int count) {
        return Placeholders.marks(count);
    }

    private Instant now() {
        // The log keeps milliseconds; storing the same instant lets a step and its log event be matched exactly.
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    private static LocalDate day(Instant instant) {
        return LocalDate.ofInstant(instant, PARTNERSHIP_ZONE);
    }
}
