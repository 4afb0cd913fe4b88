package org.ecarehub.fhir.internal;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IParser;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import org.ecarehub.access.AccessDecisions;
import org.ecarehub.access.CaldicottReview;
import org.ecarehub.access.CaldicottReviews;
import org.ecarehub.access.InvolvementDirectory;
import org.ecarehub.access.Relationship;
import org.ecarehub.access.Requester;
import org.ecarehub.consent.Consent;
import org.ecarehub.identity.ApiCaller;
import org.ecarehub.partnership.Action;
import org.ecarehub.partnership.Category;
import org.ecarehub.partnership.Partnership;
import org.ecarehub.partnership.Partnerships;
import org.ecarehub.partnership.Purpose;
import org.ecarehub.record.ItemView;
import org.ecarehub.record.RecordKind;
import org.ecarehub.record.Records;
import org.ecarehub.record.Summary;
import org.ecarehub.request.ServiceRequestView;
import org.ecarehub.request.ServiceRequests;
import org.ecarehub.shared.AgencyId;
import org.ecarehub.shared.PersonId;
import org.ecarehub.shared.Username;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionOperations;

/**
 * Bulk export jobs (decision 0042), kept in the database so that any node answers a poll or a download: a job runs on
 * the node that accepted it (or, should that node stop first, on the next sweep of any node), decides and logs each
 * person's resources for export through {@link Records#export}, and keeps the NDJSON until the job expires, when the
 * sweep deletes it.
 */
@Component
class ExportJobs implements DisposableBean {

    /** The resource types an export may name, each with the category the roles must be allowed to export. */
    static final Map<String, Category> EXPORTABLE = exportable();

    private static final Map<RecordKind, String> TYPE_OF_KIND = Map.of(
            RecordKind.ALERT, "Flag", RecordKind.CARE_PLAN, "CarePlan", RecordKind.ASSESSMENT, "QuestionnaireResponse");

    /** A job accepted this long ago and not started was left by a node that stopped: any node may run it. */
    private static final Duration ORPHANED = Duration.ofSeconds(30);

    private static final Logger log = LoggerFactory.getLogger(ExportJobs.class);

    private final JdbcClient jdbc;
    private final TransactionOperations transactions;
    private final ObjectProvider<Records> records;
    private final ObjectProvider<CaldicottReviews> reviews;
    private final ObjectProvider<AccessDecisions> decisions;
    private final ObjectProvider<ServiceRequests> requests;
    private final ObjectProvider<InvolvementDirectory> involvements;
    private final Partnerships partnerships;
    private final Clock clock;
    private final Duration keep;
    private final ExecutorService runner;

    ExportJobs(
            JdbcClient jdbc,
            TransactionOperations transactions,
            ObjectProvider<Records> records,
            ObjectProvider<CaldicottReviews> reviews,
            ObjectProvider<AccessDecisions> decisions,
            ObjectProvider<ServiceRequests> requests,
            ObjectProvider<InvolvementDirectory> involvements,
            Partnerships partnerships,
            Clock clock,
            @Value("${ecare.fhir.export.keep:PT1H}") Duration keep) {
        if (keep.isNegative() || keep.isZero()) {
            throw new IllegalArgumentException("ecare.fhir.export.keep must be a positive duration");
        }
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.records = records;
        this.reviews = reviews;
        this.decisions = decisions;
        this.requests = requests;
        this.involvements = involvements;
        this.partnerships = partnerships;
        this.clock = clock;
        this.keep = keep;
        // One export at a time on each node: an export is a background task and must not starve the requests.
        this.runner = Executors.newSingleThreadExecutor(work -> {
            Thread thread = new Thread(work, "fhir-export");
            thread.setDaemon(true);
            return thread;
        });
    }

    private static Map<String, Category> exportable() {
        Map<String, Category> types = new LinkedHashMap<>();
        types.put("Patient", Category.DEMOGRAPHICS);
        types.put("Flag", Category.ALERTS);
        types.put("CarePlan", Category.CARE_PLAN);
        types.put("QuestionnaireResponse", Category.ASSESSMENT);
        types.put("ServiceRequest", Category.SERVICE_REQUEST);
        types.put("CareTeam", Category.CONTACTS);
        // A consent is decided as an item of each category it names; one about them all, as demographics.
        types.put("Consent", Category.DEMOGRAPHICS);
        return Collections.unmodifiableMap(types);
    }

