package org.ecarehub.identity.internal;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import jakarta.servlet.http.HttpServletRequest;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.ecarehub.identity.AgencySystemTokens;
import org.ecarehub.partnership.Agency;
import org.ecarehub.partnership.AgencySystem;
import org.ecarehub.partnership.PartnershipSnapshot;
import org.ecarehub.partnership.Partnerships;
import org.ecarehub.partnership.Purpose;
import org.ecarehub.partnership.StaffAccount;
import org.ecarehub.shared.Username;
import org.ecarehub.transparency.EventType;
import org.ecarehub.transparency.LogEvent;
import org.ecarehub.transparency.LogUnavailable;
import org.ecarehub.transparency.TransparencyLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * SMART Backend Services: an agency system registered in the partnership file exchanges a client assertion signed
 * with its private key (RS384 or ES384) for a short-lived access token. Every request, issued or refused, is
 * recorded; every token issued is in the transparency log before it is handed out.
 */
@RestController
class ClientCredentialsEndpoint implements AgencySystemTokens {

    static final String PATH = "/oauth2/token";
    static final String ASSERTION_TYPE = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";
    static final Duration MAX_ASSERTION_LIFETIME = Duration.ofMinutes(5);
    static final Duration CLOCK_SKEW = Duration.ofSeconds(30);

    private static final Logger log = LoggerFactory.getLogger(ClientCredentialsEndpoint.class);
    private static final List<String> RESOURCE_TYPES = List.of(
            "*", "Patient", "Organization", "Practitioner", "PractitionerRole", "CareTeam", "RelatedPerson", "Consent");
    private static final Pattern SCOPE = Pattern.compile("system/([A-Za-z*]+)\\.(rs|r|s|read)");
    /**
     * What an agency system may write on its own token: protection messages it raises (Communication), the
     * acknowledgement of those routed to it (Task), and its own agency's records of people (Patient, decision 0043);
     * every write is still decided as the system, or the staff account it acts for, by the module (decision 0033).
     */
    private static final List<String> WRITABLE_TYPES = List.of("Communication", "Task", "Patient");

    private static final Pattern WRITE_SCOPE = Pattern.compile("system/([A-Za-z]+)\\.(cu|cru|cus|crus|write)");

    private final Partnerships partnerships;
    private final EmbeddedTokenIssuer issuer;
    private final ClientAssertions assertions;
    private final TokenRequests requests;
    private final TransparencyLog transparencyLog;
    private final HubAddress hub;
    private final Clock clock;

    ClientCredentialsEndpoint(
            Partnerships partnerships,
            EmbeddedTokenIssuer issuer,
            ClientAssertions assertions,
            TokenRequests requests,
            TransparencyLog transparencyLog,
            HubAddress hub,
            Clock clock) {
        this.partnerships = partnerships;
        this.issuer = issuer;
        this.assertions = assertions;
        this.requests = requests;
        this.transparencyLog = transparencyLog;
        this.hub = hub;
        this.clock = clock;
    }

    @Override
    public String tokenEndpoint() {
        return hub.baseUrl() + PATH;
    }

    @Override
    public List<String> scopes() {
        List<String> scopes = new ArrayList<>(
                RESOURCE_TYPES.stream().map(type -> "system/" + type + ".rs").toList());
        WRITABLE_TYPES.forEach(type -> scopes.add("system/" + type + ".cu"));
        return List.copyOf(scopes);
    }

    /** A refusal as RFC 6749 section 5.2 words it, with the outcome recorded for the operator. */
    private record Refusal(HttpStatus status, String error, String outcome, String description) {}

    private static Refusal invalidClient(String outcome, String description) {
        return new Refusal(HttpStatus.UNAUTHORIZED, "invalid_client", outcome, description);
    }

