package org.ecarehub.cli;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

/** Which database the hub uses, and a check that it can be reached before anything starts. */
record DatabaseTarget(String url, String user, String password) {

    static final int LOGIN_TIMEOUT_SECONDS = 10;

    static DatabaseTarget of(Path dataDir, String url, String user, String password) {
        if (url == null || url.isBlank()) {
            return new DatabaseTarget(embeddedUrl(dataDir), "sa", "");
        }
        return new DatabaseTarget(url, user == null ? "" : user, password == null ? "" : password);
    }

    /** H2 in PostgreSQL mode so that one set of migrations serves both databases. */
    static String embeddedUrl(Path dataDir) {
        Path file = dataDir.toAbsolutePath().normalize().resolve("ecare");
        return "jdbc:h2:file:" + file + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH"
                // The hub closes the database itself when it stops, after the log's last sequencing round.
                + ";DB_CLOSE_ON_EXIT=FALSE";
    }

    boolean embedded() {
        return url.startsWith("jdbc:h2:");
    }

    /** The URL without credentials or parameters, for messages. */
    String displayUrl() {
        int parameters = url.indexOf('?');
        String withoutQuery = parameters < 0 ? url : url.substring(0, parameters);
        int semicolon = withoutQuery.indexOf(';');
        return semicolon < 0 ? withoutQuery : withoutQuery.substring(0, semicolon);
    }

    /** Opens and closes one connection, giving up after {@value #LOGIN_TIMEOUT_SECONDS} seconds. */
    void checkReachable() throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", user);
        properties.setProperty("password", password);
        if (url.startsWith("jdbc:postgresql:")) {
            properties.setProperty("connectTimeout", String.valueOf(LOGIN_TIMEOUT_SECONDS));
            properties.setProperty("loginTimeout", String.valueOf(LOGIN_TIMEOUT_SECONDS));
            properties.setProperty("socketTimeout", String.valueOf(LOGIN_TIMEOUT_SECONDS));
        }
        DriverManager.setLoginTimeout(LOGIN_TIMEOUT_SECONDS);
        try (Connection connection = DriverManager.getConnection(url, properties)) {
            connection.isValid(LOGIN_TIMEOUT_SECONDS);
        }
    }
}
