package org.ecarehub.identity.internal;

import jakarta.servlet.http.HttpServletRequest;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.ecarehub.partnership.Agency;
import org.ecarehub.partnership.Partnerships;
import org.ecarehub.partnership.Purpose;
import org.ecarehub.partnership.StaffAccount;
import org.ecarehub.shared.AgencyId;
import org.ecarehub.shared.RoleId;
import org.ecarehub.shared.SecretFiles;
import org.ecarehub.shared.Username;
import org.ecarehub.transparency.EventType;
import org.ecarehub.transparency.LogEvent;
import org.ecarehub.transparency.LogUnavailable;
import org.ecarehub.transparency.TransparencyLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Serves {@code ./ecare token}: a token for a staff account, only to a caller on the hub's own machine that holds
 * the secret kept in the data directory, only while no external issuer is configured; every request is recorded.
 */
@RestController
class TokenEndpoint {

    static final String SECRET_HEADER = "X-Ecare-Token-Secret";

    private static final Logger log = LoggerFactory.getLogger(TokenEndpoint.class);

    private final EmbeddedTokenIssuer issuer;
    private final Partnerships partnerships;
    private final TokenRequests requests;
    private final HubAddress hub;
    private final Clock clock;
    private final TransparencyLog transparencyLog;
    private final byte[] secret;

    TokenEndpoint(
            EmbeddedTokenIssuer issuer,
            Partnerships partnerships,
            TokenRequests requests,
            HubAddress hub,
            Clock clock,
            TransparencyLog transparencyLog) {
        this.issuer = issuer;
        this.partnerships = partnerships;
        this.requests = requests;
        this.hub = hub;
        this.clock = clock;
        this.transparencyLog = transparencyLog;
        this.secret = SecretFiles.readOrCreate(hub.identityFile("token-secret"), TokenEndpoint::newSecret)
                .getBytes(StandardCharsets.UTF_8);
    }

    private static String newSecret() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    @PostMapping("/internal/token")
    ResponseEntity<Map<String, Object>> token(
            HttpServletRequest request,
            @RequestHeader(name = SECRET_HEADER, required = false) String presentedSecret,
            @RequestParam(name = "user", required = false) String user,
            @RequestParam(name = "purpose", required = false) String purposeCode) {
        String remote = request.getRemoteAddr();
        String username = user == null ? "" : user;
        Optional<ResponseEntity<Map<String, Object>>> refused =
                refuseUnlessOperator(username, purposeCode, remote, presentedSecret);
        if (refused.isPresent()) {
            return refused.get();
        }
        Optional<Username> name = Username.parse(username);
        Optional<StaffAccount> account = name.flatMap(partnerships::activeStaff);
        if (account.isEmpty()) {
            return refuse(
                    username,
                    purposeCode,
                    remote,
                    "no-active-account",
                    HttpStatus.FORBIDDEN,
                    "no active staff account '" + username + "'");
        }
        Purpose purpose = null;
        if (purposeCode != null && !purposeCode.isBlank()) {
            purpose = Purpose.fromCode(purposeCode).orElse(null);
            if (purpose == null) {
                return refuse(
                        username,
                        purposeCode,
                        remote,
                        "unknown-purpose",
                        HttpStatus.BAD_REQUEST,
                        "unknown purpose of use '" + purposeCode + "'");
            }
            if (!partnerships.current().partnership().mayUse(account.get(), purpose)) {
                return refuse(
                        username,
                        purposeCode,
                        remote,
                        "purpose-not-allowed",
                        HttpStatus.FORBIDDEN,
                        "the account's roles may not use the purpose '" + purposeCode + "'");
            }
        }
        try {
            transparencyLog.append(new LogEvent(
                    EventType.TOKEN,
                    clock.instant(),
                    LogEvent.Who.staff(
                            username,
                            account.get().agency().value(),
                            account.get().roles().stream().map(RoleId::value).toList()),
                    LogEvent.What.of("issue-token", List.of()),
                    null,
                    LogEvent.Why.of(
                            purpose == null ? Purpose.DIRECT_CARE.code() : purpose.code(),
                            partnerships.current().version())));
        } catch (LogUnavailable e) {
            // Fail closed: a token nobody can see was issued is not issued. The database is likely down too, so
            // the refusal goes to the log file only.
            log.warn("Token request refused: the transparency log is unavailable");
            return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                    .body(Map.of(
                            "error", "log-unavailable", "message", "the transparency log cannot record the token"));
        }
        EmbeddedTokenIssuer.MintedToken token = issuer.mint(name.get(), purpose);
        requests.record(clock.instant(), username, purposeCode, remote, "issued", token.id(), token.expiresAt());
        log.info("Token {} issued to a loopback caller", token.id());
        long lifetime = Duration.between(clock.instant(), token.expiresAt()).toSeconds();
        return ResponseEntity.ok(Map.of("access_token", token.value(), "token_type", "Bearer", "expires_in", lifetime));
    }

