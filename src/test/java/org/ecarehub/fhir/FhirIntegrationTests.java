package org.ecarehub.fhir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.interceptor.AdditionalRequestHeadersInterceptor;
import ca.uhn.fhir.rest.client.interceptor.BearerTokenAuthInterceptor;
import ca.uhn.fhir.rest.server.exceptions.AuthenticationException;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import ca.uhn.fhir.validation.FhirValidator;
import ca.uhn.fhir.validation.ResultSeverityEnum;
import ca.uhn.fhir.validation.ValidationResult;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.interfaces.ECPrivateKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.ecarehub.support.RunningHub;
import org.ecarehub.support.TestDatabase;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Practitioner;
import org.hl7.fhir.r4.model.PractitionerRole;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The FHIR interface driven as an outside system drives it: HAPI's generic client over real HTTP against a hub on the
 * demo partnership, with two agency systems registered for client credentials.
 */
@Tag("database")
class FhirIntegrationTests {

    @TempDir
    static Path dataDir;

    static RunningHub hub;
    static String base;
    static final FhirContext fhir = FhirContext.forR4Cached();
    static final HttpClient http = HttpClient.newHttpClient();
    static final JsonMapper json = JsonMapper.builder().build();
    static KeyPair careFirstKey;
    static KeyPair trakKey;
    static FhirValidator validator;

    @BeforeAll
    static void startHub() throws Exception {
        KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
        rsa.initialize(2048);
        careFirstKey = rsa.generateKeyPair();
        KeyPairGenerator ec = KeyPairGenerator.getInstance("EC");
        ec.initialize(new ECGenParameterSpec("secp384r1"));
        trakKey = ec.generateKeyPair();
        String demo = new String(
                FhirIntegrationTests.class
                        .getResourceAsStream("/demo/partnership.yaml")
                        .readAllBytes(),
                StandardCharsets.UTF_8);
        String withSystems = demo.replaceFirst(
                        "(?m)^    caldicott-guardian: caldicott\\.slc$",
                        "    caldicott-guardian: caldicott.slc\n"
                                + system("slc-carefirst", careFirstKey.getPublic(), true))
                .replaceFirst(
                        "(?m)^    caldicott-guardian: caldicott\\.nhs$",
                        "    caldicott-guardian: caldicott.nhs\n" + system("nhs-trak", trakKey.getPublic(), false));
        assertThat(withSystems).contains("slc-carefirst", "nhs-trak");
        Path file = dataDir.resolve("partnership.yaml");
        Files.writeString(file, withSystems);
        int port = freePort();
        base = "http://localhost:" + port;
        hub = RunningHub.start(
                "serve",
                dataDir,
                TestDatabase.fresh(dataDir),
                Map.of(
                        "server.port", port,
                        "ecare.base-url", base,
                        "ecare.partnership-file", file.toString()));
        validator = FhirClients.validator();
    }

    @AfterAll
    static void stopHub() {
        if (hub != null) {
            hub.close();
        }
    }