    @PostMapping(path = PATH, consumes = "application/x-www-form-urlencoded")
    ResponseEntity<Map<String, Object>> token(
            HttpServletRequest request,
            @RequestParam(name = "grant_type", required = false) String grantType,
            @RequestParam(name = "client_assertion_type", required = false) String assertionType,
            @RequestParam(name = "client_assertion", required = false) String assertion,
            @RequestParam(name = "scope", required = false) String scope) {
        String remote = request.getRemoteAddr();
        Instant now = clock.instant();
        PartnershipSnapshot snapshot = partnerships.current();
        String client = "unidentified";
        try {
            if (!"client_credentials".equals(grantType)) {
                throw refusal(new Refusal(
                        HttpStatus.BAD_REQUEST,
                        "unsupported_grant_type",
                        "unsupported-grant-type",
                        "only grant_type=client_credentials is served here"));
            }
            if (!ASSERTION_TYPE.equals(assertionType) || assertion == null || assertion.isBlank()) {
                throw refusal(new Refusal(
                        HttpStatus.BAD_REQUEST,
                        "invalid_request",
                        "invalid-request",
                        "a client_assertion of type " + ASSERTION_TYPE + " is needed"));
            }
            SignedJWT jwt = parse(assertion);
            JWTClaimsSet claims = claims(jwt);
            String clientId = claims.getIssuer();
            if (clientId == null || !clientId.equals(claims.getSubject())) {
                throw refusal(
                        invalidClient("invalid-assertion", "the assertion's iss and sub must both be the client id"));
            }
            Optional<Agency> agency = snapshot.partnership().agencyOfSystem(clientId);
            if (agency.isEmpty()) {
                throw refusal(invalidClient("unknown-client", "no system with this client id is registered"));
            }
            client = clientId;
            AgencySystem system = agency.get().system(clientId).orElseThrow();
            if (!agency.get().active()) {
                throw refusal(invalidClient("no-active-agency", "the system's agency is not active"));
            }
            verifySignature(jwt, system);
            Instant expires = checkTimes(claims, now);
            if (!claims.getAudience().contains(tokenEndpoint())) {
                throw refusal(invalidClient("wrong-audience", "the assertion's aud must be " + tokenEndpoint()));
            }
            String jti = claims.getJWTID();
            if (jti == null || jti.isBlank() || jti.length() > 255) {
                throw refusal(invalidClient("invalid-assertion", "the assertion needs a jti of 1 to 255 characters"));
            }
            String granted = grantedScopes(scope);
            Username onBehalfOf = onBehalfOf(claims, system, agency.get(), snapshot);
            if (!assertions.firstUse(clientId, jti, expires.plus(CLOCK_SKEW), now)) {
                throw refusal(invalidClient("replayed-assertion", "this assertion's jti was used before"));
            }
            return issue(agency.get(), clientId, onBehalfOf, granted, snapshot, remote);
        } catch (Refused refused) {
            Refusal why = refused.refusal;
            requests.record(now, client, null, remote, why.outcome(), null, null);
            log.warn("Client credentials refused: {}", why.outcome());
            return ResponseEntity.status(why.status())
                    .cacheControl(CacheControl.noStore())
                    .body(Map.of("error", why.error(), "error_description", why.description()));
        }
    }

    private ResponseEntity<Map<String, Object>> issue(
            Agency agency,
            String clientId,
            Username onBehalfOf,
            String scope,
            PartnershipSnapshot snapshot,
            String remote) {
        Instant now = clock.instant();
        try {
            transparencyLog.append(new LogEvent(
                    EventType.TOKEN,
                    now,
                    new LogEvent.Who("system", clientId, agency.id().value(), List.of()),
                    LogEvent.What.of(
                            onBehalfOf == null ? "issue-token" : "issue-token-on-behalf-of:" + onBehalfOf.value(),
                            List.of()),
                    null,
                    LogEvent.Why.of(Purpose.ADMINISTRATION.code(), snapshot.version())));
        } catch (LogUnavailable e) {
            log.warn("Client credentials refused: the transparency log is unavailable");
            return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                    .cacheControl(CacheControl.noStore())
                    .body(Map.of(
                            "error", "temporarily_unavailable",
                            "error_description", "the transparency log cannot record the token"));
        }
        EmbeddedTokenIssuer.MintedToken token =
                issuer.mintForRegisteredSystem(agency.id(), clientId, onBehalfOf, scope);
        requests.record(now, clientId, null, remote, "issued", token.id(), token.expiresAt());
        log.info("Client credentials token {} issued to system {}", token.id(), clientId);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("access_token", token.value());
        body.put("token_type", "bearer");
        body.put("expires_in", Duration.between(now, token.expiresAt()).toSeconds());
        body.put("scope", scope);
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(body);
    }

    private static SignedJWT parse(String assertion) {
        try {
            return SignedJWT.parse(assertion);
        } catch (ParseException e) {
            throw refusal(invalidClient("invalid-assertion", "the client assertion is not a signed JWT"));
        }
    }

    private static JWTClaimsSet claims(SignedJWT jwt) {
        try {
            return jwt.getJWTClaimsSet();
        } catch (ParseException e) {
            throw refusal(invalidClient("invalid-assertion", "the client assertion's claims are not readable"));
        }
    }

