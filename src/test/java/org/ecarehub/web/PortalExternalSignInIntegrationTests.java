package org.ecarehub.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.ecarehub.support.RunningHub;
import org.ecarehub.support.TestDatabase;
import org.ecarehub.support.TestOidcProvider;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Portal sign-in through an OpenID Connect provider, as in production (issue 8, item 1): the hub's own Spring Security
 * client over real HTTP against a provider on loopback, through the whole authorization code flow. The account it
 * signs in to is the provider's person, unbound, so it sees nothing until staff verify and bind it (P1).
 */
@Tag("database")
class PortalExternalSignInIntegrationTests {

    static final String CLIENT_ID = "ecare-portal";
    /** With characters that HTTP Basic must form-encode, as a generated secret may have. */
    static final String CLIENT_SECRET = "s3cret:with/odd+chars";

    @TempDir
    Path dataDir;

    RunningHub serve(TestOidcProvider provider) throws Exception {
        Path file = dataDir.resolve("partnership.yaml");
        try (var in = getClass().getResourceAsStream("/demo/partnership.yaml")) {
            Files.write(file, in.readAllBytes());
        }
        return RunningHub.start(
                "serve",
                dataDir,
                TestDatabase.fresh(dataDir),
                Map.of(
                        "ecare.partnership-file",
                        file.toString(),
                        "ecare.portal.oidc.issuer",
                        provider.issuer(),
                        "ecare.portal.oidc.client-id",
                        CLIENT_ID,
                        "ecare.portal.oidc.client-secret",
                        CLIENT_SECRET));
    }

    /** The browser's journey: to the provider, back with a code, and where the hub sends it then. */
    static HttpResponse<String> signIn(RunningHub hub, HttpClient browser) throws Exception {
        HttpResponse<String> start = hub.get(browser, "/portal/oauth2/authorization/portal");
        assertThat(start.statusCode()).isEqualTo(302);
        String toProvider = where(start);
        assertThat(toProvider)
                .contains("/citizens/authorize?")
                .contains("nonce=")
                .contains("state=");
        HttpResponse<String> atProvider = follow(browser, toProvider);
        assertThat(atProvider.statusCode()).isEqualTo(302);
        String back = where(atProvider);
        assertThat(back).startsWith(hub.uri("/portal/login/oauth2/code/portal").toString());
        return follow(browser, back);
    }

    /** Where a redirect sends the browser, host and all: the provider is on another origin. */
    static String where(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(302);
        return response.headers().firstValue("Location").orElseThrow();
    }

    static HttpResponse<String> follow(HttpClient browser, String location) throws Exception {
        return browser.send(
                HttpRequest.newBuilder(URI.create(location)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    static long externalAccounts(RunningHub hub) {
        return hub.bean(JdbcClient.class)
                .sql("select count(*) from identity_portal_account where username like 'oidc-%'")
                .query(Long.class)
                .single();
    }

    @Test
    void signsInThroughTheProviderToAnUnboundAccountThatSeesNothing() throws Exception {
        try (TestOidcProvider provider = TestOidcProvider.start(CLIENT_ID, CLIENT_SECRET);
                RunningHub hub = serve(provider)) {
            provider.signInAs("citizen-4711", "morag.lennox@example.org");
            HttpClient browser = RunningHub.browser();

            HttpResponse<String> landed = signIn(hub, browser);
            assertThat(landed.statusCode()).isEqualTo(302);
            assertThat(PageForms.location(landed)).endsWith("/portal");
            HttpResponse<String> home = hub.get(browser, "/portal");
            assertThat(home.statusCode()).isEqualTo(200);
            assertThat(home.body()).contains("id=\"unbound\"").contains("id=\"ask-verification\"");
            HttpResponse<String> record = hub.get(browser, "/portal/record");
            assertThat(record.body()).doesNotContain("govuk-summary-card");
            assertThat(externalAccounts(hub)).isEqualTo(1);

            // The same person signing in again, in another browser, reaches the same account; another person, another.
            signIn(hub, RunningHub.browser());
            assertThat(externalAccounts(hub)).isEqualTo(1);
            provider.signInAs("citizen-4712", "iain.baird@example.org");
            signIn(hub, RunningHub.browser());
            assertThat(externalAccounts(hub)).isEqualTo(2);
        }
    }

    @Test
    void refusesAnIdTokenTheProviderDidNotSign() throws Exception {
        try (TestOidcProvider provider = TestOidcProvider.start(CLIENT_ID, CLIENT_SECRET);
                RunningHub hub = serve(provider)) {
            provider.signWithAnotherKey(true);
            HttpClient browser = RunningHub.browser();

            HttpResponse<String> landed = signIn(hub, browser);
            assertThat(PageForms.location(landed)).endsWith("/portal/sign-in?error");
            HttpResponse<String> home = hub.get(browser, "/portal");
            assertThat(home.statusCode()).isEqualTo(302);
            assertThat(PageForms.location(home)).endsWith("/portal/sign-in");
            assertThat(externalAccounts(hub)).isZero();
        }
    }
}
