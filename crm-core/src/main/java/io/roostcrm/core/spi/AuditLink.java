package io.roostcrm.core.spi;

import java.time.Instant;
import java.util.Objects;

/**
 * One entry of the audit trail as it is stored, in the exact form its hash covers: the change-log entry's columns
 * (the changed fields as the {@link ChangeCodec} text the store keeps) plus the hash of the entry before it and its
 * own hash. {@link AuditChain} computes and checks the hashes; a store only keeps and returns these values unchanged.
 *
 * @param sequence      the entry's sequence number, positive
 * @param time          when, at microsecond precision (what every store keeps)
 * @param actorId       the acting user, {@code 0} for the system
 * @param clientAddress the client's address, or {@code ""} when unknown
 * @param correlationId the call's correlation id
 * @param entity        {@link ChangeEntity} name
 * @param entityId      the entity's id
 * @param contactId     the contact concerned, or {@code 0}
 * @param operation     {@link ChangeOperation} name
 * @param changes       the changed fields, as {@link ChangeCodec#encode} text
 * @param previousHash  the hash of the entry before (64 hex digits; all zeros for the first), or {@code ""} for an
 *                      entry written before the chain existed
 * @param hash          this entry's hash (64 hex digits), or {@code ""} for an entry written before the chain existed
 */
public record AuditLink(long sequence, Instant time, long actorId, String clientAddress, String correlationId,
                        String entity, String entityId, long contactId, String operation, String changes,
                        String previousHash, String hash) {
    /** Checks. */
    public AuditLink {
        if (sequence < 1) {
            throw new IllegalArgumentException("sequence was " + sequence + " but it must be positive");
        }
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(clientAddress, "clientAddress");
        Objects.requireNonNull(correlationId, "correlationId");
        Objects.requireNonNull(entity, "entity");
        Objects.requireNonNull(entityId, "entityId");
        Objects.requireNonNull(operation, "operation");
        Objects.requireNonNull(changes, "changes");
        Objects.requireNonNull(previousHash, "previousHash");
        Objects.requireNonNull(hash, "hash");
    }

    /** Whether this entry was written before the store chained its entries (no hashes). */
    public boolean unchained() {
        return hash.isEmpty();
    }
}
