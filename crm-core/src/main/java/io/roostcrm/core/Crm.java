package io.roostcrm.core;

import io.roostcrm.core.contact.User;
import io.roostcrm.core.internal.CrmRuntime;
import io.roostcrm.core.spi.CrmStore;
import io.roostcrm.core.spi.StoreTransaction;
import io.roostcrm.permissions.PermissionEngine;
import io.roostcrm.permissions.Subject;

import java.time.Clock;
import java.util.Objects;
import java.util.Optional;

/**
 * Roost's entry point: a CRM over one store. {@link #as(long)} gives the session of a user, in which every call is
 * checked by the permission engine.
 *
 * <pre>{@code
 * try (Crm crm = Crm.builder().store(JdbcStore.builder().h2InMemory("demo").build()).build()) {
 *     CrmSession alice = crm.as(aliceId);
 *     Contact c = alice.contacts().create(ContactDraft.builder().set("email", "ada@example.com").build());
 * }
 * }</pre>
 *
 * <p><b>Several nodes, one truth.</b> Any number of {@code Crm} instances, in one JVM or many, may run over one
 * database. The database decides: every call reads the store's security epoch in its own unit of work before it
 * decides anything, and reloads whatever field definitions, roles or users changed since this instance last read
 * them. So <em>a change to fields, roles or users committed on any node, a revoked right among them, is honoured
 * by every node's next call that starts after the commit</em>, in sessions opened before it as well as after
 * (ASVS 5.0 8.3.2). A call already running when the change commits finishes with the rights it started with. On a
 * store without an epoch ({@link io.roostcrm.core.spi.StoreFeature#SECURITY_EPOCH}) the same holds because every
 * call reloads.
 *
 * <p><b>What is recorded.</b> On a store with a change log ({@link io.roostcrm.core.spi.StoreFeature#CHANGE_LOG})
 * every change is recorded in the same transaction, with who made it, when, from which address, and the values
 * before and after; a refused call is recorded too, in a unit of work of its own, with the rule that refused it.
 * On a store with {@link io.roostcrm.core.spi.StoreFeature#AUDIT_CHAIN} that log is the audit trail: every entry is
 * hash-chained to the one before it (keyed with {@link Builder#auditKey(byte[])} when given), readable through
 * {@link CrmSession#audit()} within the reader's rights, and verifiable by a super admin; account security records
 * its events through {@link #audit()}. See {@link io.roostcrm.core.audit}.
 *
 * <p><b>Page cursors</b> are signed, so that a caller cannot forge or alter one, with a key every node shares: the
 * host's ({@link Builder#cursorSecret(byte[])}), or else one Roost generates once and keeps in the store
 * ({@link io.roostcrm.core.spi.StoreFeature#SETTINGS}). A cursor is valid on every node, for the user it was made
 * for; one that is not (forged, altered, another user's, or signed with a key since replaced) is refused with a
 * {@link CrmValidationException} on field {@code cursor}, rule {@code malformed}.
 *
 * <p>Thread-safe. Instances share no state: two {@code Crm}s in one JVM are independent. See the {@code examples}
 * module for complete programs.
 */
public final class Crm implements AutoCloseable {

    private final CrmRuntime runtime;
    private final boolean closeStore;

    private Crm(Builder builder) {
        this.runtime = new CrmRuntime(builder.store, builder.clock, builder.maximumPolicies, builder.recordRefusals,
                builder.cursorSecret, builder.auditChain);
        this.closeStore = builder.closeStore;
    }

    /** Starts a CRM. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The session of a stored, active user: their roles and teams as stored now. When a role or a user changes, on
     * this node or any other, open sessions reload their user at their next call, so revoked rights stop at once; a
     * session whose user was deactivated then throws {@link CrmAuthenticationException}.
     *
     * @throws CrmNotFoundException if there is no such active user
     */
    public CrmSession as(long userId) {
        return runtime.session(userId);
    }

    /**
     * A stored, active user and their session, read inside a unit of work the caller runs on this Crm's store, for an
     * authenticator that proves who calls and opens their session in one unit of work (crm-auth's
     * {@code Authenticator} does, on every API request), where {@link #as(long)} would run a unit of work of its own.
     * Nothing is decided on trust: the store's security epoch is read in {@code tx} first, and the user and their
     * roles are read in {@code tx} too, unless this node read them at the same epoch's users and roles components
     * before (every change to a user or a role moves them, on any node, in its own transaction), in which case those
     * are used. A store without an epoch reads them every time. The session's own calls check the epoch again in
     * their units of work, as every session's do.
     *
     * <p>{@code tx} must belong to the store this Crm was built over and still be running; the session outlives it.
     *
     * @param tx     the caller's running unit of work on this Crm's store
     * @param userId the user
     * @return the user as stored and their session; empty when there is no such user or the user is inactive
     */
    public Optional<UserSession> sessionIn(StoreTransaction tx, long userId) {
        Objects.requireNonNull(tx, "tx");
        return runtime.sessionIn(tx, userId);
    }

