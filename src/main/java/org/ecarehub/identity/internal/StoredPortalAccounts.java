package org.ecarehub.identity.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.ecarehub.identity.PortalAccount;
import org.ecarehub.identity.PortalAccountBound;
import org.ecarehub.identity.PortalAccounts;
import org.ecarehub.identity.PortalRefused;
import org.ecarehub.identity.PortalRegistration;
import org.ecarehub.identity.PortalVerificationRefused;
import org.ecarehub.identity.VerificationClaim;
import org.ecarehub.identity.VerificationRequest;
import org.ecarehub.partnership.Action;
import org.ecarehub.partnership.Category;
import org.ecarehub.partnership.Partnership;
import org.ecarehub.partnership.Partnerships;
import org.ecarehub.person.Actor;
import org.ecarehub.person.PersonIndex;
import org.ecarehub.shared.PersonId;
import org.ecarehub.shared.Username;
import org.ecarehub.transparency.EventType;
import org.ecarehub.transparency.LogEvent;
import org.ecarehub.transparency.TransparencyLog;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.Authentication;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Portal accounts in the identity tables. A binding or refusal is stored, written to the transparency log and
 * published in one transaction; the log event names the request, the account and the person by ids, never what the
 * holder claimed nor the reason given.
 */
@Service
class StoredPortalAccounts implements PortalAccounts {

    static final String DEMO_PASSWORD = "demo";
    static final String DEMO_TOTP_SECRET = "JBSWY3DPEHPK3PXP";

    private static final Pattern EMAIL = Pattern.compile("[^@\\s]{1,64}@[^@\\s]{1,189}\\.[^@\\s.]{2,63}");
    private static final String ACCOUNT_COLUMNS = "username, email, bound_to, status";
    private static final String REQUEST_COLUMNS = "id, username, claimed_name, claimed_birth_date, acts_for_reference,"
            + " requested_at, outcome, decided_by, bound_to";

    /** What a sign-in checks, kept inside this module. */
    record Secret(String passwordHash, String totpSecret, long lastTotpStep, boolean demo) {

        @Override
        public String toString() {
            return "Secret[masked]";
        }
    }

    private final JdbcClient jdbc;
    private final PasswordEncoder encoder;
    private final Clock clock;
    private final TransparencyLog log;
    private final ApplicationEventPublisher events;
    private final Partnerships partnerships;
    private final PersonIndex personIndex;
    private final HubAddress hub;
    private final PortalSettings settings;

    StoredPortalAccounts(
            JdbcClient jdbc,
            PasswordEncoder encoder,
            Clock clock,
            TransparencyLog log,
            ApplicationEventPublisher events,
            Partnerships partnerships,
            PersonIndex personIndex,
            HubAddress hub,
            PortalSettings settings) {
        this.jdbc = jdbc;
        this.encoder = encoder;
        this.clock = clock;
        this.log = log;
        this.events = events;
        this.partnerships = partnerships;
        this.personIndex = personIndex;
        this.hub = hub;
        this.settings = settings;
    }

    @Override
    public boolean signsInThroughProvider() {
        return settings.external();
    }

    @Override
    @Transactional
    public PortalRegistration register(Username username, String email, String password) {
        require(!settings.external(), "portal accounts are made by the partnership's identity provider, not here");
        require(username != null, "choose a username");
        require(
                email != null
                        && email.length() <= 254
                        && EMAIL.matcher(email.strip()).matches(),
                "enter an email address like name@example.org");
        PasswordPolicy.problem(username.value(), password).ifPresent(problem -> {
            throw new PortalRefused(problem);
        });
        // A staff name as a portal name would make "who looked" in the log ambiguous.
        require(
                partnerships.current().partnership().staff(username).isEmpty()
                        && find(username).isEmpty(),
                "this username is taken; choose another");
        String secret = Totp.newSecret();
        insert(username, email.strip(), encoder.encode(password), secret, false, null);
        PortalAccount account = find(username).orElseThrow();
        return new PortalRegistration(account, secret, Totp.uri("eCare Hub", username.value(), secret));
    }

