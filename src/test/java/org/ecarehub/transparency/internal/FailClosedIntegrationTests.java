package org.ecarehub.transparency.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import org.ecarehub.support.RunningHub;
import org.ecarehub.support.TcpProxy;
import org.ecarehub.support.TestDatabase;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * When the log cannot commit, the access that asked for it fails: shown on a token request, the one access the
 * hub has that is logged before anything is handed out, with real failures of a PostgreSQL database.
 */
@Tag("postgres")
class FailClosedIntegrationTests {

    @TempDir
    Path dataDir;

    static final HttpClient client = HttpClient.newHttpClient();

    static HttpResponse<String> requestToken(RunningHub hub) {
        return hub.postForm(client, "/internal/token", "user=sw.hamilton", "X-Ecare-Token-Secret", hub.tokenSecret());
    }

    static Map<String, Object> quickFailures() {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("ecare.demo.people", 0);
        // The partnership stays cached, so that only the log meets the failure.
        properties.put("ecare.partnership.refresh-interval", "1h");
        properties.put("ecare.log.append-timeout", "5s");
        properties.put("spring.datasource.hikari.connection-timeout", "2000");
        return properties;
    }

    @Test
    void refusesATokenWhenTheDatabaseUserMayNotInsertIntoTheLog() throws SQLException {
        TestDatabase database = TestDatabase.fresh(dataDir);
        try (RunningHub hub = RunningHub.start("demo", dataDir, database, quickFailures())) {
            assertThat(requestToken(hub).statusCode()).isEqualTo(200);

            execute(database, "revoke insert on transparency_event from current_user");
            try {
                HttpResponse<String> refused = requestToken(hub);
                assertThat(refused.statusCode()).isEqualTo(503);
                assertThat(refused.body()).contains("log-unavailable").doesNotContain("access_token");
            } finally {
                execute(database, "grant insert on transparency_event to current_user");
            }
            assertThat(requestToken(hub).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void refusesATokenWhenTheDatabaseGoesAwayMidRun() {
        TestDatabase direct = TestDatabase.fresh(dataDir);
        URI target = URI.create(direct.url().substring("jdbc:".length()));
        try (TcpProxy proxy = new TcpProxy(target.getHost(), target.getPort() < 0 ? 5432 : target.getPort())) {
            TestDatabase viaProxy = new TestDatabase(
                    direct.url().replace(target.getHost() + ":" + target.getPort(), "127.0.0.1:" + proxy.port()),
                    direct.user(),
                    direct.password());
            try (RunningHub hub = RunningHub.start("demo", dataDir, viaProxy, quickFailures())) {
                assertThat(requestToken(hub).statusCode()).isEqualTo(200);

                proxy.cut();
                HttpResponse<String> refused = requestToken(hub);
                assertThat(refused.statusCode()).isEqualTo(503);
                assertThat(refused.body()).contains("log-unavailable").doesNotContain("access_token");

                proxy.restore();
            }
        }
    }

    static void execute(TestDatabase database, String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(database.url(), database.user(), database.password());
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
