package io.roostcrm.store.fluentcrm.internal;

import io.roostcrm.core.CrmStoreException;
import io.roostcrm.core.CrmValidationException;
import io.roostcrm.core.Violation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Runs statements on the connection of one unit of work, binding parameters and translating {@link SQLException}s
 * at the SPI boundary (messages name what failed, never a value; the cause is kept only
 * {@link io.roostcrm.core.RedactedCause redacted}, and the full failure is logged at DEBUG).
 */
public final class Jdbc {

    private static final Logger LOG = LoggerFactory.getLogger(Jdbc.class);

    /** Maps the current row. */
    @FunctionalInterface
    public interface RowMapper<T> {
        /** The value of the current row. */
        T map(ResultSet rs) throws SQLException;
    }

    private final Connection connection;

    /** On a connection. */
    public Jdbc(Connection connection) {
        this.connection = connection;
    }

    /** The connection. */
    public Connection connection() {
        return connection;
    }

    /** Runs an INSERT, UPDATE or DELETE; returns the affected row count. */
    public int update(String sql, Object... params) {
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            bind(ps, params);
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw translate(e, "write");
        }
    }

    /** Runs an INSERT and returns the generated key. */
    public long insert(String sql, Object... params) {
        try (PreparedStatement ps = connection.prepareStatement(sql, Statement.RETURN_GENERATED_KEYS)) {
            bind(ps, params);
            ps.executeUpdate();
            try (ResultSet keys = ps.getGeneratedKeys()) {
                if (!keys.next()) {
                    throw new CrmStoreException("the database returned no generated id", null);
                }
                return keys.getLong(1);
            }
        } catch (SQLException e) {
            throw translate(e, "insert");
        }
    }

    /** Runs a query and maps every row. */
    public <T> List<T> query(String sql, RowMapper<T> mapper, Object... params) {
        return query(sql, mapper, List.of(params));
    }

    /** Runs a query with a parameter list and maps every row. */
    public <T> List<T> query(String sql, RowMapper<T> mapper, List<?> params) {
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            bind(ps, params.toArray());
            try (ResultSet rs = ps.executeQuery()) {
                List<T> out = new ArrayList<>();
                while (rs.next()) {
                    out.add(mapper.map(rs));
                }
                return out;
            }
        } catch (SQLException e) {
            throw translate(e, "read");
        }
    }

    /** The first row of a query, if any. */
    public <T> Optional<T> first(String sql, RowMapper<T> mapper, Object... params) {
        List<T> rows = query(sql, mapper, params);
        return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
    }

    /** A single number. */
    public long number(String sql, Object... params) {
        return first(sql, rs -> rs.getLong(1), params).orElse(0L);
    }

    /** Runs a statement without parameters (DDL). */
    public void execute(String sql) {
        try (Statement st = connection.createStatement()) {
            st.execute(sql);
        } catch (SQLException e) {
            throw translate(e, "run a statement");
        }
    }

    private static void bind(PreparedStatement ps, Object[] params) throws SQLException {
        for (int i = 0; i < params.length; i++) {
            Object p = params[i];
            if (p instanceof Boolean b) {
                ps.setBoolean(i + 1, b);
            } else {
                ps.setObject(i + 1, p);
            }
        }
    }

    /**
     * Whether an exception broke the foreign key from Roost's contact side rows to its stages: {@code true} when a
     * stage still in use was to be deleted, {@code false} when a contact was to be moved to a stage that is gone.
     */
    private static Optional<Boolean> stageForeignKey(SQLException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException s && String.valueOf(s.getMessage()).toLowerCase(Locale.ROOT)
                    .contains("roost_contacts_stage_fk")) {
                int code = s.getErrorCode();
                String state = String.valueOf(s.getSQLState());
                if (code == 1451 || state.equals("23503")) {
                    return Optional.of(true);
                }
                if (code == 1452 || state.equals("23506")) {
                    return Optional.of(false);
                }
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return Optional.empty();
    }

    /** Whether an exception is a unique-key violation. */
    public static boolean isDuplicateKey(SQLException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException s && (s.getErrorCode() == 1062 || s.getErrorCode() == 23505
                    || "23505".equals(s.getSQLState()))) {
                return true;
            }
        }
        return false;
    }

    /** Translates an SQL failure: a duplicate e-mail is a validation failure, anything else a store failure. */
    public static RuntimeException translate(SQLException e, String action) {
        LOG.debug("FluentCRM store could not {}", action, e);
        Optional<Boolean> stage = stageForeignKey(e);
        if (stage.isPresent()) {
            // A stage deleted by another node while this one moved a contact to it, or the other way round.
            return stage.get()
                    ? new CrmValidationException(Violation.of("stage", "in_use", "is the stage of at least one contact"))
                    : new CrmValidationException(Violation.of("stage", "unknown_stage", "must be an existing stage"));
        }
        if (isDuplicateKey(e)) {
            String message = String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT);
            if (message.contains("email")) {
                return new CrmValidationException(Violation.of("email", "unique", "must be unique"), e);
            }
            if (message.contains("roost_stages")) {
                return new CrmValidationException(Violation.of("name", "unique", "must be unique"), e);
            }
            if (message.contains("roost_users") || message.contains("login")) {
                return new CrmValidationException(Violation.of("login", "unique", "must be unique"), e);
            }
        }
        return new CrmStoreException("FluentCRM store could not " + action + " (SQL state " + e.getSQLState() + ")", e);
    }
}
