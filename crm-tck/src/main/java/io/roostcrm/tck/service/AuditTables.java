package io.roostcrm.tck.service;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Direct access to a store's audit table, as a database administrator has it, for the kit's tampering checks
 * ({@link CrmServiceCompatibilityKit#auditTables()}). The table has Roost's change-log columns ({@code sequence_no},
 * {@code changes}, ...); the head table has {@code id} and {@code last_sequence}.
 *
 * @param connections opens a plain connection (auto-commit) to the store's database
 * @param logTable    the change-log table's name as SQL (with its prefix, if any)
 * @param headTable   the change-log head table's name as SQL
 */
public record AuditTables(Connector connections, String logTable, String headTable) {

    /** Opens a connection. */
    @FunctionalInterface
    public interface Connector {
        /** A new connection, which the caller closes. */
        Connection open() throws SQLException;
    }

    /** Checks. */
    public AuditTables {
        Objects.requireNonNull(connections, "connections");
        Objects.requireNonNull(logTable, "logTable");
        Objects.requireNonNull(headTable, "headTable");
    }

    /** Runs an update; returns the row count. */
    int update(String sql, Object... params) {
        try (Connection c = connections.open(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                s.setObject(i + 1, params[i]);
            }
            return s.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("tampering failed: " + e.getMessage(), e);
        }
    }

    /** Every column of the rows a query returns, by lower-case column name, in column order. */
    List<Map<String, Object>> rows(String sql, Object... params) {
        try (Connection c = connections.open(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                s.setObject(i + 1, params[i]);
            }
            List<Map<String, Object>> out = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                ResultSetMetaData meta = rs.getMetaData();
                while (rs.next()) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    for (int i = 1; i <= meta.getColumnCount(); i++) {
                        row.put(meta.getColumnLabel(i).toLowerCase(java.util.Locale.ROOT), rs.getObject(i));
                    }
                    out.add(row);
                }
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException("reading the audit table failed: " + e.getMessage(), e);
        }
    }

    /** One row of the log, by sequence number. */
    Map<String, Object> row(long sequence) {
        List<Map<String, Object>> rows = rows("SELECT * FROM " + logTable + " WHERE sequence_no = ?", sequence);
        if (rows.size() != 1) {
            throw new IllegalStateException("no audit row " + sequence);
        }
        return rows.get(0);
    }

    /** Inserts a row with these column values. */
    void insert(String table, Map<String, Object> row) {
        String columns = String.join(", ", row.keySet());
        String marks = String.join(", ", row.keySet().stream().map(k -> "?").toList());
        update("INSERT INTO " + table + " (" + columns + ") VALUES (" + marks + ")", row.values().toArray());
    }

    /** Sets every column but the sequence number of row {@code sequence} to these values. */
    void overwrite(long sequence, Map<String, Object> values) {
        List<String> sets = new ArrayList<>();
        List<Object> params = new ArrayList<>();
        values.forEach((column, value) -> {
            if (!column.equals("sequence_no")) {
                sets.add(column + " = ?");
                params.add(value);
            }
        });
        params.add(sequence);
        update("UPDATE " + logTable + " SET " + String.join(", ", sets) + " WHERE sequence_no = ?", params.toArray());
    }

    /** The greatest sequence number in the log. */
    long lastSequence() {
        Object max = rows("SELECT MAX(sequence_no) AS m FROM " + logTable).get(0).get("m");
        return max == null ? 0 : ((Number) max).longValue();
    }
}