    static String system(String clientId, PublicKey key, boolean onBehalf) {
        String pem = "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                        .encodeToString(key.getEncoded())
                + "\n-----END PUBLIC KEY-----";
        return "    systems:\n"
                + "      - client-id: " + clientId + "\n"
                + "        on-behalf-of-staff: " + onBehalf + "\n"
                + "        public-key: |\n"
                + pem.lines().map(line -> "          " + line + "\n").reduce("", String::concat);
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    static IGenericClient client(String token, String purpose) {
        IGenericClient client = FhirClients.client(base + "/fhir");
        if (token != null) {
            client.registerInterceptor(new BearerTokenAuthInterceptor(token));
        }
        if (purpose != null) {
            AdditionalRequestHeadersInterceptor headers = new AdditionalRequestHeadersInterceptor();
            headers.addHeaderValue("X-Purpose-Of-Use", purpose);
            client.registerInterceptor(headers);
        }
        return client;
    }

    static IGenericClient staff(String username) {
        return client(hub.staffToken(username), null);
    }

    static void assertValid(IBaseResource resource) {
        ValidationResult result = validator.validateWithResult(resource);
        assertThat(result.getMessages().stream()
                        .filter(message -> message.getSeverity().ordinal() >= ResultSeverityEnum.ERROR.ordinal())
                        .map(message -> message.getLocationString() + ": " + message.getMessage())
                        .toList())
                .isEmpty();
    }

    static String errorCode(BaseServerResponseException refused) {
        OperationOutcome outcome = (OperationOutcome) refused.getOperationOutcome();
        assertThat(outcome).as("an OperationOutcome").isNotNull();
        return outcome.getIssueFirstRep().getDetails().getCodingFirstRep().getCode();
    }

    @Nested
    class TheCapabilityStatement {

        @Test
        void needsNoSignInAndNamesOnlyWhatIsServed() {
            CapabilityStatement statement = client(null, null)
                    .capabilities()
                    .ofType(CapabilityStatement.class)
                    .execute();

            List<String> types = statement.getRestFirstRep().getResource().stream()
                    .map(CapabilityStatement.CapabilityStatementRestResourceComponent::getType)
                    .toList();
            assertThat(types).contains("Organization", "Practitioner", "PractitionerRole");
            assertThat(types).doesNotContain("Observation", "Encounter", "DocumentReference");
            var organization = statement.getRestFirstRep().getResource().stream()
                    .filter(resource -> resource.getType().equals("Organization"))
                    .findFirst()
                    .orElseThrow();
            assertThat(organization.getInteraction().stream()
                            .map(interaction -> interaction.getCode().toCode())
                            .toList())
                    .containsExactlyInAnyOrder("read", "search-type");
            assertThat(statement.getRestFirstRep().getSecurity().getDescription())
                    .contains(base + "/oauth2/token");
            assertThat(statement
                            .getRestFirstRep()
                            .getSecurity()
                            .getServiceFirstRep()
                            .getCodingFirstRep()
                            .getCode())
                    .isEqualTo("SMART-on-FHIR");
            assertValid(statement);
        }

        @Test
        void publishesTheSmartConfigurationWithTheTokenEndpoint() {
            HttpResponse<String> response = hub.get(http, "/fhir/.well-known/smart-configuration");

            assertThat(response.statusCode()).isEqualTo(200);
            JsonNode body = json.readTree(response.body());
            assertThat(body.get("token_endpoint").asString()).isEqualTo(base + "/oauth2/token");
            assertThat(body.get("token_endpoint_auth_signing_alg_values_supported")
                            .toString())
                    .contains("RS384", "ES384");
        }
    }

    @Nested
    class SignIn {

        @Test
        void refusesAReadWithoutATokenWithAnOperationOutcome() {
            HttpResponse<String> response = hub.get(http, "/fhir/Organization/nhs-lanarkshire");

            assertThat(response.statusCode()).isEqualTo(401);
            assertThat(response.body()).contains("OperationOutcome").doesNotContain("Exception");
            assertThatThrownBy(() -> client(null, null)
                            .read()
                            .resource(Organization.class)
                            .withId("nhs-lanarkshire")
                            .execute())
                    .isInstanceOf(AuthenticationException.class);
        }

        @Test
        void refusesAForgedToken() {
            HttpResponse<String> response = hub.get(
                    http, "/fhir/Organization/nhs-lanarkshire", "Authorization", "Bearer eyJhbGciOiJub25lIn0.e30.");

            assertThat(response.statusCode()).isEqualTo(401);
        }

        @Test
        void answersWithNoStoreAndAPolicyThatLoadsNothing() {
            HttpResponse<String> response = hub.get(
                    http,
                    "/fhir/Organization/nhs-lanarkshire",
                    "Authorization",
                    "Bearer " + hub.staffToken("sw.hamilton"));

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().allValues("Cache-Control")).anyMatch(value -> value.contains("no-store"));
            assertThat(response.headers().firstValue("Content-Security-Policy"))
                    .hasValue("default-src 'none'; frame-ancestors 'none'");
        }

        @Test
        void namesEachAnswerByARequestIdOfItsOwnOrTheCallers() {
            String token = "Bearer " + hub.staffToken("sw.hamilton");
            HttpResponse<String> first = hub.get(http, "/fhir/Organization/nhs-lanarkshire", "Authorization", token);
            HttpResponse<String> second = hub.get(http, "/fhir/Organization/nhs-lanarkshire", "Authorization", token);
            HttpResponse<String> named = hub.get(
                    http,
                    "/fhir/Organization/nhs-lanarkshire",
                    "Authorization",
                    token,
                    "X-Request-ID",
                    "gp-system-4711");

            assertThat(first.headers().allValues("X-Request-ID"))
                    .singleElement()
                    .satisfies(id -> assertThat(id).matches("[A-Za-z0-9]{16}"));
            assertThat(second.headers().firstValue("X-Request-ID"))
                    .isPresent()
                    .isNotEqualTo(first.headers().firstValue("X-Request-ID"));
            assertThat(named.headers().allValues("X-Request-ID")).containsExactly("gp-system-4711");
        }
    }

