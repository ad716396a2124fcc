package io.roostcrm.core.audit;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * One user's login activity, from the security events in the audit trail (seed 000, "Login/logout tracking").
 *
 * @param userId        the user
 * @param recentLogins  the last successful logins, newest first (at most 20)
 * @param failures      how many failed logins the trail holds
 * @param lastFailure   the last failed login, or {@link Instant#EPOCH} when none
 * @param addresses     every client address logins (ok or failed) came from
 * @param lockouts      when the account was locked, newest first (at most 20)
 * @param logouts       how many logouts the trail holds
 */
public record LoginActivity(long userId, List<Instant> recentLogins, long failures, Instant lastFailure,
                            Set<String> addresses, List<Instant> lockouts, long logouts) {
    /** Copies. */
    public LoginActivity {
        recentLogins = List.copyOf(recentLogins);
        addresses = Set.copyOf(addresses);
        lockouts = List.copyOf(lockouts);
    }
}
