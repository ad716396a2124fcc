package io.roostcrm.store.jdbc.internal;

import io.roostcrm.core.CrmStoreException;
import io.roostcrm.core.CrmValidationException;
import io.roostcrm.core.Violation;
import org.jooq.exception.DataAccessException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.SQLException;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Translates JDBC and jOOQ failures into Roost's exceptions at the SPI boundary. A unique-key violation becomes a
 * {@link CrmValidationException} on the field the constraint guards (recognised by the constraint names of the
 * migrations); anything else a {@link CrmStoreException}. Neither the messages nor the causes handed on carry the
 * database's text, which holds the SQL and may hold bound values: the cause is kept only
 * {@link io.roostcrm.core.RedactedCause redacted}, and the full failure is logged here at DEBUG.
 */
public final class SqlErrors {

    private static final Logger LOG = LoggerFactory.getLogger(SqlErrors.class);

    /** Constraint (or index) name, lower case, to the field it guards. */
    private static final Map<String, String> UNIQUE_FIELDS = Map.of(
            "uq_roost_contact_email", "email",
            "uq_roost_group_kind_slug", "slug",
            "uq_roost_stage_name", "name",
            "uq_roost_user_login", "login",
            "uq_roost_custom_field_key", "key",
            "pk_roost_user", "id");

    private SqlErrors() {
    }

    /**
     * The exception to throw for a database failure.
     *
     * @param failure     what jOOQ or JDBC threw
     * @param operation   what the store was doing, e.g. {@code "insert a contact"}; no values
     * @param uniqueField the field a unique violation is about when the constraint cannot be recognised (MariaDB
     *                    reports primary keys as {@code PRIMARY}); empty for none
     */
    public static RuntimeException translate(RuntimeException failure, String operation, Optional<String> uniqueField) {
        LOG.debug("could not {}", operation, failure);
        SQLException sql = sqlException(failure);
        if (sql != null && isUniqueViolation(sql)) {
            Optional<String> field = guardedField(sql).or(() -> uniqueField);
            if (field.isPresent()) {
                return new CrmValidationException(Violation.of(field.get(), "unique", "must be unique"), failure);
            }
        }
        String state = sql == null ? (failure instanceof DataAccessException d ? d.sqlState() : null) : sql.getSQLState();
        return new CrmStoreException("could not " + operation + (state == null ? "" : " (SQLState " + state + ")"),
                failure);
    }

    /**
     * The foreign key a failure broke (one of the migrations' {@code fk_roost_*} names, lower case), when it was a
     * foreign-key violation: a child row whose parent is gone, or a parent row a child still refers to.
     */
    public static Optional<String> brokenForeignKey(RuntimeException failure) {
        SQLException sql = sqlException(failure);
        for (SQLException s = sql; s != null; s = s.getNextException()) {
            String state = s.getSQLState();
            int code = s.getErrorCode();
            if ("23503".equals(state) || "23506".equals(state) || code == 1451 || code == 1452) {
                String message = String.valueOf(s.getMessage()).toLowerCase(Locale.ROOT);
                int at = message.indexOf("fk_roost_");
                if (at >= 0) {
                    int end = at;
                    while (end < message.length()
                            && (Character.isLetterOrDigit(message.charAt(end)) || message.charAt(end) == '_')) {
                        end++;
                    }
                    return Optional.of(message.substring(at, end));
                }
                return Optional.of("");
            }
            if (s.getNextException() == s) {
                break;
            }
        }
        return Optional.empty();
    }

    /**
     * Whether a failure, anywhere in its cause chain, says the connection to the database is gone (closed by the
     * server, reset by the network, the database shut down), as opposed to a statement the database refused.
     */
    public static boolean isLostConnection(Throwable failure) {
        int depth = 0;
        for (Throwable t = failure; t != null && depth < 32; t = t.getCause(), depth++) {
            if (t instanceof SQLException sql) {
                for (SQLException s = sql; s != null; s = s.getNextException()) {
                    if (lost(s.getSQLState(), s.getErrorCode())) {
                        return true;
                    }
                    if (s.getNextException() == s) {
                        break;
                    }
                }
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }

    private static boolean lost(String state, int code) {
        if (state != null && (state.startsWith("08") || state.equals("57P01") || state.equals("57P02")
                || state.equals("57P03") || state.equals("70100"))) {
            return true; // connection exceptions; PostgreSQL admin shutdown, crash, cannot connect now; MariaDB killed
        }
        // MariaDB: killed, server gone away, lost connection; H2: connection broken, database closed.
        return code == 1927 || code == 2006 || code == 2013 || code == 90067 || code == 90098 || code == 90121;
    }

    /**
     * Whether the failure is a statement naming a column the table does not have: PostgreSQL 42703, MariaDB 1054, H2
     * 42122 (SQLState 42S22 on both). The store only names columns of custom fields it has loaded, so this means one
     * was removed (by another unit of work, perhaps on another node) after the definitions were read.
     */
    public static boolean isMissingColumn(Throwable failure) {
        // The whole chain: once redacted (a CrmException's cause), the driver's state sits below jOOQ's wrapper's.
        int depth = 0;
        for (Throwable t = failure; t != null && depth++ < 32; t = t.getCause()) {
            if (t instanceof SQLException sql) {
                String state = sql.getSQLState();
                if ("42703".equals(state) || "42S22".equals(state) || sql.getErrorCode() == 1054
                        || sql.getErrorCode() == 42122) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Whether the failure's SQL exception has this vendor error code. */
    public static boolean hasVendorCode(RuntimeException failure, int code) {
        SQLException sql = sqlException(failure);
        return sql != null && sql.getErrorCode() == code;
    }

    private static SQLException sqlException(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLException s) {
                return s;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return null;
    }

    private static boolean isUniqueViolation(SQLException e) {
        for (SQLException s = e; s != null; s = s.getNextException()) {
            String state = s.getSQLState();
            if ("23505".equals(state) || s.getErrorCode() == 1062) {
                return true;
            }
            if (s.getNextException() == s) {
                break;
            }
        }
        return false;
    }

    private static Optional<String> guardedField(SQLException e) {
        String message = String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT);
        String best = null;
        for (String constraint : UNIQUE_FIELDS.keySet()) {
            if (message.contains(constraint) && (best == null || constraint.length() > best.length())) {
                best = constraint;
            }
        }
        return Optional.ofNullable(best).map(UNIQUE_FIELDS::get);
    }
}
