package org.ecarehub.fhir;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.Map;
import java.util.UUID;
import org.ecarehub.partnership.Partnerships;
import org.ecarehub.support.RunningHub;
import org.ecarehub.support.TestDatabase;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A demo hub on a known address with agency systems registered in its partnership file, and their client credentials:
 * the tokens an agency system's integration engine would get, for whatever scopes it asks.
 */
final class AgencySystems {

    private static final JsonMapper json = JsonMapper.builder().build();

    final RunningHub hub;
    final String base;
    private final KeyPair key;
    private final HttpClient http = HttpClient.newHttpClient();

    private AgencySystems(RunningHub hub, String base, KeyPair key) {
        this.hub = hub;
        this.base = base;
        this.key = key;
    }

    /**
     * The demo, with each system registered under its agency (client id to agency id), every one allowed to act on
     * behalf of its agency's staff, all with one RSA key.
     */
    static AgencySystems demo(Path dataDir, Map<String, String> systems, Map<String, Object> settings)
            throws Exception {
        KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
        rsa.initialize(2048);
        KeyPair key = rsa.generateKeyPair();
        int port = freePort();
        String base = "http://localhost:" + port;
        Map<String, Object> properties = new java.util.LinkedHashMap<>(settings);
        properties.put("ecare.demo.people", 0);
        properties.put("server.port", port);
        properties.put("ecare.base-url", base);
        RunningHub hub = RunningHub.start("demo", dataDir, TestDatabase.fresh(dataDir), properties);
        String partnership = new String(
                AgencySystems.class
                        .getResourceAsStream("/demo/partnership.yaml")
                        .readAllBytes(),
                StandardCharsets.UTF_8);
        for (Map.Entry<String, String> system : systems.entrySet()) {
            String agency = "  - id: " + system.getValue() + "\n";
            if (!partnership.contains(agency)) {
                throw new IllegalArgumentException("no agency " + system.getValue() + " in the demo partnership");
            }
            partnership = partnership.replace(agency, agency + registration(system.getKey(), key));
        }
        hub.bean(Partnerships.class).apply("test-partnership.yaml", partnership, "test");
        return new AgencySystems(hub, base, key);
    }

    /** The partnership file's registration of an agency system under its agency, with the public half of the key. */
    static String registration(String clientId, KeyPair key) {
        String pem = "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                        .encodeToString(key.getPublic().getEncoded())
                + "\n-----END PUBLIC KEY-----";
        return "    systems:\n"
                + "      - client-id: " + clientId + "\n"
                + "        on-behalf-of-staff: true\n"
                + "        public-key: |\n"
                + pem.lines().map(line -> "          " + line + "\n").reduce("", String::concat);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** The token endpoint's answer to a fresh client assertion asking for the scopes, on behalf of a user or not. */
    HttpResponse<String> requestToken(String clientId, String scope, String onBehalfOf) {
        return requestToken(hub, http, base, key, clientId, scope, onBehalfOf);
    }

    /** As a system's integration engine asks: a client assertion signed with its key, RS384, for four minutes. */
    static HttpResponse<String> requestToken(
            RunningHub hub,
            HttpClient http,
            String base,
            KeyPair key,
            String clientId,
            String scope,
            String onBehalfOf) {
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .issuer(clientId)
                .subject(clientId)
                .audience(base + "/oauth2/token")
                .expirationTime(Date.from(Instant.now().plus(Duration.ofMinutes(4))))
                .jwtID(UUID.randomUUID().toString());
        if (onBehalfOf != null) {
            claims.claim("ecare_on_behalf_of", onBehalfOf);
        }
        SignedJWT jwt = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.RS384)
                        .type(JOSEObjectType.JWT)
                        .keyID(clientId)
                        .build(),
                claims.build());
        try {
            jwt.sign(new RSASSASigner(key.getPrivate()));
        } catch (com.nimbusds.jose.JOSEException e) {
            throw new IllegalStateException(e);
        }
        String form = "grant_type=client_credentials&client_assertion_type="
                + URLEncoder.encode("urn:ietf:params:oauth:client-assertion-type:jwt-bearer", StandardCharsets.UTF_8)
                + "&client_assertion=" + jwt.serialize() + "&scope=" + URLEncoder.encode(scope, StandardCharsets.UTF_8);
        return hub.postForm(http, "/oauth2/token", form);
    }

    /** A token granted for the scopes; fails the test when the endpoint refuses. */
    String token(String clientId, String scope, String onBehalfOf) {
        HttpResponse<String> response = requestToken(clientId, scope, onBehalfOf);
        if (response.statusCode() != 200) {
            throw new AssertionError("no token for " + scope + ": " + response.statusCode() + " " + response.body());
        }
        return body(response).get("access_token").asString();
    }

    static JsonNode body(HttpResponse<String> response) {
        return json.readTree(response.body());
    }
}
