package io.roostcrm.core.spi;

import java.util.Objects;

/**
 * The head of the audit chain as committed: the last sequence number handed out and the hash of that entry. Stores
 * keep it in the row they lock to number entries, so a verifier can tell a truncated or extended trail.
 *
 * @param lastSequence the last sequence number handed out, {@code 0} when none
 * @param lastHash     the last entry's hash, or {@link AuditChain#GENESIS} when none has been chained yet
 */
public record AuditHead(long lastSequence, String lastHash) {
    /** Checks. */
    public AuditHead {
        if (lastSequence < 0) {
            throw new IllegalArgumentException("lastSequence was " + lastSequence + " but it must not be negative");
        }
        Objects.requireNonNull(lastHash, "lastHash");
    }
}
