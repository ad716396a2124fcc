package io.roostcrm.core;

import java.sql.SQLException;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * One link of the cause chain of a {@link CrmException}, with its text removed. Database drivers and SQL libraries
 * put the statement (with schema, table and column names) and often the bound values (e-mail addresses of a failed
 * batch, the duplicate key) into their messages; such a cause must not travel to a caller, who may log it or show it.
 * What stays is what diagnoses a failure without revealing data: the original class name, the SQLState and vendor
 * code when the original was an {@link SQLException}, and the original stack trace. Stores log the unredacted
 * failure at DEBUG.
 *
 * <p>{@link CrmException} redacts every cause it is given (a cause that is itself a {@link CrmException} is kept:
 * its message is already safe and its own cause redacted). Next exceptions ({@link SQLException#getNextException()})
 * and suppressed exceptions are dropped. Immutable apart from {@link Throwable}'s own state.
 */
public final class RedactedCause extends SQLException {

    /** Cause chains longer than this are cut (drivers do not nest that deep; a cycle would never end). */
    private static final int MAX_DEPTH = 32;

    private final String originalClassName;

    private RedactedCause(Throwable original) {
        super(describe(original), original instanceof SQLException sql ? sql.getSQLState() : null,
                original instanceof SQLException sql ? sql.getErrorCode() : 0);
        this.originalClassName = original.getClass().getName();
        setStackTrace(original.getStackTrace());
    }

    /**
     * The redacted form of a failure and its whole cause chain; {@code null} for {@code null}. A
     * {@link CrmException} or a {@code RedactedCause} is returned unchanged.
     */
    public static Throwable redact(Throwable failure) {
        return redact(failure, new IdentityHashMap<>(), 0);
    }

    private static Throwable redact(Throwable failure, Map<Throwable, Boolean> seen, int depth) {
        if (failure == null || failure instanceof CrmException || failure instanceof RedactedCause) {
            return failure;
        }
        RedactedCause redacted = new RedactedCause(failure);
        seen.put(failure, Boolean.TRUE);
        Throwable cause = failure.getCause();
        if (cause != null && depth < MAX_DEPTH && !seen.containsKey(cause)) {
            redacted.initCause(redact(cause, seen, depth + 1));
        }
        return redacted;
    }

    /** The class of the exception this stands for, e.g. {@code org.postgresql.util.PSQLException}. */
    public String originalClassName() {
        return originalClassName;
    }

    private static String describe(Throwable original) {
        StringBuilder text = new StringBuilder(original.getClass().getName());
        if (original instanceof SQLException sql) {
            text.append(" (SQLState ").append(sql.getSQLState()).append(", vendor code ").append(sql.getErrorCode())
                    .append(')');
        }
        return text.append(": message withheld (it may quote SQL and data)").toString();
    }
}