    private static void verifySignature(SignedJWT jwt, AgencySystem system) {
        JWSAlgorithm algorithm = jwt.getHeader().getAlgorithm();
        if (!JWSAlgorithm.parse(system.algorithm()).equals(algorithm)) {
            throw refusal(invalidClient("bad-signature", "the assertion must be signed with " + system.algorithm()));
        }
        try {
            JWSVerifier verifier = system.publicKey() instanceof RSAPublicKey rsa
                    ? new RSASSAVerifier(rsa)
                    : new ECDSAVerifier((ECPublicKey) system.publicKey());
            if (!jwt.verify(verifier)) {
                throw refusal(invalidClient("bad-signature", "the assertion's signature does not verify"));
            }
        } catch (JOSEException e) {
            throw refusal(invalidClient("bad-signature", "the assertion's signature does not verify"));
        }
    }

    /** The assertion's expiry, when it has not passed and is at most five minutes ahead. */
    private static Instant checkTimes(JWTClaimsSet claims, Instant now) {
        if (claims.getExpirationTime() == null) {
            throw refusal(invalidClient("invalid-assertion", "the assertion needs an exp"));
        }
        Instant expires = claims.getExpirationTime().toInstant();
        if (expires.isBefore(now.minus(CLOCK_SKEW))) {
            throw refusal(invalidClient("expired-assertion", "the assertion has expired"));
        }
        if (expires.isAfter(now.plus(MAX_ASSERTION_LIFETIME).plus(CLOCK_SKEW))) {
            throw refusal(invalidClient("invalid-assertion", "the assertion's exp must be at most 5 minutes ahead"));
        }
        return expires;
    }

    private static String grantedScopes(String scope) {
        if (scope == null || scope.isBlank()) {
            throw refusal(new Refusal(
                    HttpStatus.BAD_REQUEST, "invalid_scope", "invalid-scope", "a scope such as system/*.rs is needed"));
        }
        List<String> granted = new ArrayList<>();
        for (String requested : scope.strip().split("\\s+")) {
            var matcher = SCOPE.matcher(requested);
            var writing = WRITE_SCOPE.matcher(requested);
            boolean reads = matcher.matches() && RESOURCE_TYPES.contains(matcher.group(1));
            boolean writes = writing.matches() && WRITABLE_TYPES.contains(writing.group(1));
            if (!reads && !writes) {
                throw refusal(new Refusal(
                        HttpStatus.BAD_REQUEST,
                        "invalid_scope",
                        "invalid-scope",
                        "only read and search scopes of Patient, Organization, Practitioner, PractitionerRole, CareTeam,"
                                + " RelatedPerson and Consent, and create and update scopes of Communication and"
                                + " Task, are served, such as system/*.rs or system/Communication.cu"));
            }
            granted.add(requested);
        }
        return String.join(" ", granted);
    }

    /**
     * The staff account named by the assertion's {@code ecare_on_behalf_of} claim: allowed only when the partnership
     * file lets the system act for staff, and only for an active account of the system's own agency.
     */
    private Username onBehalfOf(JWTClaimsSet claims, AgencySystem system, Agency agency, PartnershipSnapshot snapshot) {
        Object claim = claims.getClaim(EmbeddedTokenIssuer.ON_BEHALF_OF_CLAIM);
        if (claim == null) {
            return null;
        }
        if (!system.onBehalfOfStaff()) {
            throw refusal(new Refusal(
                    HttpStatus.BAD_REQUEST,
                    "invalid_grant",
                    "on-behalf-not-allowed",
                    "the partnership file does not let this system act on behalf of staff"));
        }
        Optional<StaffAccount> account = Username.parse(claim.toString())
                .flatMap(partnerships::activeStaff)
                .filter(found -> found.agency().equals(agency.id()));
        if (account.isEmpty()) {
            throw refusal(new Refusal(
                    HttpStatus.BAD_REQUEST,
                    "invalid_grant",
                    "no-active-account",
                    "the assertion names no active staff account of the system's agency"));
        }
        return account.get().username();
    }

    private static Refused refusal(Refusal refusal) {
        return new Refused(refusal);
    }

    /** Carries a refusal out of the checks to the one place that records and answers it. */
    private static final class Refused extends RuntimeException {

        private final transient Refusal refusal;

        Refused(Refusal refusal) {
            super(refusal.outcome(), null, false, false);
            this.refusal = refusal;
        }
    }
}
