package org.ecarehub.support;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An OpenID Connect provider on loopback for the authorization code flow, standing in for the partnership's citizen
 * identity service as GreenMail stands in for its mail server: discovery, an authorization endpoint at which the user
 * set by {@link #signInAs} has just signed in, a token endpoint that checks the client's secret (HTTP Basic) and the
 * code, and the keys that sign its ID tokens. The hub under test speaks to it over real HTTP with Spring Security's
 * own client.
 */
public final class TestOidcProvider implements AutoCloseable {

    private record Pending(String clientId, String redirectUri, String nonce) {}

    private final HttpServer server;
    private final String issuer;
    private final String clientId;
    private final String clientSecret;
    private final RSAKey key;
    private final RSAKey otherKey;
    private final Map<String, Pending> codes = new ConcurrentHashMap<>();
    private volatile String subject = "citizen-1";
    private volatile String email = "citizen@example.org";
    private volatile boolean signWithOtherKey;

    private TestOidcProvider(String clientId, String clientSecret) throws IOException, JOSEException {
        this.clientId = clientId;
        this.clientSecret = clientSecret;
        this.key = new RSAKeyGenerator(2048).keyID("provider").generate();
        this.otherKey = new RSAKeyGenerator(2048).keyID("provider").generate();
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        this.issuer = "http://127.0.0.1:" + server.getAddress().getPort() + "/citizens";
        server.createContext(
                "/citizens/.well-known/openid-configuration", exchange -> json(exchange, 200, discovery()));
        server.createContext(
                "/citizens/jwks", exchange -> json(exchange, 200, new JWKSet(key.toPublicJWK()).toString()));
        server.createContext("/citizens/authorize", this::authorize);
        server.createContext("/citizens/token", this::token);
        server.start();
    }

    public static TestOidcProvider start(String clientId, String clientSecret) {
        try {
            return new TestOidcProvider(clientId, clientSecret);
        } catch (IOException | JOSEException e) {
            throw new IllegalStateException("the test OpenID provider did not start", e);
        }
    }

    public String issuer() {
        return issuer;
    }

    /** The person who signs in at the provider next: their subject (the provider's id for them) and email. */
    public void signInAs(String subject, String email) {
        this.subject = subject;
        this.email = email;
    }

    /** Signs the next ID tokens with a key the provider does not publish, as a forger would. */
    public void signWithAnotherKey(boolean forge) {
        this.signWithOtherKey = forge;
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private String discovery() {
        return "{\"issuer\":\"" + issuer + "\",\"authorization_endpoint\":\"" + issuer + "/authorize\","
                + "\"token_endpoint\":\"" + issuer + "/token\",\"jwks_uri\":\"" + issuer + "/jwks\","
                + "\"response_types_supported\":[\"code\"],\"subject_types_supported\":[\"public\"],"
                + "\"id_token_signing_alg_values_supported\":[\"RS256\"],"
                + "\"token_endpoint_auth_methods_supported\":[\"client_secret_basic\"],"
                + "\"scopes_supported\":[\"openid\",\"email\"]}";
    }

    /** The user has signed in here already: the provider sends the browser back with a code at once. */
    private void authorize(HttpExchange exchange) throws IOException {
        Map<String, String> query = form(exchange.getRequestURI().getRawQuery());
        if (!clientId.equals(query.get("client_id"))
                || !"code".equals(query.get("response_type"))
                || query.get("redirect_uri") == null
                || !List.of(query.getOrDefault("scope", "").split(" ")).contains("openid")) {
            json(exchange, 400, "{\"error\":\"invalid_request\"}");
            return;
        }
        String code = UUID.randomUUID().toString();
        codes.put(code, new Pending(clientId, query.get("redirect_uri"), query.get("nonce")));
        String back = query.get("redirect_uri") + "?code=" + code + "&state="
                + URLEncoder.encode(query.getOrDefault("state", ""), StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Location", back);
        exchange.sendResponseHeaders(302, -1);
        exchange.close();
    }

    private void token(HttpExchange exchange) throws IOException {
        String expected = "Basic "
                + Base64.getEncoder()
                        .encodeToString((URLEncoder.encode(clientId, StandardCharsets.UTF_8) + ":"
                                        + URLEncoder.encode(clientSecret, StandardCharsets.UTF_8))
                                .getBytes(StandardCharsets.UTF_8));
        if (!"POST".equals(exchange.getRequestMethod())
                || !expected.equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
            json(exchange, 401, "{\"error\":\"invalid_client\"}");
            return;
        }
        Map<String, String> body = form(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        Pending pending = codes.remove(body.getOrDefault("code", ""));
        if (!"authorization_code".equals(body.get("grant_type"))
                || pending == null
                || !pending.redirectUri().equals(body.get("redirect_uri"))) {
            json(exchange, 400, "{\"error\":\"invalid_grant\"}");
            return;
        }
        json(
                exchange,
                200,
                "{\"access_token\":\"" + UUID.randomUUID() + "\",\"token_type\":\"Bearer\",\"expires_in\":300,"
                        + "\"scope\":\"openid email\",\"id_token\":\"" + idToken(pending) + "\"}");
    }

    private String idToken(Pending pending) {
        Instant now = Instant.now();
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .issuer(issuer)
                .subject(subject)
                .audience(pending.clientId())
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plusSeconds(300)))
                .claim("email", email)
                .claim("email_verified", true);
        if (pending.nonce() != null) {
            claims.claim("nonce", pending.nonce());
        }
        RSAKey signer = signWithOtherKey ? otherKey : key;
        try {
            SignedJWT jwt = new SignedJWT(
                    new JWSHeader.Builder(JWSAlgorithm.RS256)
                            .keyID(signer.getKeyID())
                            .build(),
                    claims.build());
            jwt.sign(new RSASSASigner(signer));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException("could not sign the ID token", e);
        }
    }

    private static Map<String, String> form(String raw) {
        Map<String, String> values = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return values;
        }
        for (String pair : raw.split("&")) {
            int equals = pair.indexOf('=');
            String name = equals < 0 ? pair : pair.substring(0, equals);
            String value = equals < 0 ? "" : pair.substring(equals + 1);
            values.put(
                    URLDecoder.decode(name, StandardCharsets.UTF_8), URLDecoder.decode(value, StandardCharsets.UTF_8));
        }
        return values;
    }

    private static void json(HttpExchange exchange, int status, String body) {
        try (exchange) {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
