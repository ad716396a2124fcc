package io.roostcrm.auth;

import io.roostcrm.core.CrmSession;

import java.time.Instant;
import java.util.Objects;

/** What a {@link Authenticator#login login} ends with. Callers switch over the cases. */
public sealed interface LoginResult permits LoginResult.LoggedIn, LoginResult.Refused {

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

    /** Why a login was refused. */
    enum Reason {
        /** The login and password were not accepted (unknown, wrong, locked or inactive: indistinguishable). */
        CREDENTIALS,
        /** The client's address is not allowed; no password work was done. */
        ADDRESS
    }
}
