package org.ecarehub.identity.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.ecarehub.cli.EcareCli;
import org.ecarehub.support.RunningHub;
import org.ecarehub.support.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;

/** Tokens for an agency's own system, minted for the hub's operator as staff tokens are. */
@Tag("database")
class AgencySystemTokenIntegrationTests {

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

    static HttpResponse<String> requestToken(String agency, String secret) {
        return secret == null
                ? hub.postForm(client, "/internal/token", "agency=" + agency)
                : hub.postForm(client, "/internal/token", "agency=" + agency, TokenEndpoint.SECRET_HEADER, secret);
    }

    static long count(String sql, Object... params) {
        return hub.bean(JdbcClient.class)
                .sql(sql)
                .params(params)
                .query(Long.class)
                .single();
    }

    @Test
    void mintsATokenForAnActiveAgencyAndRecordsAndLogsIt() {
        long logged = count(
                "select count(*) from transparency_event where event_type = 7 and event like ?",
                "%\"account\":\"agency-system:police-scotland\"%");

        HttpResponse<String> response = requestToken("police-scotland", hub.tokenSecret());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(json.readTree(response.body()).get("expires_in").asLong()).isBetween(1L, 900L);
        assertThat(count(
                        "select count(*) from identity_token_request where username = ? and outcome = 'issued'",
                        "agency-system:police-scotland"))
                .isEqualTo(1);
        assertThat(count(
                        "select count(*) from transparency_event where event_type = 7 and event like ?",
                        "%\"account\":\"agency-system:police-scotland\"%"))
                .isEqualTo(logged + 1);
    }

    @Test
    void refusesAnAgencyThePartnershipDoesNotHave() {
        HttpResponse<String> response = requestToken("no-such-agency", hub.tokenSecret());

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.body()).contains("no-active-agency").doesNotContain("access_token");
    }

    @Test
    void refusesACallerWithoutTheSecret() {
        assertThat(requestToken("nhs-lanarkshire", null).statusCode()).isEqualTo(403);
        assertThat(requestToken("nhs-lanarkshire", "guessed").statusCode()).isEqualTo(403);
    }

    @Test
    void givesATokenThatIsNoStaffAccounts() {
        String token = json.readTree(
                        requestToken("slc-housing", hub.tokenSecret()).body())
                .get("access_token")
                .asString();

        HttpResponse<String> me = hub.get(client, "/api/me", "Authorization", "Bearer " + token);

        assertThat(me.statusCode()).isEqualTo(403);
        assertThat(me.body()).contains("not-staff");
    }

    @Test
    void printsOnlyTheTokenFromTheCommandLine() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();

        int exitCode = EcareCli.run(
                new PrintWriter(out, true),
                new PrintWriter(err, true),
                "token",
                "--agency",
                "caring-hands",
                "--url",
                hub.uri("").toString(),
                "--data-dir",
                hub.dataDir().toString());

        assertThat(exitCode).as(err.toString()).isZero();
        assertThat(out.toString().strip()).matches("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+");
    }
}
