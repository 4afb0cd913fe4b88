package org.ecarehub.identity.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Date;
import org.ecarehub.partnership.Partnerships;
import org.ecarehub.support.RunningHub;
import org.ecarehub.support.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletRequest;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@Tag("database")
class StaffTokenIntegrationTests {

    @TempDir
    static Path dataDir;

    static RunningHub hub;
    static final HttpClient client = HttpClient.newHttpClient();
    static final JsonMapper json = JsonMapper.builder().build();

    @BeforeAll
    static void startDemoHub() {
        hub = RunningHub.demo(dataDir, TestDatabase.fresh(dataDir));
    }

    @AfterAll
    static void stopHub() {
        hub.close();
    }

    static HttpResponse<String> requestToken(String user, String purpose, String secret) {
        String form = "user=" + URLEncoder.encode(user, StandardCharsets.UTF_8)
                + (purpose == null ? "" : "&purpose=" + purpose);
        return secret == null
                ? hub.postForm(client, "/internal/token", form)
                : hub.postForm(client, "/internal/token", form, TokenEndpoint.SECRET_HEADER, secret);
    }

    static String tokenFor(String user) {
        HttpResponse<String> response = requestToken(user, null, hub.tokenSecret());
        assertThat(response.statusCode()).isEqualTo(200);
        return json.readTree(response.body()).get("access_token").asString();
    }

    static HttpResponse<String> me(String token, String... extraHeaders) {
        String[] headers = new String[2 + extraHeaders.length];
        headers[0] = "Authorization";
        headers[1] = "Bearer " + token;
        System.arraycopy(extraHeaders, 0, headers, 2, extraHeaders.length);
        return hub.get(client, "/api/me", headers);
    }

    static long recordedRequests(String outcome) {
        return hub.bean(JdbcClient.class)
                .sql("select count(*) from identity_token_request where outcome = ?")
                .param(outcome)
                .query(Long.class)
                .single();
    }

    @Nested
    class ApiMe {

        @Test
        void answersWithTheAccountOfTheToken() {
            HttpResponse<String> response = me(tokenFor("sw.hamilton"));

            assertThat(response.statusCode()).isEqualTo(200);
            JsonNode body = json.readTree(response.body());
            assertThat(body.get("username").asString()).isEqualTo("sw.hamilton");
            assertThat(body.get("agency").get("id").asString()).isEqualTo("slc-social-work");
            assertThat(body.get("agency").get("name").asString()).isNotBlank();
            assertThat(body.get("roles").isArray()).isTrue();
            assertThat(body.get("roles")).isNotEmpty();
            assertThat(body.get("teams")).isNotEmpty();
            assertThat(body.get("purpose").asString()).isEqualTo("direct-care");
            assertThat(body.get("displayName").asString()).isNotBlank();
        }

        @Test
        void takesThePurposeFromTheHeaderBeforeTheToken() {
            HttpResponse<String> tokenResponse = requestToken("ed.wishaw", "emergency", hub.tokenSecret());
            String token =
                    json.readTree(tokenResponse.body()).get("access_token").asString();

            assertThat(json.readTree(me(token).body()).get("purpose").asString())
                    .isEqualTo("emergency");
            assertThat(json.readTree(
                                    me(token, "X-Purpose-Of-Use", "direct-care").body())
                            .get("purpose")
                            .asString())
                    .isEqualTo("direct-care");
        }

        @Test
        void refusesAPurposeTheRolesMayNotUse() {
            HttpResponse<String> response = me(tokenFor("housing.ek"), "X-Purpose-Of-Use", "emergency");

            assertThat(response.statusCode()).isEqualTo(403);
            assertThat(response.body()).contains("purpose-not-allowed");
        }

        @Test
        void refusesAnUnknownPurposeAsABadRequest() {
            HttpResponse<String> response = me(tokenFor("sw.hamilton"), "X-Purpose-Of-Use", "curiosity");

            assertThat(response.statusCode()).isEqualTo(400);
        }

        @Test
        void rejectsARequestWithoutAToken() {
            assertThat(hub.get(client, "/api/me").statusCode()).isEqualTo(401);
        }