    @Nested
    class PurposeOfUse {

        @Test
        void refusesAnUnknownPurposeWith400AndAStableCode() {
            assertThatThrownBy(() -> client(hub.staffToken("sw.hamilton"), "curiosity")
                            .read()
                            .resource(Organization.class)
                            .withId("nhs-lanarkshire")
                            .execute())
                    .isInstanceOfSatisfying(
                            InvalidRequestException.class,
                            refused -> assertThat(errorCode(refused)).isEqualTo("unknown-purpose"));
        }

        @Test
        void refusesAPurposeTheRolesMayNotUseWith403() {
            assertThatThrownBy(() -> client(hub.staffToken("housing.ek"), "emergency")
                            .read()
                            .resource(Organization.class)
                            .withId("nhs-lanarkshire")
                            .execute())
                    .isInstanceOfSatisfying(
                            ForbiddenOperationException.class,
                            refused -> assertThat(errorCode(refused)).isEqualTo("purpose-not-allowed"));
        }

        @Test
        void acceptsAPurposeTheRolesAllow() {
            Organization organization = client(hub.staffToken("ed.wishaw"), "emergency")
                    .read()
                    .resource(Organization.class)
                    .withId("nhs-lanarkshire")
                    .execute();

            assertThat(organization.getName()).isEqualTo("NHS Lanarkshire");
        }
    }

    @Nested
    class TheDirectory {

        @Test
        void readsAnAgencyAsAValidOrganization() {
            Organization organization = staff("sw.hamilton")
                    .read()
                    .resource(Organization.class)
                    .withId("slc-social-work")
                    .execute();

            assertThat(organization.getName()).isEqualTo("South Lanarkshire Council Social Work Resources");
            assertThat(organization.getActive()).isTrue();
            assertValid(organization);
        }

        @Test
        void searchesAgenciesByNameIntoASearchsetWithTotal() {
            Bundle bundle = staff("sw.hamilton")
                    .search()
                    .forResource(Organization.class)
                    .where(Organization.NAME.matches().value("south lanarkshire"))
                    .returnBundle(Bundle.class)
                    .execute();

            assertThat(bundle.getType()).isEqualTo(Bundle.BundleType.SEARCHSET);
            assertThat(bundle.getTotal()).isEqualTo(3);
            assertThat(bundle.getEntry())
                    .extracting(entry -> entry.getResource().getIdElement().getIdPart())
                    .containsExactlyInAnyOrder("slc-social-work", "slc-housing", "slc-education");
            assertValid(bundle);
        }

        @Test
        void showsAPractitionerWithNameAndAgencyOnly() {
            Practitioner practitioner = staff("dn.hamilton")
                    .read()
                    .resource(Practitioner.class)
                    .withId("sw.hamilton")
                    .execute();

            assertThat(practitioner.getNameFirstRep().getText()).isNotBlank();
            assertThat(practitioner.getIdentifierFirstRep().getAssigner().getReference())
                    .isEqualTo("Organization/slc-social-work");
            assertThat(practitioner.getTelecom()).isEmpty();
            assertThat(practitioner.getAddress()).isEmpty();
            assertThat(practitioner.getQualification()).isEmpty();
            assertValid(practitioner);
        }

