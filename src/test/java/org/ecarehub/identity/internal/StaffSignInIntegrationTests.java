package org.ecarehub.identity.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.HttpCookie;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.ecarehub.partnership.Partnerships;
import org.ecarehub.support.RunningHub;
import org.ecarehub.support.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@Tag("database")
class StaffSignInIntegrationTests {

    @TempDir
    static Path dataDir;

    static RunningHub hub;

    @BeforeAll
    static void startDemoHub() {
        hub = RunningHub.demo(dataDir, TestDatabase.fresh(dataDir));
    }

    @AfterAll
    static void stopHub() {
        hub.close();
    }

    static String csrfToken(HttpClient browser) {
        HttpResponse<String> page = hub.get(browser, "/sign-in");
        Matcher matcher =
                Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"").matcher(page.body());
        assertThat(matcher.find()).as("the sign-in form carries a CSRF token").isTrue();
        return matcher.group(1);
    }

    static HttpResponse<String> signIn(HttpClient browser, String username, String password) {
        String form = "username=" + URLEncoder.encode(username, StandardCharsets.UTF_8) + "&password="
                + URLEncoder.encode(password, StandardCharsets.UTF_8) + "&_csrf=" + csrfToken(browser);
        return hub.postForm(browser, "/sign-in", form);
    }

    static String sessionId(HttpClient browser) {
        return ((java.net.CookieManager) browser.cookieHandler().orElseThrow())
                .getCookieStore().getCookies().stream()
                        .filter(cookie -> cookie.getName().equals("ECARE_SESSION"))
                        .map(HttpCookie::getValue)
                        .findFirst()
                        .orElse(null);
    }

    @Test
    void signsInADemoAccountAndShowsItsHome() {
        HttpClient browser = RunningHub.browser();

        HttpResponse<String> response = signIn(browser, "sw.hamilton", "demo");

        assertThat(response.statusCode()).isEqualTo(302);
        assertThat(response.headers().firstValue("Location").orElseThrow()).endsWith("/home");
        HttpResponse<String> home = hub.get(browser, "/home");
        assertThat(home.statusCode()).isEqualTo(200);
        assertThat(home.body()).contains("sw.hamilton").contains("South Lanarkshire");
    }

    @Test
    void givesANewSessionIdOnSignIn() {
        HttpClient browser = RunningHub.browser();
        csrfToken(browser);
        String before = sessionId(browser);

        signIn(browser, "dn.hamilton", "demo");

        assertThat(before).isNotNull();
        assertThat(sessionId(browser)).isNotNull().isNotEqualTo(before);
    }

    @Test
    void refusesAWrongPassword() {
        HttpClient browser = RunningHub.browser();

        HttpResponse<String> response = signIn(browser, "gp.hamilton", "wrong");

        assertThat(response.headers().firstValue("Location").orElseThrow()).contains("/sign-in?error");
        assertThat(hub.get(browser, "/home").statusCode()).isEqualTo(302);
    }

    @Test
    void refusesASignInWithoutTheCsrfToken() {
        HttpClient browser = RunningHub.browser();
        hub.get(browser, "/sign-in");

        HttpResponse<String> response = hub.postForm(browser, "/sign-in", "username=sw.hamilton&password=demo");

        assertThat(response.statusCode()).isIn(302, 403);
        assertThat(hub.get(browser, "/home").statusCode()).isEqualTo(302);
    }

    @Test
    void locksAnAccountAfterFiveFailuresEvenForTheRightPassword() {
        HttpClient browser = RunningHub.browser();
        for (int attempt = 0; attempt < 5; attempt++) {
            signIn(browser, "ot.hamilton", "wrong-" + attempt);
        }

        HttpResponse<String> response = signIn(browser, "ot.hamilton", "demo");

        assertThat(response.headers().firstValue("Location").orElseThrow()).contains("/sign-in?error");
    }

    @Test
    void answersAnUnknownAccountExactlyAsAWrongPassword() {
        HttpResponse<String> unknown = signIn(RunningHub.browser(), "no.such.person", "demo");
        HttpResponse<String> wrong = signIn(RunningHub.browser(), "hv.blantyre", "wrong");

        assertThat(unknown.statusCode()).isEqualTo(wrong.statusCode());
        assertThat(unknown.headers().firstValue("Location"))
                .isEqualTo(wrong.headers().firstValue("Location"));
    }

    @Test
    void endsTheSessionOfAnAccountDeactivatedInANewPartnershipFile() {
        HttpClient browser = RunningHub.browser();
        signIn(browser, "homecare.org", "demo");
        assertThat(hub.get(browser, "/home").statusCode()).isEqualTo(200);

        hub.bean(Partnerships.class).apply("test", DemoFiles.withAccountDeactivated("homecare.org"), "test");

        HttpResponse<String> after = hub.get(browser, "/home");
        assertThat(after.statusCode()).isEqualTo(302);
        assertThat(after.headers().firstValue("Location").orElseThrow()).contains("/sign-in");
    }

    @Test
    void sendsSecurityHeadersWithAStrictContentSecurityPolicy() {
        HttpResponse<String> page = hub.get(RunningHub.browser(), "/");

        String policy = page.headers().firstValue("Content-Security-Policy").orElseThrow();
        assertThat(policy)
                .contains("frame-ancestors 'none'")
                .contains("script-src 'self' 'nonce-")
                .doesNotContain("unsafe-inline");
        Matcher nonce = Pattern.compile("'nonce-([^']+)'").matcher(policy);
        assertThat(nonce.find()).isTrue();
        assertThat(page.body()).contains("nonce=\"" + nonce.group(1) + "\"");
        assertThat(page.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
        assertThat(page.headers().firstValue("Referrer-Policy")).contains("no-referrer");
        assertThat(page.headers().firstValue("X-Frame-Options")).contains("DENY");
    }

    @Test
    void givesEveryResponseItsOwnNonce() {
        String first = hub.get(RunningHub.browser(), "/")
                .headers()
                .firstValue("Content-Security-Policy")
                .orElseThrow();
        String second = hub.get(RunningHub.browser(), "/")
                .headers()
                .firstValue("Content-Security-Policy")
                .orElseThrow();

        assertThat(first).isNotEqualTo(second);
    }
}