    private void insert(Username username, String email, String hash, String secret, boolean demo, PersonId bound) {
        jdbc.sql("insert into identity_portal_account (username, email, password_hash, totp_secret, last_totp_step,"
                        + " status, bound_to, demo, created_at, bound_at) values (?, ?, ?, ?, -1, ?, ?, ?, ?, ?)")
                .params(
                        username.value(),
                        email,
                        hash,
                        secret,
                        (bound == null ? PortalAccount.Status.UNBOUND : PortalAccount.Status.BOUND).name(),
                        bound == null ? null : bound.value(),
                        demo,
                        Timestamp.from(clock.instant()),
                        bound == null ? null : Timestamp.from(clock.instant()))
                .update();
    }

    @Override
    public Optional<PortalAccount> find(Username username) {
        return jdbc.sql("select " + ACCOUNT_COLUMNS + " from identity_portal_account where username = ?")
                .param(username.value())
                .query(StoredPortalAccounts::account)
                .optional();
    }

    @Override
    public List<PortalAccount> boundTo(PersonId person) {
        return jdbc.sql("select " + ACCOUNT_COLUMNS + " from identity_portal_account where bound_to = ? and status = ?"
                        + " and (demo = false or ?) order by username")
                .params(person.value(), PortalAccount.Status.BOUND.name(), hub.demo())
                .query(StoredPortalAccounts::account)
                .list();
    }

    @Override
    public Optional<PortalAccount> signedIn(Authentication authentication) {
        if (!(authentication instanceof PortalAuthentication portal) || !authentication.isAuthenticated()) {
            return Optional.empty();
        }
        return find(portal.account()).filter(account -> hub.demo() || !isDemo(account.username()));
    }

    private boolean isDemo(Username username) {
        return secret(username.value()).map(Secret::demo).orElse(true);
    }

    Optional<Secret> secret(String username) {
        return jdbc.sql("select password_hash, totp_secret, last_totp_step, demo from identity_portal_account"
                        + " where username = ?")
                .param(username)
                .query((rs, row) -> new Secret(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getBoolean(4)))
                .optional();
    }

    /** Remembers the step whose code signed in; false when another sign-in used it or a later one first. */
    boolean useStep(String username, long step) {
        return jdbc.sql(
                                "update identity_portal_account set last_totp_step = ? where username = ? and last_totp_step < ?")
                        .params(step, username, step)
                        .update()
                == 1;
    }

    @Override
    @Transactional
    public VerificationRequest requestVerification(Username account, VerificationClaim claim) {
        require(claim != null && claim.name() != null && !claim.name().isBlank(), "enter your full name");
        require(claim.name().strip().length() <= 200, "a name may have at most 200 characters");
        require(claim.birthDate() != null, "enter your date of birth");
        LocalDate today = LocalDate.ofInstant(clock.instant(), java.time.ZoneId.of("Europe/London"));
        require(
                claim.birthDate().isBefore(today) && claim.birthDate().isAfter(today.minusYears(130)),
                "enter a date of birth in the past");
        String reference =
                claim.actsForReference() == null || claim.actsForReference().isBlank()
                        ? null
                        : claim.actsForReference().strip();
        require(reference == null || reference.length() <= 200, "a document reference may have at most 200 characters");
        int updated = jdbc.sql("update identity_portal_account set status = ? where username = ? and status = ?")
                .params(
                        PortalAccount.Status.AWAITING_VERIFICATION.name(),
                        account.value(),
                        PortalAccount.Status.UNBOUND.name())
                .update();
        require(updated == 1, "this account is bound already or waiting for verification");
        Instant now = clock.instant();
        var key = new org.springframework.jdbc.support.GeneratedKeyHolder();
        jdbc.sql("insert into identity_portal_verification (username, claimed_name, claimed_birth_date,"
                        + " acts_for_reference, requested_at, outcome) values (?, ?, ?, ?, ?, ?)")
                .params(
                        account.value(),
                        claim.name().strip(),
                        claim.birthDate(),
                        reference,
                        Timestamp.from(now),
                        VerificationRequest.Outcome.WAITING.name())
                .update(key, "id");
        long id = key.getKey().longValue();
        return request(id).orElseThrow();
    }