    /**
     * {@code ./ecare import persons}: a token for an agency's own system, under the same conditions as a staff token,
     * for an agency active in the partnership in force.
     */
    @PostMapping(path = "/internal/token", params = "agency")
    ResponseEntity<Map<String, Object>> agencySystemToken(
            HttpServletRequest request,
            @RequestHeader(name = SECRET_HEADER, required = false) String presentedSecret,
            @RequestParam(name = "agency") String agencyCode) {
        String remote = request.getRemoteAddr();
        String client = EmbeddedTokenIssuer.AGENCY_SYSTEM + ":" + agencyCode;
        Optional<ResponseEntity<Map<String, Object>>> refused =
                refuseUnlessOperator(client, null, remote, presentedSecret);
        if (refused.isPresent()) {
            return refused.get();
        }
        var snapshot = partnerships.current();
        Optional<Agency> agency = agencyId(agencyCode)
                .flatMap(id -> snapshot.partnership().agency(id))
                .filter(Agency::active);
        if (agency.isEmpty()) {
            return refuse(
                    client,
                    null,
                    remote,
                    "no-active-agency",
                    HttpStatus.FORBIDDEN,
                    "no active agency '" + agencyCode + "' in the partnership");
        }
        try {
            transparencyLog.append(new LogEvent(
                    EventType.TOKEN,
                    clock.instant(),
                    new LogEvent.Who("system", client, agency.get().id().value(), List.of()),
                    LogEvent.What.of("issue-token", List.of()),
                    null,
                    LogEvent.Why.of(Purpose.ADMINISTRATION.code(), snapshot.version())));
        } catch (LogUnavailable e) {
            log.warn("Agency system token request refused: the transparency log is unavailable");
            return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                    .body(Map.of(
                            "error", "log-unavailable", "message", "the transparency log cannot record the token"));
        }
        EmbeddedTokenIssuer.MintedToken token =
                issuer.mintForAgencySystem(agency.get().id());
        requests.record(clock.instant(), client, null, remote, "issued", token.id(), token.expiresAt());
        log.info("Agency system token {} issued to a loopback caller", token.id());
        long lifetime = Duration.between(clock.instant(), token.expiresAt()).toSeconds();
        return ResponseEntity.ok(Map.of("access_token", token.value(), "token_type", "Bearer", "expires_in", lifetime));
    }

    /** Refuses unless tokens are the embedded issuer's, the caller is on this machine, and holds the secret. */
    private Optional<ResponseEntity<Map<String, Object>>> refuseUnlessOperator(
            String username, String purposeCode, String remote, String presentedSecret) {
        if (hub.externalIssuer()) {
            return Optional.of(refuse(
                    username,
                    purposeCode,
                    remote,
                    "external-issuer",
                    HttpStatus.FORBIDDEN,
                    "tokens come from the external OpenID Connect issuer"));
        }
        if (!loopback(remote)) {
            return Optional.of(refuse(
                    username,
                    purposeCode,
                    remote,
                    "not-loopback",
                    HttpStatus.FORBIDDEN,
                    "tokens are issued only to callers on the hub's own machine"));
        }
        if (presentedSecret == null
                || !MessageDigest.isEqual(secret, presentedSecret.strip().getBytes(StandardCharsets.UTF_8))) {
            return Optional.of(refuse(
                    username,
                    purposeCode,
                    remote,
                    "bad-secret",
                    HttpStatus.FORBIDDEN,
                    "the token secret is missing or wrong"));
        }
        return Optional.empty();
    }

    private ResponseEntity<Map<String, Object>> refuse(
            String username, String purpose, String remote, String outcome, HttpStatus status, String message) {
        requests.record(clock.instant(), username, purpose, remote, outcome, null, null);
        log.warn("Token request refused: {}", outcome);
        return ResponseEntity.status(status).body(Map.of("error", outcome, "message", message));
    }

    private static Optional<AgencyId> agencyId(String code) {
        try {
            return Optional.of(AgencyId.of(code));
        } catch (IllegalArgumentException | NullPointerException notAnAgencyId) {
            return Optional.empty();
        }
    }

    private static boolean loopback(String address) {
        try {
            return address != null && InetAddress.getByName(address).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
