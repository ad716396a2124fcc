package io.roostcrm.core;

/**
 * The root of every exception Roost throws for reasons of data, permissions or storage. Unchecked. Each subclass
 * carries a machine-readable {@link #code()} and a message that is safe to show the caller: it never contains a
 * value, nor the name of a field, that the caller may not read.
 *
 * <p>The same holds for the cause chain: a cause is kept only in its {@link RedactedCause redacted} form (class name,
 * SQLState, vendor code and stack trace, no message), because a driver's message carries the SQL text and often
 * bound values. Stores log the full failure at DEBUG.
 *
 * <p>Programmer errors (a {@code null} argument, a misused builder) are reported with the JDK's
 * {@link NullPointerException}, {@link IllegalArgumentException} and {@link IllegalStateException} instead.
 */
public abstract sealed class CrmException extends RuntimeException
        permits CrmValidationException, CrmPermissionDeniedException, CrmNotFoundException, StaleVersionException,
        CrmAuthenticationException, CrmRateLimitedException, CrmConfigurationException, CrmStoreException {

    private final ErrorCode code;

    /** For subclasses; the cause is kept {@link RedactedCause#redact redacted}. */
    protected CrmException(ErrorCode code, String message, Throwable cause) {
        super(message, RedactedCause.redact(cause));
        this.code = code;
    }

    /** What kind of failure this is. */
    public ErrorCode code() {
        return code;
    }
}
