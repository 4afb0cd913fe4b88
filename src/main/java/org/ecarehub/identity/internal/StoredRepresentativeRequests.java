package org.ecarehub.identity.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.regex.Pattern;
import org.ecarehub.identity.PortalAccount;
import org.ecarehub.identity.PortalAccounts;
import org.ecarehub.identity.PortalRefused;
import org.ecarehub.identity.RepresentativeRequest;
import org.ecarehub.identity.RepresentativeRequests;
import org.ecarehub.partnership.Partnerships;
import org.ecarehub.person.Actor;
import org.ecarehub.shared.PersonId;
import org.ecarehub.shared.Username;
import org.ecarehub.transparency.EventType;
import org.ecarehub.transparency.LogEvent;
import org.ecarehub.transparency.TransparencyLog;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Requests to add a representative, in the identity tables. Each request and decision is stored and written to the
 * transparency log in one transaction, as a {@code portal-account} event naming the request, the account and the
 * person by ids: never the representative's name nor the document reference.
 */
@Service
class StoredRepresentativeRequests implements RepresentativeRequests {

    private static final Pattern KIND = Pattern.compile("[A-Z][A-Z_]{1,39}");
    private static final String COLUMNS = "id, username, person_ref, kind, representative_name, document_reference,"
            + " requested_at, outcome, decided_by";

    private final JdbcClient jdbc;
    private final Clock clock;
    private final TransparencyLog log;
    private final PortalAccounts accounts;
    private final Partnerships partnerships;

    StoredRepresentativeRequests(
            JdbcClient jdbc, Clock clock, TransparencyLog log, PortalAccounts accounts, Partnerships partnerships) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.log = log;
        this.accounts = accounts;
        this.partnerships = partnerships;
    }

    @Override
    @Transactional
    public RepresentativeRequest request(
            Username account, PersonId person, String kind, String name, String reference) {
        PortalAccount holder =
                accounts.find(account).filter(PortalAccount::bound).orElse(null);
        require(holder != null, "only an account bound to its holder may ask to add a representative");
        require(person != null, "choose whose representative this is");
        require(kind != null && KIND.matcher(kind).matches(), "choose the kind of authority");
        require(name != null && !name.isBlank(), "enter the representative's full name");
        require(name.strip().length() <= 200, "a name may have at most 200 characters");
        require(reference != null && !reference.isBlank(), "enter the reference of the document");
        require(reference.strip().length() <= 200, "a document reference may have at most 200 characters");
        Instant now = clock.instant();
        var key = new org.springframework.jdbc.support.GeneratedKeyHolder();
        jdbc.sql(
                        "insert into identity_portal_representative_request (username, person_ref, kind,"
                                + " representative_name, document_reference, requested_at, outcome) values (?, ?, ?, ?, ?, ?, ?)")
                .params(
                        account.value(),
                        person.value(),
                        kind,
                        name.strip(),
                        reference.strip(),
                        Timestamp.from(now),
                        RepresentativeRequest.Outcome.WAITING.name())
                .update(key, "id");
        long id = key.getKey().longValue();
        log.append(event(
                "request-representative",
                id,
                account,
                person,
                new LogEvent.Who("portal", account.value(), null, List.of()),
                now,
                partnerships.current().version()));
        return find(id);
    }

    @Override
    public List<RepresentativeRequest> of(Username account, PersonId person) {
        return jdbc.sql("select " + COLUMNS + " from identity_portal_representative_request where username = ?"
                        + " and person_ref = ? order by requested_at desc, id desc")
                .params(account.value(), person.value())
                .query(StoredRepresentativeRequests::row)
                .list();
    }

    @Override
    public List<RepresentativeRequest> waiting() {
        return jdbc.sql("select " + COLUMNS + " from identity_portal_representative_request where outcome = ?"
                        + " order by requested_at, id")
                .param(RepresentativeRequest.Outcome.WAITING.name())
                .query(StoredRepresentativeRequests::row)
                .list();
    }

    @Override
    @Transactional
    public RepresentativeRequest decide(long id, RepresentativeRequest.Outcome outcome, Actor by) {
        require(accounts.mayVerify(by), "only active staff whose roles may update demographics deal with requests");
        require(outcome != null && outcome != RepresentativeRequest.Outcome.WAITING, "say how the request ended");
        Instant at = clock.instant();
        int updated = jdbc.sql("update identity_portal_representative_request set outcome = ?, decided_by = ?,"
                        + " decided_at = ? where id = ? and outcome = ?")
                .params(
                        outcome.name(),
                        by.account(),
                        Timestamp.from(at),
                        id,
                        RepresentativeRequest.Outcome.WAITING.name())
                .update();
        // Unknown, or dealt with by someone else a moment before: either way nothing changes.
        require(updated == 1, "this request is not waiting");
        RepresentativeRequest decided = find(id);
        log.append(event(
                outcome == RepresentativeRequest.Outcome.RECORDED
                        ? "representative-recorded"
                        : "representative-refused",
                id,
                decided.account(),
                decided.person(),
                new LogEvent.Who(
                        by.kind(),
                        by.account(),
                        by.agency() == null ? null : by.agency().value(),
                        by.roles()),
                at,
                by.configurationVersion()));
        return decided;
    }

    private RepresentativeRequest find(long id) {
        return jdbc.sql("select " + COLUMNS + " from identity_portal_representative_request where id = ?")
                .param(id)
                .query(StoredRepresentativeRequests::row)
                .single();
    }

    private static LogEvent event(
            String action,
            long request,
            Username account,
            PersonId person,
            LogEvent.Who who,
            Instant at,
            int configurationVersion) {
        return new LogEvent(
                EventType.PORTAL_ACCOUNT,
                at,
                who,
                new LogEvent.What(
                        action,
                        List.of("contacts"),
                        List.of("portal-representative-request-" + request, "portal-account:" + account.value()),
                        null),
                person,
                new LogEvent.Why(
                        "administration",
                        null,
                        List.of("p3-verified-authority"),
                        null,
                        null,
                        null,
                        null,
                        configurationVersion));
    }

    private static RepresentativeRequest row(ResultSet row, int number) throws SQLException {
        return new RepresentativeRequest(
                row.getLong("id"),
                Username.of(row.getString("username")),
                PersonId.of(row.getString("person_ref")),
                row.getString("kind"),
                row.getString("representative_name"),
                row.getString("document_reference"),
                row.getTimestamp("requested_at").toInstant(),
                RepresentativeRequest.Outcome.valueOf(row.getString("outcome")),
                row.getString("decided_by"));
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new PortalRefused(message);
        }
    }
}
