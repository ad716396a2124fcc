package io.roostcrm.core.audit;

import java.time.Instant;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * An account-security event to record in the audit trail: a login, a failed login, a logout, a lockout. Never
 * carries a secret: no password, hash, token or code, only what happened, to whom, when, from where, and a reason
 * code (ASVS 4.0.3 7.1.1, 7.2.1).
 *
 * @param kind          what happened, e.g. {@code login}, {@code logout}, {@code lockout}: lower-case letters, digits,
 *                      {@code . _ -}, 1 to 64 characters
 * @param userId        the account it is about (positive), or {@code 0} when the name given matched no account
 * @param time          when
 * @param clientAddress the client's address, or {@code ""} when unknown (an IP literal, as {@code WorkContext} takes)
 * @param outcome       whether it succeeded
 * @param reasonCode    why it failed (e.g. {@code bad_credentials}, {@code locked}), or {@code ""}; same characters
 *                      as {@code kind}
 */
public record SecurityEvent(String kind, long userId, Instant time, String clientAddress, Outcome outcome,
                            String reasonCode) {

    private static final Pattern CODE = Pattern.compile("[a-z0-9._-]{1,64}");

    /** Whether the event succeeded. */
    public enum Outcome {
        /** It succeeded (a login). */
        SUCCESS,
        /** It failed (a failed login, a refused reset). */
        FAILURE
    }

    /** Checks: codes are plain identifiers, so that nothing can be smuggled into the trail (ASVS 4.0.3 7.3.1). */
    public SecurityEvent {
        Objects.requireNonNull(kind, "kind");
        if (!CODE.matcher(kind).matches()) {
            throw new IllegalArgumentException("kind must be 1 to 64 lower-case letters, digits, '.', '_' or '-'");
        }
        if (userId < 0) {
            throw new IllegalArgumentException("userId was " + userId + " but it must not be negative");
        }
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(clientAddress, "clientAddress");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(reasonCode, "reasonCode");
        if (!reasonCode.isEmpty() && !CODE.matcher(reasonCode).matches()) {
            throw new IllegalArgumentException(
                    "reasonCode must be empty or 1 to 64 lower-case letters, digits, '.', '_' or '-'");
        }
    }
}
