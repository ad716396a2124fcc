package io.roostcrm.auth;

import java.time.Instant;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.regex.Pattern;

/**
 * One security-relevant action, for a {@link SecurityEventListener} (and, in a later issue, the audit trail). A plain
 * value: it never carries a password, an API password, a hash, a session token, a TOTP secret or code, or a recovery
 * code, only who, when, from where, what, how it ended and why.
 *
 * @param kind          what happened
 * @param userId        the user concerned, {@code 0} when not known (an unknown login, a malformed header)
 * @param time          when, from the authenticator's clock
 * @param clientAddress the client's address as the host gave it, or {@code ""} when none was given
 * @param outcome       whether the action succeeded
 * @param reason        a stable, machine-readable reason code ({@code ok}, {@code wrong_password},
 *                      {@code unknown_login}, {@code locked}, {@code address_denied}, …): lower case letters, digits
 *                      and {@code _}
 */
public record SecurityEvent(Kind kind, long userId, Instant time, String clientAddress, Outcome outcome,
                            String reason) {

    private static final Pattern REASON = Pattern.compile("[a-z0-9_]{1,64}");

    /** Checks the components. */
    public SecurityEvent {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(clientAddress, "clientAddress");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(reason, "reason");
        if (!REASON.matcher(reason).matches()) {
            throw new IllegalArgumentException("reason must be 1 to 64 lower-case letters, digits and '_'");
        }
        if (userId < 0) {
            throw new IllegalArgumentException("userId was " + userId + " but it must not be negative");
        }
    }

    /** The user, when known. */
    public OptionalLong user() {
        return userId == 0 ? OptionalLong.empty() : OptionalLong.of(userId);
    }

    /** What happened. */
    public enum Kind {
        /** A login (password, then second factor if required) or an API request's credential was accepted. */
        LOGIN_SUCCEEDED,
        /** A login or API credential was refused. */
        LOGIN_FAILED,
        /** Too many failures locked an account or an address. */
        LOCKED_OUT,
        /** An administrator lifted a lockout. */
        UNLOCKED,
        /** A user logged out. */
        LOGGED_OUT,
        /** A session was revoked (by an administrator, a password change). */
        SESSION_REVOKED,
        /** A session ran past its inactivity or absolute timeout. */
        SESSION_EXPIRED,
        /** A login password was set or changed. */
        PASSWORD_CHANGED,
        /** An API password was created. */
        API_PASSWORD_CREATED,
        /** An API password was reset (replaced by a new one under the same label). */
        API_PASSWORD_RESET,
        /** An API password was revoked. */
        API_PASSWORD_REVOKED,
        /** A TOTP second factor was enrolled and confirmed. */
        TOTP_ENROLLED,
        /** A TOTP second factor was removed. */
        TOTP_REMOVED,
        /** A recovery code was used in place of a TOTP code. */
        RECOVERY_CODE_USED,
        /** A user's recovery codes were replaced by new ones (at enrolment or on request). */
        RECOVERY_CODES_REPLACED,
        /** The password was accepted and a second factor, or its enrolment, is awaited. */
        SECOND_FACTOR_REQUIRED,
        /** Whom a second factor is required of was changed ({@link MfaEnforcement}). */
        MFA_ENFORCEMENT_CHANGED,
        /** An address was refused by the IP rules. */
        ADDRESS_REFUSED,
        /** A credential exceeded its rate limit. */
        RATE_LIMITED,
        /** The IP rules were changed. */
        IP_RULES_CHANGED
    }

    /** How the action ended. */
    public enum Outcome {
        /** It succeeded. */
        SUCCESS,
        /** It was refused. */
        FAILURE
    }
}
