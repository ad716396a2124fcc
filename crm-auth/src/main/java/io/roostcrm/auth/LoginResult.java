package io.roostcrm.auth;

import io.roostcrm.core.CrmSession;

import java.time.Instant;
import java.util.Objects;

/**
 * What a {@link Authenticator#login login} or a {@link Authenticator#verifyTotp second factor} ends with: a session,
 * a wait for the second factor, a wait for the enrolment of one, or a refusal. Callers switch over the cases. No case
 * shows a token in its {@code toString()}.
 */
public sealed interface LoginResult permits LoginResult.LoggedIn, LoginResult.SecondFactorRequired,
        LoginResult.EnrolmentRequired, LoginResult.Refused {

    /**
     * Logged in. The token is shown here once; the store keeps only its SHA-256 digest.
     *
     * @param token     the session token for {@link Authenticator#session}, 32 characters (about 190 bits)
     * @param session   the user's CRM session, from the client's address
     * @param expiresAt the absolute end of the login session
     */
    record LoggedIn(String token, CrmSession session, Instant expiresAt) implements LoginResult {
        /** Checks the components. */
        public LoggedIn {
            Objects.requireNonNull(token, "token");
            Objects.requireNonNull(session, "session");
            Objects.requireNonNull(expiresAt, "expiresAt");
        }

        /** Never shows the token. */
        @Override
        public String toString() {
            return "LoggedIn[token=<redacted>, expiresAt=" + expiresAt + "]";
        }
    }

    /**
     * The password was right and the user has a confirmed TOTP enrolment: the login is complete once
     * {@link Authenticator#verifyTotp} accepts a code (or a recovery code) with this pending token. The pending token
     * authorises nothing else ({@link Authenticator#session} refuses it) and ends at {@code expiresAt}, five minutes
     * after the password was accepted.
     *
     * @param pendingToken the token for {@link Authenticator#verifyTotp}, 32 characters, shown here once
     * @param expiresAt    when the pending token stops being accepted
     */
    record SecondFactorRequired(String pendingToken, Instant expiresAt) implements LoginResult {
        /** Checks the components. */
        public SecondFactorRequired {
            Objects.requireNonNull(pendingToken, "pendingToken");
            Objects.requireNonNull(expiresAt, "expiresAt");
        }

        /** Never shows the token. */
        @Override
        public String toString() {
            return "SecondFactorRequired[pendingToken=<redacted>, expiresAt=" + expiresAt + "]";
        }
    }

    /**
     * The password was right, but {@link MfaEnforcement} covers the user and the user has no confirmed TOTP
     * enrolment: no session is given. The host enrols the user ({@link Authenticator#enrolTotp}, for
     * {@code userId}), shows the secret or its QR code and the recovery codes, and passes the first code from the
     * user's app to {@link Authenticator#verifyTotp} with this pending token: that confirms the enrolment and
     * completes the login in one step. The pending token authorises nothing else and ends at {@code expiresAt},
     * five minutes after the password was accepted.
     *
     * @param pendingToken the token for {@link Authenticator#verifyTotp}, 32 characters, shown here once
     * @param userId       the user to enrol
     * @param expiresAt    when the pending token stops being accepted
     */
    record EnrolmentRequired(String pendingToken, long userId, Instant expiresAt) implements LoginResult {
        /** Checks the components. */
        public EnrolmentRequired {
            Objects.requireNonNull(pendingToken, "pendingToken");
            Objects.requireNonNull(expiresAt, "expiresAt");
        }

        /** Never shows the token. */
        @Override
        public String toString() {
            return "EnrolmentRequired[pendingToken=<redacted>, userId=" + userId + ", expiresAt=" + expiresAt + "]";
        }
    }

    /**
     * Refused. An unknown login, a wrong password and a locked account are one and the same refusal
     * ({@link Reason#CREDENTIALS}), at the same cost, so a caller cannot tell them apart (ASVS 5.0 6.3.8).
     *
     * @param reason why, as far as the caller may know
     */
    record Refused(Reason reason) implements LoginResult {
        /** Checks the component. */
        public Refused {
            Objects.requireNonNull(reason, "reason");
        }
    }

    /**
     * Why a login was refused. At {@link Authenticator#verifyTotp}, {@link #CREDENTIALS} means the pending token is not
     * (or no longer) accepted: malformed, unknown, used, expired, the account locked or the user inactive.
     */
    enum Reason {
        /** The login and password were not accepted (unknown, wrong, locked or inactive: indistinguishable). */
        CREDENTIALS,
        /** The client's address is not allowed; no password work was done. */
        ADDRESS,
        /**
         * At {@link Authenticator#verifyTotp}: the code was not accepted (wrong, used already, outside the window of
         * one step either side, or a recovery code not held). The pending token stays usable until it ends, unless the
         * failures lock the account; failures count toward the lockout as wrong passwords do.
         */
        SECOND_FACTOR
    }
}