    /**
     * A stored, active user as a unit of work read them, with their session ({@link #sessionIn}).
     *
     * @param user    the user, as stored
     * @param session the user's session
     */
    public record UserSession(User user, CrmSession session) {
        /** Checks for nulls. */
        public UserSession {
            Objects.requireNonNull(user, "user");
            Objects.requireNonNull(session, "session");
        }
    }

    /**
     * A session for a subject described by the host (roles and teams given directly). It keeps that subject: the
     * host renews the session when the subject's rights change.
     */
    public CrmSession as(Subject subject) {
        return runtime.session(Objects.requireNonNull(subject, "subject"));
    }

    /** The permission engine (for explanations and integration; decisions are made by sessions). */
    public PermissionEngine permissions() {
        return runtime.engine();
    }

    /**
     * Where account security records its events (logins, failed logins, logouts, lockouts) in the audit trail, each
     * committed in a unit of work of its own. Reading the trail goes through a session: {@link CrmSession#audit()}.
     */
    public io.roostcrm.core.audit.SecurityEvents audit() {
        return runtime.securityEvents();
    }

    /** Closes the store if this CRM was told to own it ({@link Builder#closeStoreOnClose}). */
    @Override
    public void close() {
        if (closeStore) {
            runtime.store().close();
        }
    }

    /** Builds a {@link Crm}. Not thread-safe. */
    public static final class Builder {
        private CrmStore store;
        private Clock clock = Clock.systemUTC();
        private long maximumPolicies = 10_000;
        private boolean closeStore = true;
        private boolean recordRefusals = true;
        private byte[] cursorSecret;
        private io.roostcrm.core.spi.AuditChain auditChain = io.roostcrm.core.spi.AuditChain.sha256();

        private Builder() {
        }

        /** The store to run on. Required. */
        public Builder store(CrmStore store) {
            this.store = Objects.requireNonNull(store, "store");
            return this;
        }

        /** The clock for timestamps. Default UTC system clock. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** How many compiled role sets the engine caches. Default 10,000. */
        public Builder maximumPolicies(long maximumPolicies) {
            if (maximumPolicies < 1) {
                throw new IllegalArgumentException("maximumPolicies was " + maximumPolicies + " but it must be at least 1");
            }
            this.maximumPolicies = maximumPolicies;
            return this;
        }

        /**
         * Whether a refused call (a {@link CrmPermissionDeniedException}) is recorded in the store's change log, in a
         * short unit of work of its own before the refusal reaches the caller. Default {@code true}: ASVS 5.0 7.2.2
         * asks that every failed access decision be logged.
         */
        public Builder recordRefusals(boolean recordRefusals) {
            this.recordRefusals = recordRefusals;
            return this;
        }

        /**
         * The secret page cursors are signed with: at least 32 bytes, from a secure random source, the same on every
         * node of the deployment (a cursor one node made must work on the others), kept as secret as the database
         * credentials. Default: none given, and Roost generates a key once and keeps it in the store, which suits a
         * store with {@link io.roostcrm.core.spi.StoreFeature#SETTINGS}; on a store without it, each {@code Crm}
         * generates its own key, and a cursor works only on the node that made it. Replacing the secret invalidates
         * the cursors made before. The array is copied.
         *
         * @throws IllegalArgumentException if it is shorter than 32 bytes or longer than 1,024
         */
        public Builder cursorSecret(byte[] secret) {
            Objects.requireNonNull(secret, "cursorSecret");
            if (secret.length < 32 || secret.length > 1_024) {
                throw new IllegalArgumentException("cursorSecret was " + secret.length
                        + " bytes long but it must be 32 to 1,024 bytes");
            }
            this.cursorSecret = secret.clone();
            return this;
        }

        /**
         * The secret the audit trail's hash chain is keyed with (HMAC-SHA256), so that nobody without it, a database
         * administrator included, can rewrite the trail unnoticed: at least 32 bytes from a secure random source, the
         * same on every node, kept apart from the database. Default: none, and the chain is plain SHA-256, which shows
         * tampering only by someone who does not recompute every later hash. Give it from the first entry on: entries
         * linked without it do not verify with it. The array is copied.
         *
         * @throws IllegalArgumentException if it is shorter than 32 bytes or longer than 1,024, naming {@code auditKey}
         */
        public Builder auditKey(byte[] key) {
            this.auditChain = io.roostcrm.core.spi.AuditChain.hmacSha256(key);
            return this;
        }

        /** Whether {@link Crm#close()} closes the store. Default {@code true}. */
        public Builder closeStoreOnClose(boolean closeStore) {
            this.closeStore = closeStore;
            return this;
        }

        /**
         * Builds the CRM: loads the custom fields, seeds the default stages into an empty store, and finds the key
         * page cursors are signed with (creating it in a store that has none yet).
         *
         * @throws IllegalStateException if no store was given
         */
        public Crm build() {
            if (store == null) {
                throw new IllegalStateException("store is required");
            }
            return new Crm(this);
        }
    }
}