    /** Whether the modules an export reads through are in this hub. */
    boolean available() {
        return records.getIfAvailable() != null
                && reviews.getIfAvailable() != null
                && decisions.getIfAvailable() != null
                && requests.getIfAvailable() != null
                && involvements.getIfAvailable() != null;
    }

    /**
     * Who asked for a job, as the decision point sees them; a job is shown to the same caller only.
     *
     * @param username the staff account, or the one a system acts for; null for a system on its own
     * @param clientId the system's client id; null for staff
     */
    record Owner(String kind, Username username, String clientId, AgencyId agency, Purpose purpose) {

        static Owner of(ApiCaller caller) {
            if (caller instanceof ApiCaller.AgencySystem system) {
                return new Owner(
                        "system",
                        system.actingFor()
                                .map(staff -> staff.account().username())
                                .orElse(null),
                        system.system().clientId(),
                        system.system().agency().id(),
                        system.purpose());
            }
            ApiCaller.Staff staff = (ApiCaller.Staff) caller;
            return new Owner(
                    "staff",
                    staff.caller().account().username(),
                    null,
                    staff.caller().account().agency(),
                    staff.purpose());
        }

        Requester requester() {
            return kind.equals("system")
                    ? new Requester.AgencySystem(agency, clientId, username, purpose, null)
                    : new Requester.Staff(username, purpose, null);
        }

        boolean sameCaller(Owner other) {
            return kind.equals(other.kind)
                    && Objects.equals(username, other.username)
                    && Objects.equals(clientId, other.clientId);
        }
    }

    /** A job as its owner sees it. */
    record Job(
            String id,
            Owner owner,
            String kickOff,
            List<String> types,
            Instant since,
            String status,
            String progress,
            Instant createdAt,
            Instant startedAt,
            Instant expiresAt) {}

    /** One NDJSON file of a complete job. */
    record ExportFile(String resourceType, int count) {}

    /**
     * Accepts a job whose types were checked, and starts it on this node; returns its id.
     *
     * @param kickOff {@code system} or {@code patient}: where the export was asked for
     */
    String start(Owner owner, String kickOff, List<String> types, Instant since) {
        String id = UUID.randomUUID().toString();
        Instant now = clock.instant();
        jdbc.sql(
                        "insert into fhir_export_job (id, caller_kind, username, client_id, agency_id, purpose, kick_off, types,"
                                + " since_at, status, created_at, expires_at)"
                                + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, 'accepted', ?, ?)")
                .params(
                        id,
                        owner.kind(),
                        owner.username() == null ? null : owner.username().value(),
                        owner.clientId(),
                        owner.agency().value(),
                        owner.purpose().code(),
                        kickOff,
                        String.join(",", types),
                        since == null ? null : Timestamp.from(since),
                        Timestamp.from(now),
                        Timestamp.from(now.plus(keep)))
                .update();
        submit(id);
        return id;
    }

    /** The job, when it exists, has not expired and belongs to the caller; else empty, alike for each case. */
    Optional<Job> find(String id, Owner caller) {
        return job(id).filter(job -> job.owner().sameCaller(caller))
                .filter(job -> job.expiresAt().isAfter(clock.instant()));
    }

    List<ExportFile> files(String id) {
        return jdbc.sql("select resource_type, resource_count from fhir_export_file where job_id = ?"
                        + " order by resource_type")
                .param(id)
                .query((row, number) -> new ExportFile(row.getString(1), row.getInt(2)))
                .list();
    }

    /** The NDJSON of one type of the caller's complete job; empty when there is none for them. */
    Optional<String> content(String id, String resourceType, Owner caller) {
        return find(id, caller)
                .filter(job -> job.status().equals("complete"))
                .flatMap(job -> jdbc.sql("select content from fhir_export_file where job_id = ? and resource_type = ?")
                        .params(id, resourceType)
                        .query(String.class)
                        .optional());
    }

    /** Cancels the caller's job and deletes its files; false when they have no such job. */
    boolean cancel(String id, Owner caller) {
        if (find(id, caller).isEmpty()) {
            return false;
        }
        return jdbc.sql("delete from fhir_export_job where id = ?").param(id).update() > 0;
    }

    private Optional<Job> job(String id) {
        return jdbc.sql(
                        "select id, caller_kind, username, client_id, agency_id, purpose, kick_off, types, since_at, status,"
                                + " progress, created_at, started_at, expires_at from fhir_export_job where id = ?")
                .param(id)
                .query(ExportJobs::jobOf)
                .optional();
    }

