package org.ecarehub.shared;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * What the database behind a connection is, for the few statements written once for PostgreSQL and once for the
 * embedded H2 (an insert inside {@code WITH}, an update that returns rows).
 */
public final class Databases {

    private Databases() {}

    /** Whether the connection is to PostgreSQL. */
    public static boolean isPostgreSql(Connection connection) throws SQLException {
        return "PostgreSQL".equals(connection.getMetaData().getDatabaseProductName());
    }
}
