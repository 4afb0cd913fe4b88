package org.ecarehub.identity.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import org.ecarehub.support.RunningHub;
import org.ecarehub.support.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A hub that takes staff tokens from an external OpenID Connect issuer, served here on loopback. */
@Tag("database")
class ExternalIssuerIntegrationTests {

    @TempDir
    static Path dataDir;

    static HttpServer issuerServer;
    static RSAKey issuerKey;
    static String issuer;
    static RunningHub hub;
    static final HttpClient client = HttpClient.newHttpClient();

    @BeforeAll
    static void startIssuerAndHub() throws Exception {
        issuerKey = new RSAKeyGenerator(2048).keyID("external").generate();
        issuerServer = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        issuer = "http://127.0.0.1:" + issuerServer.getAddress().getPort();
        serve(
                "/.well-known/openid-configuration",
                "{\"issuer\":\"" + issuer + "\",\"jwks_uri\":\"" + issuer
                        + "/jwks\",\"subject_types_supported\":[\"public\"],\"response_types_supported\":[\"code\"],"
                        + "\"id_token_signing_alg_values_supported\":[\"RS256\"],\"authorization_endpoint\":\"" + issuer
                        + "/authorize\",\"token_endpoint\":\"" + issuer + "/token\"}");
        serve("/jwks", new JWKSet(issuerKey.toPublicJWK()).toString());
        issuerServer.start();
        Path file = dataDir.resolve("partnership.yaml");
        Files.writeString(file, DemoFiles.demoPartnership());
        hub = RunningHub.start(
                "serve",
                dataDir,
                TestDatabase.fresh(dataDir),
                Map.of("ecare.oidc-issuer", issuer, "ecare.partnership-file", file.toString()));
    }

    static void serve(String path, String json) {
        issuerServer.createContext(path, exchange -> {
            byte[] body = json.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            try (var out = exchange.getResponseBody()) {
                out.write(body);
            } catch (IOException ignored) {
                // the client went away
            }
        });
    }

    @AfterAll
    static void stop() {
        hub.close();
        issuerServer.stop(0);
    }

    static String externalToken(RSAKey key, String tokenIssuer, String username) throws Exception {
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(tokenIssuer)
                .subject("f3c1a2e0-opaque-subject")
                .claim("ecare_username", username)
                .issueTime(Date.from(Instant.now()))
                .expirationTime(Date.from(Instant.now().plusSeconds(300)))
                .build();
        SignedJWT jwt = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), claims);
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }

    @Test
    void acceptsATokenOfTheExternalIssuerNamingAStaffAccountInItsClaim() throws Exception {
        var response = hub.get(
                client, "/api/me", "Authorization", "Bearer " + externalToken(issuerKey, issuer, "sw.hamilton"));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"username\":\"sw.hamilton\"");
    }

    @Test
    void rejectsATokenNamingNoStaffAccount() throws Exception {
        var response = hub.get(
                client, "/api/me", "Authorization", "Bearer " + externalToken(issuerKey, issuer, "somebody.else"));

        assertThat(response.statusCode()).isEqualTo(401);
    }

    @Test
    void rejectsATokenFromAnotherIssuer() throws Exception {
        RSAKey other = new RSAKeyGenerator(2048).keyID("external").generate();

        var response =
                hub.get(client, "/api/me", "Authorization", "Bearer " + externalToken(other, issuer, "sw.hamilton"));

        assertThat(response.statusCode()).isEqualTo(401);
    }

    @Test
    void refusesToMintTokensItselfAndRecordsTheRefusal() {
        var response = hub.postForm(
                client, "/internal/token", "user=sw.hamilton", TokenEndpoint.SECRET_HEADER, hub.tokenSecret());

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.body()).contains("external-issuer");
    }

    @Test
    void refusesToMintAgencySystemTokensItself() {
        var response = hub.postForm(
                client, "/internal/token", "agency=nhs-lanarkshire", TokenEndpoint.SECRET_HEADER, hub.tokenSecret());

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.body()).contains("external-issuer").doesNotContain("access_token");
    }
}