    @Override
    public List<VerificationRequest> waiting() {
        return jdbc.sql("select " + REQUEST_COLUMNS + " from identity_portal_verification where outcome = ?"
                        + " order by requested_at, id")
                .param(VerificationRequest.Outcome.WAITING.name())
                .query(StoredPortalAccounts::request)
                .list();
    }

    @Override
    public Optional<VerificationRequest> request(long id) {
        return jdbc.sql("select " + REQUEST_COLUMNS + " from identity_portal_verification where id = ?")
                .param(id)
                .query(StoredPortalAccounts::request)
                .optional();
    }

    @Override
    public Optional<String> refusalReason(long id) {
        return jdbc.sql("select refusal_reason from identity_portal_verification where id = ? and outcome = ?")
                .params(id, VerificationRequest.Outcome.REFUSED.name())
                .query(String.class)
                .optional();
    }

    @Override
    public boolean mayVerify(Actor by) {
        if (by == null || !"staff".equals(by.kind())) {
            return false;
        }
        Partnership partnership = partnerships.current().partnership();
        return Username.parse(by.account())
                .flatMap(partnership::staff)
                .filter(partnership::isActiveMember)
                .filter(account -> partnership.permits(account, Action.UPDATE, Category.DEMOGRAPHICS))
                .isPresent();
    }

    @Override
    @Transactional
    public PortalAccount bind(long id, PersonId person, Actor by) {
        require(mayVerify(by), "only active staff whose roles may update demographics verify portal accounts");
        require(person != null, "choose the person the account belongs to");
        VerificationRequest waiting = waitingRequest(id);
        // A merged entry binds to the person it was merged into, so the account follows the person.
        PersonId now = personIndex
                .personNow(person)
                .orElseThrow(() -> new PortalRefused("no such person in the person index"));
        Instant at = clock.instant();
        decide(id, VerificationRequest.Outcome.BOUND, by, at, now, null);
        int updated = jdbc.sql("update identity_portal_account set status = ?, bound_to = ?, bound_at = ?"
                        + " where username = ? and status = ?")
                .params(
                        PortalAccount.Status.BOUND.name(),
                        now.value(),
                        Timestamp.from(at),
                        waiting.account().value(),
                        PortalAccount.Status.AWAITING_VERIFICATION.name())
                .update();
        require(updated == 1, "this account is not waiting for verification");
        log.append(event("bind", id, waiting.account(), now, by, at, "p1-verified"));
        events.publishEvent(new PortalAccountBound(id, waiting.account(), now, Username.of(by.account())));
        return find(waiting.account()).orElseThrow();
    }

    @Override
    @Transactional
    public VerificationRequest refuse(long id, String reason, Actor by) {
        require(mayVerify(by), "only active staff whose roles may update demographics verify portal accounts");
        require(reason != null && !reason.isBlank(), "give the reason the account holder will be told");
        require(reason.strip().length() <= 1000, "a reason may have at most 1000 characters");
        VerificationRequest waiting = waitingRequest(id);
        Instant at = clock.instant();
        decide(id, VerificationRequest.Outcome.REFUSED, by, at, null, reason.strip());
        // Refused, the account may ask again with corrected details.
        jdbc.sql("update identity_portal_account set status = ? where username = ? and status = ?")
                .params(
                        PortalAccount.Status.UNBOUND.name(),
                        waiting.account().value(),
                        PortalAccount.Status.AWAITING_VERIFICATION.name())
                .update();
        log.append(event("refuse", id, waiting.account(), null, by, at, "p1-not-verified"));
        events.publishEvent(new PortalVerificationRefused(id, waiting.account(), Username.of(by.account())));
        return request(id).orElseThrow();
    }

