package org.ecarehub.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Map;
import org.ecarehub.identity.PortalAccounts;
import org.ecarehub.identity.PortalRefused;
import org.ecarehub.identity.StaffCredentials;
import org.ecarehub.identity.internal.TotpCodes;
import org.ecarehub.shared.PersonId;
import org.ecarehub.shared.Username;
import org.ecarehub.support.RunningHub;
import org.ecarehub.support.TestDatabase;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Portal sign-in over real HTTP on a hub that serves (no demo): demo portal accounts are never created nor accepted,
 * staff and portal sessions never reach each other's pages, and an external OpenID Connect provider replaces local
 * sign-in.
 */
@Tag("database")
class PortalSignInIntegrationTests {

    static final String SECRET = "JBSWY3DPEHPK3PXP";

    @TempDir
    Path dataDir;

    RunningHub serve(Map<String, Object> extra) throws Exception {
        Path file = dataDir.resolve("partnership.yaml");
        try (var in = getClass().getResourceAsStream("/demo/partnership.yaml")) {
            Files.write(file, in.readAllBytes());
        }
        Map<String, Object> properties = new java.util.HashMap<>(extra);
        properties.put("ecare.partnership-file", file.toString());
        return RunningHub.start("serve", dataDir, TestDatabase.fresh(dataDir), properties);
    }

    /** Stores an account as a demo seeding would, or as registration would with the same secrets. */
    static void store(RunningHub hub, String username, String password, boolean demo) {
        hub.bean(JdbcClient.class)
                .sql("insert into identity_portal_account (username, email, password_hash, totp_secret,"
                        + " last_totp_step, status, bound_to, demo, created_at) values (?, ?, ?, ?, -1, 'UNBOUND',"
                        + " null, ?, ?)")
                .params(
                        username,
                        username + "@example.org",
                        hub.bean(PasswordEncoder.class).encode(password),
                        SECRET,
                        demo,
                        Timestamp.from(Instant.now()))
                .update();
    }

    static HttpResponse<String> signIn(RunningHub hub, HttpClient browser, String username, String password) {
        return PageForms.post(
                hub,
                browser,
                "/portal/sign-in",
                "/portal/sign-in",
                "username=" + username + "&password=" + PageForms.encoded(password) + "&code="
                        + TotpCodes.next(username, SECRET));
    }

    @Test
    void servingNeverCreatesNorAcceptsDemoPortalAccounts() throws Exception {
        try (RunningHub hub = serve(Map.of())) {
            assertThat(hub.bean(JdbcClient.class)
                            .sql("select count(*) from identity_portal_account")
                            .query(Long.class)
                            .single())
                    .isZero();
            assertThatThrownBy(() -> hub.bean(PortalAccounts.class)
                            .seedDemo(Username.of("david.thomson"), "d@example.org", PersonId.random()))
                    .isInstanceOf(PortalRefused.class)
                    .hasMessage("demo portal accounts exist only in demo mode");

            store(hub, "david.thomson", "demo", true);
            HttpResponse<String> demo = signIn(hub, RunningHub.browser(), "david.thomson", "demo");
            assertThat(PageForms.location(demo)).endsWith("/portal/sign-in?error");

            // The same secrets on an account that is not a demo's sign in: it is the demo flag that refused.
            store(hub, "ann.real", "demo", false);
            HttpResponse<String> real = signIn(hub, RunningHub.browser(), "ann.real", "demo");
            assertThat(PageForms.location(real)).endsWith("/portal");
        }
    }

    @Test
    void staffAndPortalSessionsNeverReachEachOthersPages() throws Exception {
        try (RunningHub hub = serve(Map.of())) {
            hub.bean(StaffCredentials.class).setPassword(Username.of("sw.hamilton"), "a real passphrase", false);
            store(hub, "ann.portal", "heather on the braes in june", false);

            HttpClient staff = RunningHub.browser();
            HttpResponse<String> staffSignIn = PageForms.post(
                    hub, staff, "/sign-in", "/sign-in", "username=sw.hamilton&password=a+real+passphrase");
            assertThat(PageForms.location(staffSignIn)).endsWith("/home");
            assertThat(hub.get(staff, "/home").statusCode()).isEqualTo(200);
            HttpResponse<String> staffAtPortal = hub.get(staff, "/portal");
            assertThat(staffAtPortal.statusCode()).isEqualTo(302);
            assertThat(PageForms.location(staffAtPortal)).endsWith("/portal/sign-in");

            HttpClient person = RunningHub.browser();
            assertThat(PageForms.location(signIn(hub, person, "ann.portal", "heather on the braes in june")))
                    .endsWith("/portal");
            assertThat(hub.get(person, "/portal").statusCode()).isEqualTo(200);
            HttpResponse<String> personAtHome = hub.get(person, "/home");
            assertThat(personAtHome.statusCode()).isEqualTo(302);
            assertThat(PageForms.location(personAtHome)).endsWith("/sign-in");
            assertThat(hub.get(person, "/verification").statusCode()).isEqualTo(302);
        }
    }

    @Test
    void aCodeIsAcceptedOnlyOnce() throws Exception {
        try (RunningHub hub = serve(Map.of())) {
            store(hub, "ann.replay", "heather on the braes in june", false);
            String code = TotpCodes.next("ann.replay", SECRET);
            String form = "username=ann.replay&password=heather+on+the+braes+in+june&code=" + code;
            HttpResponse<String> first =
                    PageForms.post(hub, RunningHub.browser(), "/portal/sign-in", "/portal/sign-in", form);
            HttpResponse<String> replayed =
                    PageForms.post(hub, RunningHub.browser(), "/portal/sign-in", "/portal/sign-in", form);
            assertThat(PageForms.location(first)).endsWith("/portal");
            assertThat(PageForms.location(replayed)).endsWith("/portal/sign-in?error");
        }
    }

    @Test
    void anExternalProviderReplacesLocalAccounts() throws Exception {
        try (RunningHub hub = serve(Map.of(
                "ecare.portal.oidc.issuer", "http://127.0.0.1:9/realms/citizens",
                "ecare.portal.oidc.client-id", "ecare-portal",
                "ecare.portal.oidc.client-secret", "not-a-real-secret"))) {
            HttpClient browser = RunningHub.browser();
            HttpResponse<String> page = hub.get(browser, "/portal/sign-in");
            assertThat(page.body()).contains("id=\"provider-sign-in\"").doesNotContain("id=\"code\"");
            assertThatThrownBy(() -> hub.bean(PortalAccounts.class)
                            .register(Username.of("ann.local"), "ann@example.org", "heather on the braes in june"))
                    .isInstanceOf(PortalRefused.class);

            store(hub, "ann.local", "heather on the braes in june", false);
            // No local sign-in form is served, and a posted one signs nobody in.
            HttpResponse<String> local = hub.postForm(
                    browser,
                    "/portal/sign-in",
                    "username=ann.local&password=heather+on+the+braes+in+june&code="
                            + TotpCodes.next("ann.local", SECRET));
            assertThat(local.headers().firstValue("Location").orElse("")).doesNotEndWith("/portal");
            HttpResponse<String> portal = hub.get(browser, "/portal");
            assertThat(portal.statusCode()).isEqualTo(302);
            assertThat(PageForms.location(portal)).endsWith("/portal/sign-in");
        }
    }
}