        @Test
        void rejectsAGarbledToken() {
            assertThat(me("not.a.token").statusCode()).isEqualTo(401);
        }

        @Test
        void rejectsAnExpiredToken() throws Exception {
            RSAKey key = RSAKey.parse(Files.readString(dataDir.resolve("identity/issuer-key.json")));
            String token =
                    sign(key, Instant.now().minusSeconds(3600), Instant.now().minusSeconds(600));

            assertThat(me(token).statusCode()).isEqualTo(401);
        }

        @Test
        void rejectsATokenSignedByAnotherKey() throws Exception {
            RSAKey other = new RSAKeyGenerator(2048).keyID("other").generate();
            String token = sign(other, Instant.now(), Instant.now().plusSeconds(600));

            assertThat(me(token).statusCode()).isEqualTo(401);
        }

        private String sign(RSAKey key, Instant issuedAt, Instant expiresAt) throws Exception {
            JWTClaimsSet claims = new JWTClaimsSet.Builder()
                    .issuer(hub.bean(HubAddress.class).issuer())
                    .subject("sw.hamilton")
                    .issueTime(Date.from(issuedAt))
                    .expirationTime(Date.from(expiresAt))
                    .build();
            SignedJWT jwt = new SignedJWT(
                    new JWSHeader.Builder(JWSAlgorithm.RS256)
                            .keyID(key.getKeyID())
                            .build(),
                    claims);
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        }
    }

    @Nested
    class TokenRequests {

        @Test
        void refusesAndRecordsARequestWithoutTheSecret() {
            long before = recordedRequests("bad-secret");

            HttpResponse<String> response = requestToken("sw.hamilton", null, null);

            assertThat(response.statusCode()).isEqualTo(403);
            assertThat(response.body()).doesNotContain("access_token");
            assertThat(recordedRequests("bad-secret")).isEqualTo(before + 1);
        }

        @Test
        void refusesAndRecordsARequestWithAWrongSecret() {
            long before = recordedRequests("bad-secret");

            assertThat(requestToken("sw.hamilton", null, "guessed").statusCode())
                    .isEqualTo(403);
            assertThat(recordedRequests("bad-secret")).isEqualTo(before + 1);
        }

        @Test
        void refusesAndRecordsARequestFromAnotherMachine() {
            long before = recordedRequests("not-loopback");
            MockHttpServletRequest request = new MockHttpServletRequest("POST", "/internal/token");
            request.setRemoteAddr("192.0.2.7");

            var response = hub.bean(TokenEndpoint.class).token(request, hub.tokenSecret(), "sw.hamilton", null);

            assertThat(response.getStatusCode().value()).isEqualTo(403);
            assertThat(response.getBody()).doesNotContainKey("access_token");
            assertThat(recordedRequests("not-loopback")).isEqualTo(before + 1);
        }

        @Test
        void recordsEveryTokenIssued() {
            long before = recordedRequests("issued");

            tokenFor("dn.hamilton");

            assertThat(recordedRequests("issued")).isEqualTo(before + 1);
        }

        @Test
        void refusesAnAccountThatDoesNotExist() {
            assertThat(requestToken("nobody.here", null, hub.tokenSecret()).statusCode())
                    .isEqualTo(403);
        }

        @Test
        void refusesAPurposeTheAccountMayNotUse() {
            assertThat(requestToken("housing.ek", "child-protection", hub.tokenSecret())
                            .statusCode())
                    .isEqualTo(403);
        }
    }

    @Nested
    class Deactivation {

        @Test
        void stopsTheTokensOfAnAccountDeactivatedInANewPartnershipFile() {
            String token = tokenFor("carehome.mgr");
            assertThat(me(token).statusCode()).isEqualTo(200);
            Partnerships partnerships = hub.bean(Partnerships.class);
            int before = partnerships.current().version();

            String file = DemoFiles.withAccountDeactivated("carehome.mgr");
            partnerships.apply("test", file, "test");

            assertThat(partnerships.current().version()).isEqualTo(before + 1);
            assertThat(me(token).statusCode()).isEqualTo(401);
            assertThat(requestToken("carehome.mgr", null, hub.tokenSecret()).statusCode())
                    .isEqualTo(403);
        }
    }
}
