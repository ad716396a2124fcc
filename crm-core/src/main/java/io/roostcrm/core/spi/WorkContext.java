package io.roostcrm.core.spi;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * What a unit of work knows about the call it serves: who acts, the time from the {@code Crm}'s clock, the client's
 * network address when the host gave one, and a correlation id that ties together everything one call wrote (an
 * import's batches share it). Stores read it from {@link StoreTransaction#context()} for columns that record a writer
 * and for the change log. Immutable and thread-safe.
 */
public final class WorkContext {

    /** Letters, digits and {@code . _ : -}: what request ids and trace ids are made of; never a line break. */
    private static final Pattern CORRELATION_ID = Pattern.compile("[A-Za-z0-9._:-]{1,64}");
    /** IPv4 and IPv6 literals, with an IPv6 zone and brackets; nothing that could smuggle a line into a log. */
    private static final Pattern ADDRESS = Pattern.compile("[A-Za-z0-9.:%\\[\\]_-]{1,64}");

    private final Actor actor;
    private final Instant time;
    private final String clientAddress;
    private final String correlationId;

    private WorkContext(Actor actor, Instant time, String clientAddress, String correlationId) {
        this.actor = actor;
        this.time = time;
        this.clientAddress = clientAddress;
        this.correlationId = correlationId;
    }

    /**
     * A context with a new random correlation id and no client address.
     *
     * @param actor who acts
     * @param time  the time of the call, from the {@code Crm}'s clock
     */
    public static WorkContext of(Actor actor, Instant time) {
        return new WorkContext(Objects.requireNonNull(actor, "actor"), Objects.requireNonNull(time, "time"), null,
                newCorrelationId());
    }

    /** The system acting at this time. */
    public static WorkContext system(Instant time) {
        return of(Actor.system(), time);
    }

    /** A new random correlation id (a UUID). */
    public static String newCorrelationId() {
        return UUID.randomUUID().toString();
    }

    /**
     * This context with the client's address.
     *
     * @param clientAddress an IPv4 or IPv6 literal as the host's network layer saw it, at most 64 characters of
     *                      letters, digits and {@code . : % [ ] _ -}
     * @throws IllegalArgumentException if it is not such a literal
     */
    public WorkContext withClientAddress(String clientAddress) {
        Objects.requireNonNull(clientAddress, "clientAddress");
        if (!ADDRESS.matcher(clientAddress).matches()) {
            throw new IllegalArgumentException("clientAddress must be an IP address literal of at most 64 characters");
        }
        return new WorkContext(actor, time, clientAddress, correlationId);
    }

    /**
     * This context with another correlation id.
     *
     * @param correlationId 1 to 64 letters, digits and {@code . _ : -}
     * @throws IllegalArgumentException if it has other characters or another length
     */
    public WorkContext withCorrelationId(String correlationId) {
        Objects.requireNonNull(correlationId, "correlationId");
        if (!CORRELATION_ID.matcher(correlationId).matches()) {
            throw new IllegalArgumentException("correlationId must be 1 to 64 letters, digits, '.', '_', ':' or '-'");
        }
        return new WorkContext(actor, time, clientAddress, correlationId);
    }

    /** This context at another time (a later batch of the same call). */
    public WorkContext at(Instant time) {
        return new WorkContext(actor, Objects.requireNonNull(time, "time"), clientAddress, correlationId);
    }

    /** Who acts. */
    public Actor actor() {
        return actor;
    }

    /** The time of the call, from the {@code Crm}'s clock. */
    public Instant time() {
        return time;
    }

    /** The client's network address, when the host gave one. */
    public Optional<String> clientAddress() {
        return Optional.ofNullable(clientAddress);
    }

    /** The id shared by everything one call wrote. */
    public String correlationId() {
        return correlationId;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof WorkContext other && actor.equals(other.actor) && time.equals(other.time)
                && Objects.equals(clientAddress, other.clientAddress) && correlationId.equals(other.correlationId);
    }

    @Override
    public int hashCode() {
        return Objects.hash(actor, time, clientAddress, correlationId);
    }

    @Override
    public String toString() {
        return "WorkContext[actor=" + actor + ", time=" + time + ", clientAddress=" + clientAddress
                + ", correlationId=" + correlationId + "]";
    }
}
