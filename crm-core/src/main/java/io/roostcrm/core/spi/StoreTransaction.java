package io.roostcrm.core.spi;

import io.roostcrm.core.query.Filter.GroupKind;

import java.util.Optional;

/**
 * The sub-stores of one unit of work, and what the unit of work knows about its call. Valid only while the work
 * runs: a sub-store used after the work returned throws {@link IllegalStateException}. Not thread-safe.
 *
 * <p>Optional abilities are typed: a sub-store a store may lack is returned as an {@link Optional}, empty exactly
 * when the store does not declare the matching {@link StoreFeature}. Stores built on
 * {@link AbstractStoreTransaction} get the shared invariants (use after the end, versions, context) enforced there.
 */
public interface StoreTransaction {

    /**
     * Who acts, when, from where, under which correlation id. The default, for stores written before units of work
     * had a context, is the system acting now; {@link CrmStore#transactionResult(WorkContext, java.util.function.Function)}
     * hands such stores' units of work the real context.
     */
    default WorkContext context() {
        return WorkContext.system(java.time.Instant.now());
    }

    /** Contacts, their field values and owners. */
    ContactStore contacts();

    /** Custom field definitions. */
    FieldStore fields();

    /** Lists or tags, and memberships. */
    GroupStore groups(GroupKind kind);

    /** Notes. */
    NoteStore notes();

    /** Reminders: present exactly when the store declares {@link StoreFeature#REMINDERS}. */
    Optional<ReminderStore> reminders();

    /** Stages. */
    StageStore stages();

    /** Users and their teams. */
    UserStore users();

    /** Role definitions. */
    RoleStore roles();

    /**
     * The security epoch as this unit of work first reads it (what others committed, and any change this unit of work
     * made before it asked), read once per unit of work: later calls return the same value. Present exactly when the
     * store declares {@link StoreFeature#SECURITY_EPOCH}. A store may read it together with the unit of work's first
     * contact select, so that it costs no extra round trip. Without it, Roost reloads field definitions, roles and
     * the session's user at every call.
     */
    default Optional<Epoch> epoch() {
        return Optional.empty();
    }

    /** The change log: present exactly when the store declares {@link StoreFeature#CHANGE_LOG}. */
    default Optional<ChangeLogStore> changeLog() {
        return Optional.empty();
    }

    /** Settings the nodes share: present exactly when the store declares {@link StoreFeature#SETTINGS}. */
    default Optional<SettingStore> settings() {
        return Optional.empty();
    }

    /**
     * Account security's shared state (password hashes, API passwords, sessions, failure counters, TOTP, IP rules):
     * present exactly when the store declares {@link StoreFeature#SECURITY}.
     */
    default Optional<SecurityStore> security() {
        return Optional.empty();
    }

    /** The audit trail: present exactly when the store declares {@link StoreFeature#AUDIT_CHAIN}. */
    default Optional<AuditStore> audit() {
        return Optional.empty();
    }
}