    private VerificationRequest waitingRequest(long id) {
        VerificationRequest found = request(id).orElseThrow(() -> new PortalRefused("no such verification request"));
        require(found.outcome() == VerificationRequest.Outcome.WAITING, "this request has been decided already");
        return found;
    }

    private void decide(
            long id, VerificationRequest.Outcome outcome, Actor by, Instant at, PersonId bound, String reason) {
        int updated = jdbc.sql("update identity_portal_verification set outcome = ?, decided_by = ?, decided_at = ?,"
                        + " bound_to = ?, refusal_reason = ? where id = ? and outcome = ?")
                .params(
                        outcome.name(),
                        by.account(),
                        Timestamp.from(at),
                        bound == null ? null : bound.value(),
                        reason,
                        id,
                        VerificationRequest.Outcome.WAITING.name())
                .update();
        // Two staff deciding at once: the second finds it decided and changes nothing.
        require(updated == 1, "this request has been decided already");
    }

    private LogEvent event(
            String action, long request, Username account, PersonId person, Actor by, Instant at, String rule) {
        return new LogEvent(
                EventType.PORTAL_ACCOUNT,
                at,
                new LogEvent.Who(
                        by.kind(),
                        by.account(),
                        by.agency() == null ? null : by.agency().value(),
                        by.roles()),
                new LogEvent.What(
                        action,
                        List.of("demographics"),
                        List.of("portal-verification-" + request, "portal-account:" + account.value()),
                        null),
                person,
                new LogEvent.Why(
                        "administration", null, List.of(rule), null, null, null, null, by.configurationVersion()));
    }

    /**
     * The portal account of someone the external identity provider signed in, made unbound on their first sign-in:
     * the provider proves who signs in, and staff still bind the account to a person (P1). The name is derived from
     * the provider's subject, so it reveals nothing about them.
     */
    @Transactional
    Username external(String issuer, String subject, String email) {
        require(settings.external(), "no external identity provider is configured");
        Username username = Username.of("oidc-"
                + java.util.HexFormat.of()
                        .formatHex(sha256(issuer + " " + subject))
                        .substring(0, 24));
        if (find(username).isEmpty()) {
            // Never used: the provider signs this account in, and local sign-in is off while it does.
            String unusable = encoder.encode(Totp.newSecret() + Totp.newSecret());
            insert(username, email == null ? "" : email, unusable, Totp.newSecret(), false, null);
        }
        return username;
    }

    private static byte[] sha256(String text) {
        try {
            return java.security.MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    @Transactional
    public PortalAccount seedDemo(Username username, String email, PersonId person) {
        require(hub.demo(), "demo portal accounts exist only in demo mode");
        Optional<PortalAccount> existing = find(username);
        if (existing.isPresent()) {
            return existing.get();
        }
        insert(username, email, encoder.encode(DEMO_PASSWORD), DEMO_TOTP_SECRET, true, person);
        return find(username).orElseThrow();
    }

    private static PortalAccount account(ResultSet rs, int row) throws SQLException {
        String bound = rs.getString("bound_to");
        return new PortalAccount(
                Username.of(rs.getString("username")),
                rs.getString("email"),
                bound == null ? null : PersonId.of(bound),
                PortalAccount.Status.valueOf(rs.getString("status")));
    }

    private static VerificationRequest request(ResultSet rs, int row) throws SQLException {
        String bound = rs.getString("bound_to");
        return new VerificationRequest(
                rs.getLong("id"),
                Username.of(rs.getString("username")),
                new VerificationClaim(
                        rs.getString("claimed_name"),
                        rs.getObject("claimed_birth_date", LocalDate.class),
                        rs.getString("acts_for_reference")),
                rs.getTimestamp("requested_at").toInstant(),
                VerificationRequest.Outcome.valueOf(rs.getString("outcome")),
                rs.getString("decided_by"),
                bound == null ? null : PersonId.of(bound));
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new PortalRefused(message);
        }
    }
}
