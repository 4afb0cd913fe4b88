package org.ecarehub.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Takes the transparency log away for the length of a check, by revoking the database user's right to insert into
 * it (PostgreSQL only), so a test can show that a change the log cannot record leaves nothing behind.
 */
public final class LogOutage {

    private LogOutage() {}

    /** What runs while the log is away. */
    public interface Check {
        void run();
    }

    public static void withoutTheLog(TestDatabase database, Check check) throws SQLException {
        execute(database, "revoke insert on transparency_event from current_user");
        try {
            check.run();
        } finally {
            execute(database, "grant insert on transparency_event to current_user");
        }
    }

    private static void execute(TestDatabase database, String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(database.url(), database.user(), database.password());
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
