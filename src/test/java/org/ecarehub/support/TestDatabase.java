package org.ecarehub.support;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The database a test runs on: embedded H2 by default, PostgreSQL when the build's {@code full} profile sets
 * {@code ecare.test.database=postgresql} (connection from ECARE_TEST_DB_URL, ECARE_TEST_DB_USER and
 * ECARE_TEST_DB_PASSWORD). Each call gives a fresh, empty database: an H2 file or a PostgreSQL schema of its own.
 */
public record TestDatabase(String url, String user, String password) {

    public static boolean postgresql() {
        return "postgresql".equals(System.getProperty("ecare.test.database"));
    }

    public static TestDatabase fresh(Path directory) {
        if (!postgresql()) {
            Path file = directory.resolve("ecare-" + UUID.randomUUID());
            return new TestDatabase(
                    "jdbc:h2:file:" + file + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH",
                    "sa",
                    "");
        }
        String base = env("ECARE_TEST_DB_URL", "jdbc:postgresql://localhost:5432/ecare_test");
        String user = env("ECARE_TEST_DB_USER", "ecare");
        String password = env("ECARE_TEST_DB_PASSWORD", "ecare");
        String schema = "t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        try (Connection connection = DriverManager.getConnection(base, user, password);
                Statement statement = connection.createStatement()) {
            statement.execute("create schema " + schema);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot reach the test PostgreSQL database at " + base, e);
        }
        String separator = base.contains("?") ? "&" : "?";
        return new TestDatabase(base + separator + "currentSchema=" + schema, user, password);
    }

    /** Spring properties pointing the hub at this database. */
    public Map<String, Object> properties() {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("spring.datasource.url", url);
        properties.put("spring.datasource.username", user);
        properties.put("spring.datasource.password", password);
        return properties;
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
