package org.ecarehub.shared;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.SqlParameterValue;
import org.springframework.jdbc.core.SqlTypeValue;
import org.springframework.jdbc.core.StatementCreatorUtils;

/**
 * Inserts rows as one multi-row {@code insert ... values (...), (...)} statement (in chunks of at most {@link
 * #ROWS_PER_STATEMENT} rows): one round trip and one statement for the database to run, where a JDBC batch is still
 * one execution a row on PostgreSQL. A protection message inserts twelve relationships, five routings, five
 * deliveries and six steps in its sender's transaction; a hundred messages a second made thousands of executions.
 */
public final class BatchInserts {

    /** Rows in one statement: well under PostgreSQL's 65,535 parameters for the widest of these tables. */
    static final int ROWS_PER_STATEMENT = 500;

    private BatchInserts() {}

    /**
     * Runs {@code sql}, an insert ending in {@code values (...)} with one placeholder or literal a column, for all the
     * rows at once.
     */
    public static void all(JdbcTemplate jdbc, String sql, List<Object[]> rows) {
        insert(jdbc, sql, rows, false);
    }

    /**
     * Runs {@code sql} (an insert ending in {@code values (...)} into a table whose generated key column is {@code
     * id}) for all the rows at once.
     *
     * @return the generated ids, in the order of the rows
     */
    public static List<Long> returningIds(JdbcTemplate jdbc, String sql, List<Object[]> rows) {
        return insert(jdbc, sql, rows, true);
    }

    private static List<Long> insert(JdbcTemplate jdbc, String sql, List<Object[]> rows, boolean ids) {
        int values = sql.lastIndexOf(" values (");
        if (values < 0 || !sql.endsWith(")")) {
            throw new IllegalArgumentException("not an insert ending in values (...)");
        }
        String head = sql.substring(0, values) + " values ";
        String tuple = sql.substring(values + " values ".length());
        List<Long> generated = new ArrayList<>();
        for (int from = 0; from < rows.size(); from += ROWS_PER_STATEMENT) {
            List<Object[]> chunk = rows.subList(from, Math.min(rows.size(), from + ROWS_PER_STATEMENT));
            String statement = head + String.join(", ", Collections.nCopies(chunk.size(), tuple));
            List<Long> chunkIds = jdbc.execute(
                    connection -> ids
                            ? connection.prepareStatement(statement, new String[] {"id"})
                            : connection.prepareStatement(statement),
                    (PreparedStatement insert) -> {
                        int parameter = 1;
                        for (Object[] row : chunk) {
                            for (Object value : row) {
                                set(insert, parameter++, value);
                            }
                        }
                        int inserted = insert.executeUpdate();
                        if (inserted != chunk.size()) {
                            throw new IllegalStateException(
                                    "the database inserted " + inserted + " rows of " + chunk.size());
                        }
                        return ids ? keys(insert, chunk.size()) : List.<Long>of();
                    });
            generated.addAll(chunkIds);
        }
        return generated;
    }

    /**
     * The generated ids in the order of the rows. One statement takes its identity values in the order of its {@code
     * values} list, so within one statement the rows' ids rise with their place in it (other sessions may take
     * numbers in between, never out of order); sorting makes that order independent of the order the driver returns
     * them in.
     */
    private static List<Long> keys(PreparedStatement insert, int expected) throws SQLException {
        List<Long> keys = new ArrayList<>();
        try (ResultSet rows = insert.getGeneratedKeys()) {
            while (rows.next()) {
                keys.add(rows.getLong(1));
            }
        }
        if (keys.size() != expected) {
            throw new IllegalStateException("the database returned " + keys.size() + " ids for " + expected + " rows");
        }
        Collections.sort(keys);
        return keys;
    }

    private static void set(PreparedStatement insert, int parameter, Object value) throws SQLException {
        if (value instanceof SqlParameterValue typed) {
            StatementCreatorUtils.setParameterValue(insert, parameter, typed, typed.getValue());
        } else {
            StatementCreatorUtils.setParameterValue(insert, parameter, SqlTypeValue.TYPE_UNKNOWN, value);
        }
    }
}