        @Test
        void showsAPractitionerRoleWithRolesAndTeams() {
            PractitionerRole role = staff("dn.hamilton")
                    .read()
                    .resource(PractitionerRole.class)
                    .withId("sw.blantyre")
                    .execute();

            assertThat(role.getOrganization().getReference()).isEqualTo("Organization/slc-social-work");
            assertThat(role.getPractitioner().getReference()).isEqualTo("Practitioner/sw.blantyre");
            assertThat(role.getCode()).isNotEmpty();
            assertThat(role.getExtension()).isNotEmpty();
            assertValid(role);
        }

        @Test
        void searchesRolesByOrganization() {
            Bundle bundle = staff("dn.hamilton")
                    .search()
                    .forResource(PractitionerRole.class)
                    .where(PractitionerRole.ORGANIZATION.hasId("Organization/slc-housing"))
                    .returnBundle(Bundle.class)
                    .execute();

            assertThat(bundle.getEntry())
                    .extracting(entry -> entry.getResource().getIdElement().getIdPart())
                    .containsExactly("housing.ek");
        }

        @Test
        void answersAnUnknownIdWith404AndAStableCode() {
            assertThatThrownBy(() -> staff("sw.hamilton")
                            .read()
                            .resource(Organization.class)
                            .withId("no-such-agency")
                            .execute())
                    .isInstanceOfSatisfying(
                            ResourceNotFoundException.class,
                            refused -> assertThat(errorCode(refused)).isEqualTo("not-found"));
        }
    }

    @Nested
    class ClientCredentials {

        static String assertion(
                String clientId, KeyPair key, String audience, Instant expires, String jti, Map<String, Object> extra)
                throws Exception {
            JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                    .issuer(clientId)
                    .subject(clientId)
                    .audience(audience)
                    .expirationTime(Date.from(expires))
                    .jwtID(jti);
            extra.forEach(claims::claim);
            boolean rsa = key.getPrivate().getAlgorithm().equals("RSA");
            SignedJWT jwt = new SignedJWT(
                    new JWSHeader.Builder(rsa ? JWSAlgorithm.RS384 : JWSAlgorithm.ES384)
                            .type(JOSEObjectType.JWT)
                            .keyID(clientId)
                            .build(),
                    claims.build());
            jwt.sign(rsa ? new RSASSASigner(key.getPrivate()) : new ECDSASigner((ECPrivateKey) key.getPrivate()));
            return jwt.serialize();
        }

        static String validAssertion(String clientId, KeyPair key) throws Exception {
            return assertion(
                    clientId,
                    key,
                    base + "/oauth2/token",
                    Instant.now().plus(Duration.ofMinutes(4)),
                    UUID.randomUUID().toString(),
                    Map.of());
        }

        static HttpResponse<String> requestToken(String assertion, String scope) {
            String form = "grant_type=client_credentials"
                    + "&client_assertion_type="
                    + URLEncoder.encode(
                            "urn:ietf:params:oauth:client-assertion-type:jwt-bearer", StandardCharsets.UTF_8)
                    + "&client_assertion=" + assertion
                    + "&scope=" + URLEncoder.encode(scope, StandardCharsets.UTF_8);
            return hub.postForm(http, "/oauth2/token", form);
        }

        static long issued(String clientId) {
            return hub.bean(JdbcClient.class)
                    .sql("select count(*) from identity_token_request where username = ? and outcome = 'issued'")
                    .param(clientId)
                    .query(Long.class)
                    .single();
        }

        static long tokenEvents(String clientId) {
            return hub.bean(JdbcClient.class)
                    .sql("select count(*) from transparency_event where event_type = 7 and event like ?")
                    .param("%\"account\":\"" + clientId + "\"%")
                    .query(Long.class)
                    .single();
        }

        static void assertRefused(HttpResponse<String> response, int status, String error, String clientId) {
            assertThat(response.statusCode()).isEqualTo(status);
            JsonNode body = json.readTree(response.body());
            assertThat(body.get("error").asString()).isEqualTo(error);
            assertThat(body.get("error_description").asString()).isNotBlank();
            assertThat(body.has("access_token")).isFalse();
        }

