package org.ecarehub.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.ecarehub.identity.StaffCredentials;
import org.ecarehub.partnership.Partnerships;
import org.ecarehub.shared.StartRefused;
import org.ecarehub.shared.Username;
import org.ecarehub.support.RunningHub;
import org.ecarehub.support.TestDatabase;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;

@Tag("database")
class DemoAndServeModesIntegrationTests {

    @TempDir
    Path dataDir;

    static long count(RunningHub hub, String table) {
        return hub.bean(JdbcClient.class)
                .sql("select count(*) from " + table)
                .query(Long.class)
                .single();
    }

    static int signInStatus(RunningHub hub, String username, String password) {
        HttpClient browser = RunningHub.browser();
        Matcher csrf = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"")
                .matcher(hub.get(browser, "/sign-in").body());
        assertThat(csrf.find()).isTrue();
        HttpResponse<String> response = hub.postForm(
                browser,
                "/sign-in",
                "username=" + username + "&password=" + URLEncoder.encode(password, StandardCharsets.UTF_8) + "&_csrf="
                        + csrf.group(1));
        return hub.get(browser, "/home").statusCode();
    }

    @Test
    void reportsHealthyOnlyWithTheDemoDataInPlaceAndServesMetricsToLoopback() {
        try (RunningHub hub = RunningHub.demo(dataDir, TestDatabase.fresh(dataDir))) {
            HttpClient client = HttpClient.newHttpClient();
            HttpResponse<String> health = hub.get(client, "/actuator/health");
            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(health.body())
                    .contains("\"status\":\"UP\"")
                    .contains("\"demo\"")
                    .contains("\"db\"");

            HttpResponse<String> metrics = hub.get(client, "/actuator/prometheus");
            assertThat(metrics.statusCode()).isEqualTo(200);
            assertThat(metrics.body()).contains("jvm_memory_used_bytes");

            hub.bean(JdbcClient.class).sql("delete from demo_seed").update();
            assertThat(hub.get(client, "/actuator/health").statusCode()).isEqualTo(503);
        }
    }

    @Test
    void seedsTheSyntheticPeopleOnceStartedAndIsHealthyOnlyThen() {
        TestDatabase database = TestDatabase.fresh(dataDir);
        try (RunningHub hub = RunningHub.start("demo", dataDir, database, Map.of("ecare.demo.people", 40))) {
            // RunningHub waits for the background seeding, as a person opening the demo waits for health UP.
            assertThat(count(hub, "person_person")).isGreaterThan(7 + 30);
            assertThat(hub.get(HttpClient.newHttpClient(), "/actuator/health").statusCode())
                    .isEqualTo(200);

            hub.bean(JdbcClient.class)
                    .sql("update demo_seed set people_seeded_at = null")
                    .update();
            assertThat(hub.get(HttpClient.newHttpClient(), "/actuator/health").statusCode())
                    .isEqualTo(503);
        }
    }

    @Test
    void reusesWhatIsThereOnRestartAndStartsAfreshWithReset() {
        TestDatabase database = TestDatabase.fresh(dataDir);
        long credentials;
        try (RunningHub first = RunningHub.demo(dataDir, database)) {
            credentials = count(first, "identity_credential");
            assertThat(credentials).isGreaterThanOrEqualTo(17);
            first.bean(JdbcClient.class)
                    .sql("insert into identity_token_request (requested_at, username, remote_address, outcome)"
                            + " values (current_timestamp, 'x', '127.0.0.1', 'marker')")
                    .update();
        }
        try (RunningHub again = RunningHub.demo(dataDir, database)) {
            assertThat(count(again, "partnership_version")).isEqualTo(1);
            assertThat(count(again, "identity_credential")).isEqualTo(credentials);
            assertThat(count(again, "demo_seed")).isEqualTo(1);
            assertThat(count(again, "identity_token_request")).isEqualTo(1);
        }
        try (RunningHub reset =
                RunningHub.start("demo", dataDir, database, Map.of("ecare.demo.reset", true, "ecare.demo.people", 0))) {
            assertThat(count(reset, "identity_token_request")).isZero();
            assertThat(count(reset, "partnership_version")).isEqualTo(1);
            assertThat(signInStatus(reset, "sw.hamilton", "demo")).isEqualTo(200);
        }
    }

    @Test
    void refusesToServeADemoDatabase() {
        TestDatabase database = TestDatabase.fresh(dataDir);
        RunningHub.demo(dataDir, database).close();

        assertThatThrownBy(() -> RunningHub.start("serve", dataDir, database, Map.of()))
                .hasRootCauseInstanceOf(StartRefused.class)
                .rootCause()
                .hasMessageContaining("seeded by ./ecare demo");
    }

    @Test
    void neverCreatesOrAcceptsDemoAccountsWhenServing() throws Exception {
        Path file = dataDir.resolve("partnership.yaml");
        try (var in = getClass().getResourceAsStream("/demo/partnership.yaml")) {
            Files.write(file, in.readAllBytes());
        }
        try (RunningHub hub = RunningHub.start(
                "serve", dataDir, TestDatabase.fresh(dataDir), Map.of("ecare.partnership-file", file.toString()))) {
            assertThat(hub.bean(Partnerships.class).activeStaff(Username.of("sw.hamilton")))
                    .isPresent();
            assertThat(hub.bean(StaffCredentials.class).hasPassword(Username.of("sw.hamilton")))
                    .isFalse();
            assertThat(count(hub, "identity_credential")).isZero();
            assertThat(signInStatus(hub, "sw.hamilton", "demo")).isEqualTo(302);
            assertThat(hub.get(HttpClient.newHttpClient(), "/actuator/health").statusCode())
                    .isEqualTo(200);
        }
    }

    @Test
    void refusesADemoCredentialWhenServingEvenIfOneWereStored() {
        Path file = dataDir.resolve("partnership.yaml");
        try (var in = getClass().getResourceAsStream("/demo/partnership.yaml")) {
            Files.write(file, in.readAllBytes());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        try (RunningHub hub = RunningHub.start(
                "serve", dataDir, TestDatabase.fresh(dataDir), Map.of("ecare.partnership-file", file.toString()))) {
            hub.bean(StaffCredentials.class).setPassword(Username.of("gp.hamilton"), "demo", true);
            hub.bean(StaffCredentials.class).setPassword(Username.of("dn.hamilton"), "a real passphrase", false);

            assertThat(signInStatus(hub, "gp.hamilton", "demo")).isEqualTo(302);
            assertThat(signInStatus(hub, "dn.hamilton", "a real passphrase")).isEqualTo(200);
        }
    }
}