    private static Job jobOf(ResultSet row, int number) throws SQLException {
        String username = row.getString("username");
        Owner owner = new Owner(
                row.getString("caller_kind"),
                username == null ? null : Username.of(username),
                row.getString("client_id"),
                AgencyId.of(row.getString("agency_id")),
                Purpose.fromCode(row.getString("purpose")).orElseThrow());
        return new Job(
                row.getString("id"),
                owner,
                row.getString("kick_off"),
                Arrays.asList(row.getString("types").split(",")),
                instant(row.getTimestamp("since_at")),
                row.getString("status"),
                row.getString("progress"),
                instant(row.getTimestamp("created_at")),
                instant(row.getTimestamp("started_at")),
                instant(row.getTimestamp("expires_at")));
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }

    private void submit(String id) {
        try {
            runner.execute(() -> run(id));
        } catch (RejectedExecutionException stopping) {
            // The node is stopping: the job stays accepted, and another node's sweep runs it.
            log.info("Export job {} left for another node", id);
        }
    }

    /** Runs the job when no node has started it yet: the update that marks it running lets one node only. */
    void run(String id) {
        int claimed = jdbc.sql("update fhir_export_job set status = 'running', started_at = ? where id = ?"
                        + " and status = 'accepted'")
                .params(Timestamp.from(clock.instant()), id)
                .update();
        if (claimed == 0) {
            return;
        }
        try {
            Optional<Job> job = job(id);
            if (job.isEmpty()) {
                return;
            }
            Map<String, List<String>> lines = export(job.get());
            transactions.executeWithoutResult(status -> complete(id, lines));
        } catch (RuntimeException failed) {
            // The class only: a message could name what the export was about.
            log.warn("Export job {} failed: {}", id, failed.getClass().getName());
            jdbc.sql(
                            "update fhir_export_job set status = 'failed', progress = null where id = ? and status = 'running'")
                    .param(id)
                    .update();
        }
    }

    /**
     * Each person the owner is working a governance task about (POLICY.md rule 6: the only people a governance purpose
     * reaches), decided for export and logged; the resources of the types asked for, one NDJSON line each.
     */
    private Map<String, List<String>> export(Job job) {
        Requester requester = job.owner().requester();
        Map<String, List<String>> lines = new LinkedHashMap<>();
        job.types().forEach(type -> lines.put(type, new ArrayList<>()));
        Set<RecordKind> kinds = EnumSet.noneOf(RecordKind.class);
        TYPE_OF_KIND.forEach((kind, type) -> {
            if (lines.containsKey(type)) {
                kinds.add(kind);
            }
        });
        List<PersonId> people = people(job.owner().username());
        if (people.isEmpty()) {
            // As a search that found nobody: the log says the export was asked for.
            AccessDecisions decided = decisions.getObject();
            decided.logWithoutPerson(
                    requester,
                    Action.EXPORT,
                    Category.DEMOGRAPHICS,
                    decided.mayAttempt(requester, Action.EXPORT, Category.DEMOGRAPHICS));
        }
        var parser = FhirContext.forR4Cached().newJsonParser().setPrettyPrint(false);
        int done = 0;
        for (PersonId person : people) {
            if (!running(job.id())) {
                return lines;
            }
            Summary summary = records.getObject().export(requester, person, kinds);
            List<String> patients = lines.get("Patient");
            if (patients != null) {
                // The person index keeps no change time its facade shows: the Patient is exported whatever _since says.
                summary.person()
                        .ifPresent(view -> patients.add(parser.encodeResourceToString(PatientResources.patient(view))));
            }
            for (ItemView view : summary.record().items()) {
                List<String> ofType = lines.get(TYPE_OF_KIND.get(view.item().kind()));
                if (ofType != null && changedSince(view.item().updated(), job.since())) {
                    ofType.add(parser.encodeResourceToString(resource(view)));
                }
            }
            exportInvolvementsAndRequests(job, requester, person, lines, parser);
            done++;
            jdbc.sql("update fhir_export_job set progress = ? where id = ? and status = 'running'")
                    .params(done + " of " + people.size() + " people", job.id())
                    .update();
        }
        return lines;
    }