        @Test
        void givesASignedAssertionATokenThatReadsOrganizations() throws Exception {
            long before = issued("nhs-trak");
            long logged = tokenEvents("nhs-trak");

            HttpResponse<String> response = requestToken(validAssertion("nhs-trak", trakKey), "system/*.rs");

            assertThat(response.statusCode()).isEqualTo(200);
            JsonNode body = json.readTree(response.body());
            assertThat(body.get("token_type").asString()).isEqualToIgnoringCase("bearer");
            assertThat(body.get("expires_in").asLong()).isBetween(1L, 300L);
            assertThat(response.headers().firstValue("Cache-Control"))
                    .hasValueSatisfying(v -> assertThat(v).contains("no-store"));
            assertThat(issued("nhs-trak")).isEqualTo(before + 1);
            assertThat(tokenEvents("nhs-trak")).isEqualTo(logged + 1);

            Organization organization = client(body.get("access_token").asString(), null)
                    .read()
                    .resource(Organization.class)
                    .withId("nhs-lanarkshire")
                    .execute();
            assertThat(organization.getName()).isEqualTo("NHS Lanarkshire");
        }

        @Test
        void acceptsAnRs384AssertionActingOnBehalfOfAStaffAccountOfItsAgency() throws Exception {
            String assertion = assertion(
                    "slc-carefirst",
                    careFirstKey,
                    base + "/oauth2/token",
                    Instant.now().plus(Duration.ofMinutes(4)),
                    UUID.randomUUID().toString(),
                    Map.of("ecare_on_behalf_of", "sw.hamilton"));

            HttpResponse<String> response = requestToken(assertion, "system/Organization.rs");

            assertThat(response.statusCode()).isEqualTo(200);
            IGenericClient client =
                    client(json.readTree(response.body()).get("access_token").asString(), null);
            assertThat(client.read()
                            .resource(Organization.class)
                            .withId("slc-housing")
                            .execute()
                            .getName())
                    .startsWith("South Lanarkshire");
            assertThatThrownBy(() -> client.read()
                            .resource(Practitioner.class)
                            .withId("sw.hamilton")
                            .execute())
                    .isInstanceOfSatisfying(
                            ForbiddenOperationException.class,
                            refused -> assertThat(errorCode(refused)).isEqualTo("scope-not-granted"));
        }

        @Test
        void grantsScopesOfCareTeamRelatedPersonAndConsentAndNoOtherType() throws Exception {
            String assertion = assertion(
                    "slc-carefirst",
                    careFirstKey,
                    base + "/oauth2/token",
                    Instant.now().plus(Duration.ofMinutes(4)),
                    UUID.randomUUID().toString(),
                    Map.of("ecare_on_behalf_of", "sw.hamilton"));

            HttpResponse<String> response =
                    requestToken(assertion, "system/CareTeam.rs system/RelatedPerson.rs system/Consent.rs");

            assertThat(response.statusCode()).isEqualTo(200);
            IGenericClient client =
                    client(json.readTree(response.body()).get("access_token").asString(), null);
            Bundle teams = client.search()
                    .forResource(org.hl7.fhir.r4.model.CareTeam.class)
                    .where(new ca.uhn.fhir.rest.gclient.ReferenceClientParam("patient")
                            .hasId("Patient/" + UUID.randomUUID()))
                    .returnBundle(Bundle.class)
                    .execute();
            assertThat(teams.getTotal()).isZero();
            assertThatThrownBy(() -> client.read()
                            .resource(org.hl7.fhir.r4.model.Patient.class)
                            .withId(UUID.randomUUID().toString())
                            .execute())
                    .isInstanceOfSatisfying(
                            ForbiddenOperationException.class,
                            refused -> assertThat(errorCode(refused)).isEqualTo("scope-not-granted"));
        }

        @Test
        void refusesActingOnBehalfWhenThePartnershipFileDoesNotAllowIt() throws Exception {
            String assertion = assertion(
                    "nhs-trak",
                    trakKey,
                    base + "/oauth2/token",
                    Instant.now().plus(Duration.ofMinutes(4)),
                    UUID.randomUUID().toString(),
                    Map.of("ecare_on_behalf_of", "dn.hamilton"));

            assertRefused(requestToken(assertion, "system/*.rs"), 400, "invalid_grant", "nhs-trak");
        }

