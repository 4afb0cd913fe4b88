package org.ecarehub.shared;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.ArgumentPreparedStatementSetter;
import org.springframework.jdbc.core.BatchPreparedStatementSetter;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;

/**
 * Inserts rows in one JDBC batch and returns the ids the database gave them, in order: one round trip where a change
 * used to make one a row (a protection message's routings, its relationships).
 */
public final class BatchInserts {

    private BatchInserts() {}

    /**
     * Runs {@code sql} (an insert into a table whose generated key column is {@code id}) once for each row.
     *
     * @return the generated ids, in the order of the rows
     */
    public static List<Long> returningIds(JdbcTemplate jdbc, String sql, List<Object[]> rows) {
        if (rows.isEmpty()) {
            return List.of();
        }
        KeyHolder keys = new GeneratedKeyHolder();
        jdbc.batchUpdate(
                connection -> connection.prepareStatement(sql, new String[] {"id"}),
                new BatchPreparedStatementSetter() {
                    @Override
                    public void setValues(PreparedStatement statement, int i) throws SQLException {
                        new ArgumentPreparedStatementSetter(rows.get(i)).setValues(statement);
                    }

                    @Override
                    public int getBatchSize() {
                        return rows.size();
                    }
                },
                keys);
        List<Map<String, Object>> generated = keys.getKeyList();
        if (generated.size() != rows.size()) {
            throw new IllegalStateException(
                    "the database returned " + generated.size() + " ids for " + rows.size() + " rows");
        }
        return generated.stream()
                .map(row -> ((Number) row.values().iterator().next()).longValue())
                .toList();
    }
}