    /** The person's service requests, relationships and consents of the types asked for, each through its module. */
    private void exportInvolvementsAndRequests(
            Job job, Requester requester, PersonId person, Map<String, List<String>> lines, IParser parser) {
        Partnership partnership = partnerships.current().partnership();
        LocalDate today = LocalDate.now(clock.withZone(InvolvementProviders.PARTNERSHIP_ZONE));
        Instant since = job.since();
        List<String> serviceRequests = lines.get("ServiceRequest");
        if (serviceRequests != null) {
            for (ServiceRequestView view : requests.getObject().export(requester, person)) {
                Instant changed = view.history().isEmpty()
                        ? view.submittedAt()
                        : view.history().get(view.history().size() - 1).at();
                if (changedSince(changed, since)) {
                    serviceRequests.add(
                            parser.encodeResourceToString(RequestResources.serviceRequest(partnership, view)));
                }
            }
        }
        List<String> careTeams = lines.get("CareTeam");
        if (careTeams != null) {
            for (Relationship relationship : involvements.getObject().exportRelationships(requester, person)) {
                if (relationshipChangedSince(relationship, since)) {
                    careTeams.add(parser.encodeResourceToString(
                            InvolvementResources.careTeam(partnership, relationship, today)));
                }
            }
        }
        List<String> consents = lines.get("Consent");
        if (consents != null) {
            for (Consent consent : involvements.getObject().exportConsents(requester, person)) {
                if (changedSince(consent.recordedAt(), since)) {
                    consents.add(parser.encodeResourceToString(InvolvementResources.consent(consent, today)));
                }
            }
        }
    }

    /** Whether a resource last changed at the time is in an export since the instant (null: everything is). */
    static boolean changedSince(Instant changed, Instant since) {
        return since == null || (changed != null && !changed.isBefore(since));
    }

    /**
     * A relationship changes when it starts (an instant) and when it ends, which is kept as a day only: an ended one
     * counts as changed when its end day is on or after the day, in the partnership's zone, of {@code _since}.
     */
    static boolean relationshipChangedSince(Relationship relationship, Instant since) {
        if (changedSince(relationship.startedAt(), since)) {
            return true;
        }
        return relationship.end() != null
                && !relationship.end().isBefore(LocalDate.ofInstant(since, InvolvementProviders.PARTNERSHIP_ZONE));
    }

    private List<PersonId> people(Username owner) {
        if (owner == null) {
            return List.of();
        }
        return reviews.getObject().openFor(owner).stream()
                .filter(review -> review.state() == CaldicottReview.State.CLAIMED && owner.equals(review.claimedBy()))
                .map(CaldicottReview::person)
                .distinct()
                .toList();
    }

    private static IBaseResource resource(ItemView view) {
        return switch (view.item().kind()) {
            case ALERT -> RecordResources.flag(view);
            case CARE_PLAN -> RecordResources.carePlan(view);
            case ASSESSMENT -> AssessmentResources.response(view);
            default ->
                throw new IllegalStateException(
                        "no FHIR type for " + view.item().kind());
        };
    }

    private boolean running(String id) {
        return jdbc.sql("select count(*) from fhir_export_job where id = ? and status = 'running'")
                        .param(id)
                        .query(Long.class)
                        .single()
                > 0;
    }

    /** Marks the job complete and stores its files, unless it was cancelled meanwhile. */
    private void complete(String id, Map<String, List<String>> lines) {
        Instant now = clock.instant();
        int completed = jdbc.sql("update fhir_export_job set status = 'complete', progress = null, completed_at = ?,"
                        + " expires_at = ? where id = ? and status = 'running'")
                .params(Timestamp.from(now), Timestamp.from(now.plus(keep)), id)
                .update();
        if (completed == 0) {
            return;
        }
        lines.forEach((type, ofType) -> {
            if (!ofType.isEmpty()) {
                jdbc.sql("insert into fhir_export_file (job_id, resource_type, resource_count, content)"
                                + " values (?, ?, ?, ?)")
                        .params(id, type, ofType.size(), String.join("\n", ofType) + "\n")
                        .update();
            }
        });
    }

    /**
     * Deletes expired jobs with their files, on every node (a delete twice deletes nothing more), and runs jobs left
     * accepted by a node that stopped.
     */
    @Scheduled(
            initialDelayString = "${ecare.fhir.export.sweep:PT1M}",
            fixedDelayString = "${ecare.fhir.export.sweep:PT1M}")
    void sweep() {
        Instant now = clock.instant();
        int expired = jdbc.sql("delete from fhir_export_job where expires_at < ?")
                .param(Timestamp.from(now))
                .update();
        if (expired > 0) {
            log.info("Deleted {} expired export jobs and their files", expired);
        }
        jdbc.sql("select id from fhir_export_job where status = 'accepted' and created_at < ?")
                .param(Timestamp.from(now.minus(ORPHANED)))
                .query(String.class)
                .list()
                .forEach(this::submit);
    }

    @Override
    public void destroy() {
        runner.shutdownNow();
    }
}