        @Test
        void refusesActingOnBehalfOfAnotherAgencysStaff() throws Exception {
            String assertion = assertion(
                    "slc-carefirst",
                    careFirstKey,
                    base + "/oauth2/token",
                    Instant.now().plus(Duration.ofMinutes(4)),
                    UUID.randomUUID().toString(),
                    Map.of("ecare_on_behalf_of", "dn.hamilton"));

            assertRefused(requestToken(assertion, "system/*.rs"), 400, "invalid_grant", "slc-carefirst");
        }

        @Test
        void refusesAnAssertionSignedWithAnotherKey() throws Exception {
            long before = issued("slc-carefirst");
            KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
            rsa.initialize(2048);

            assertRefused(
                    requestToken(validAssertion("slc-carefirst", rsa.generateKeyPair()), "system/*.rs"),
                    401,
                    "invalid_client",
                    "slc-carefirst");
            assertThat(issued("slc-carefirst")).isEqualTo(before);
        }

        @Test
        void refusesAnExpiredAssertion() throws Exception {
            String assertion = assertion(
                    "nhs-trak",
                    trakKey,
                    base + "/oauth2/token",
                    Instant.now().minus(Duration.ofMinutes(2)),
                    UUID.randomUUID().toString(),
                    Map.of());

            assertRefused(requestToken(assertion, "system/*.rs"), 401, "invalid_client", "nhs-trak");
        }

        @Test
        void refusesAnAssertionExpiringMoreThanFiveMinutesAhead() throws Exception {
            String assertion = assertion(
                    "nhs-trak",
                    trakKey,
                    base + "/oauth2/token",
                    Instant.now().plus(Duration.ofMinutes(10)),
                    UUID.randomUUID().toString(),
                    Map.of());

            assertRefused(requestToken(assertion, "system/*.rs"), 401, "invalid_client", "nhs-trak");
        }

        @Test
        void refusesAReplayedJti() throws Exception {
            long before = issued("nhs-trak");
            String assertion = validAssertion("nhs-trak", trakKey);
            assertThat(requestToken(assertion, "system/*.rs").statusCode()).isEqualTo(200);

            assertRefused(requestToken(assertion, "system/*.rs"), 401, "invalid_client", "nhs-trak");
            assertThat(issued("nhs-trak")).isEqualTo(before + 1);
        }

        @Test
        void refusesAWrongAudience() throws Exception {
            String assertion = assertion(
                    "nhs-trak",
                    trakKey,
                    "https://elsewhere.example/oauth2/token",
                    Instant.now().plus(Duration.ofMinutes(4)),
                    UUID.randomUUID().toString(),
                    Map.of());

            assertRefused(requestToken(assertion, "system/*.rs"), 401, "invalid_client", "nhs-trak");
        }

        @Test
        void refusesAnUnknownClient() throws Exception {
            long before = hub.bean(JdbcClient.class)
                    .sql("select count(*) from identity_token_request where outcome = 'unknown-client'")
                    .query(Long.class)
                    .single();

            assertRefused(
                    requestToken(validAssertion("no-such-system", trakKey), "system/*.rs"),
                    401,
                    "invalid_client",
                    "no-such-system");
            assertThat(hub.bean(JdbcClient.class)
                            .sql("select count(*) from identity_token_request where outcome = 'unknown-client'")
                            .query(Long.class)
                            .single())
                    .isEqualTo(before + 1);
        }

        @Test
        void refusesAScopeThatIsNotServed() throws Exception {
            assertRefused(
                    requestToken(validAssertion("nhs-trak", trakKey), "system/Observation.rs"),
                    400,
                    "invalid_scope",
                    "nhs-trak");
        }

        @Test
        void refusesAnotherGrantType() {
            HttpResponse<String> response = hub.postForm(http, "/oauth2/token", "grant_type=password&username=x");

            assertRefused(response, 400, "unsupported_grant_type", null);
        }
    }
}
