package io.roostcrm.core.internal;

import io.roostcrm.core.CrmAuthenticationException;
import io.roostcrm.core.CrmNotFoundException;
import io.roostcrm.core.CrmPermissionDeniedException;
import io.roostcrm.core.CrmSession;
import io.roostcrm.core.CrmStoreException;
import io.roostcrm.core.ErrorCode;
import io.roostcrm.core.field.FieldDefinition;
import io.roostcrm.core.io.ExportFormat;
import io.roostcrm.core.io.ImportListener;
import io.roostcrm.core.io.ImportOptions;
import io.roostcrm.core.io.ImportReport;
import io.roostcrm.core.query.Filter;
import io.roostcrm.core.query.Filter.GroupKind;
import io.roostcrm.core.spi.Actor;
import io.roostcrm.core.spi.Epoch;
import io.roostcrm.core.spi.StoreTransaction;
import io.roostcrm.core.spi.WorkContext;
import io.roostcrm.permissions.Policy;
import io.roostcrm.permissions.Subject;

import java.io.Reader;
import java.io.Writer;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * The session of one subject. Every call runs in units of work that read the store's security epoch before they
 * decide anything ({@link Call#access()}): when fields, roles or users changed anywhere, on any node, since this
 * session's caches were filled, the call reloads what moved in its own unit of work, so a revoked right stops at the
 * next call (ASVS 5.0 8.3.2). A stored user's session reloads its user; a deactivated user's session then fails
 * with {@link CrmAuthenticationException}. A host-given subject is the host's to renew.
 */
final class DefaultCrmSession implements CrmSession {

    /**
     * A subject and the epoch components it was loaded at: the users and roles components for a stored user,
     * {@code null} for a host-given subject (never reloaded) or a store without an epoch (reloaded every call).
     */
    record Loaded(Subject subject, Long usersEpoch, Long rolesEpoch) {
    }

    /** The subject as last loaded, shared by this session and those derived from it (another address, say). */
    private static final class SubjectHolder {
        volatile Loaded loaded;

        SubjectHolder(Loaded loaded) {
            this.loaded = loaded;
        }
    }

    private final CrmRuntime runtime;
    /** The stored user this session acts for, or 0 when the host gave the subject directly. */
    private final long userId;
    private final SubjectHolder holder;
    private final String clientAddress;
    private final String correlationId;
    private final ContactService contacts = new ContactService(this);
    private final GroupService lists = new GroupService(this, GroupKind.LIST);
    private final GroupService tags = new GroupService(this, GroupKind.TAG);
    private final NoteService notes = new NoteService(this);
    private final ReminderService reminders = new ReminderService(this);
    private final StageService stages = new StageService(this);
    private final AdminService admin;
    private final AuditService audit = new AuditService(this);

    DefaultCrmSession(CrmRuntime runtime, Loaded loaded, long userId) {
        this(runtime, new SubjectHolder(loaded), userId, null, null);
    }

    private DefaultCrmSession(CrmRuntime runtime, SubjectHolder holder, long userId, String clientAddress,
                              String correlationId) {
        this.runtime = runtime;
        this.holder = holder;
        this.userId = userId;
        this.clientAddress = clientAddress;
        this.correlationId = correlationId;
        this.admin = new AdminService(this, runtime);
    }

    // ---- units of work ----------------------------------------------------------------------------------------

    /** One call of this session: its context (one correlation id) for all the units of work it runs. */
    final class CallScope {
        private final String operation;
        private final String correlation;

        private CallScope(String operation) {
            this.operation = operation;
            this.correlation = correlationId != null ? correlationId : WorkContext.newCorrelationId();
        }

        /**
         * Runs one unit of work of this call. A store failure on caches that another node made stale (a dropped
         * column) runs it once more on fresh state: the failed attempt left nothing behind. A refusal is recorded in
         * the change log by a unit of work of its own before it reaches the caller.
         */
        <T> T work(Function<Call, T> body) {
            WorkContext context = context();
            Call.Trace trace = new Call.Trace();
            try {
                try {
                    return attempt(context, trace, body);
                } catch (CrmStoreException e) {
                    if (e.code() != ErrorCode.STORE_FAILURE || !runtime.cachesOutdated()) {
                        throw e;
                    }
                    return attempt(context, trace, body);
                }
            } catch (CrmPermissionDeniedException e) {
                throw runtime.commitThenThrow(context, Changes.refusal(operation, trace.contactId(), e), e);
            }
        }

        private <T> T attempt(WorkContext context, Call.Trace trace, Function<Call, T> body) {
            Access provisional = provisionalAccess();
            return runtime.store().transactionResult(context,
                    tx -> body.apply(new Call(DefaultCrmSession.this, tx, provisional, trace)));
        }

        private WorkContext context() {
            long actor = holder.loaded.subject().userId();
            WorkContext context = WorkContext.of(actor > 0 ? Actor.user(actor) : Actor.system(),
                    runtime.clock().instant()).withCorrelationId(correlation);
            return clientAddress == null ? context : context.withClientAddress(clientAddress);
        }
    }

    CrmRuntime runtime() {
        return runtime;
    }

    /** A call of this session that runs several units of work (an import, an export). */
    CallScope call(String operation) {
        return new CallScope(operation);
    }

    /** A call of this session in one unit of work. */
    <T> T work(String operation, Function<Call, T> body) {
        return call(operation).work(body);
    }

    /**
     * The access to build a call's first statement with, from this node's caches and without I/O; the call checks
     * it against the epoch it reads ({@link #check}) before it decides anything.
     */
    private Access provisionalAccess() {
        Loaded loaded = holder.loaded;
        FieldCatalog catalog = runtime.cachedCatalog();
        Policy policy = runtime.engine().policy(loaded.subject(), catalog.registry());
        return new Access(policy, catalog);
    }

    /**
     * The caller's access as of this unit of work: the provisional one when the epoch shows that nothing it rests on
     * changed, else one rebuilt from what this unit of work reads.
     *
     * @throws CrmAuthenticationException if this session's stored user was deactivated or deleted
     */
    Access check(StoreTransaction tx, Access provisional) {
        Optional<Epoch> epoch = tx.epoch();
        FieldCatalog catalog = runtime.catalog(tx, epoch);
        Loaded loaded = holder.loaded;
        if (userId != 0 && (epoch.isEmpty() || !Objects.equals(loaded.usersEpoch(), epoch.get().users())
                || !Objects.equals(loaded.rolesEpoch(), epoch.get().roles()))) {
            try {
                loaded = runtime.loadUser(tx, epoch, userId);
            } catch (CrmNotFoundException e) {
                throw new CrmAuthenticationException();
            }
            holder.loaded = loaded;
        }
        Subject subject = loaded.subject();
        if (provisional != null && provisional.catalog() == catalog
                && (provisional.subject() == subject || provisional.subject().equals(subject))) {
            return provisional;
        }
        return new Access(runtime.engine().policy(subject, catalog.registry()), catalog);
    }

    /** A separate unit of work that decides with the current access, for calls that only read the policy. */
    private Access currentAccess() {
        return work("session.policy", Call::access);
    }

    // ---- CrmSession ----------------------------------------------------------------------------------------------

    @Override
    public CrmSession fromAddress(String clientAddress) {
        WorkContext.system(runtime.clock().instant()).withClientAddress(clientAddress); // validates it
        return new DefaultCrmSession(runtime, holder, userId, clientAddress, correlationId);
    }

    @Override
    public CrmSession withCorrelationId(String correlationId) {
        WorkContext.system(runtime.clock().instant()).withCorrelationId(correlationId); // validates it
        return new DefaultCrmSession(runtime, holder, userId, clientAddress, correlationId);
    }

    @Override
    public Policy policy() {
        return currentAccess().policy();
    }

    @Override
    public Contacts contacts() {
        return contacts;
    }

    @Override
    public Groups lists() {
        return lists;
    }

    @Override
    public Groups tags() {
        return tags;
    }

    @Override
    public Notes notes() {
        return notes;
    }

    @Override
    public Reminders reminders() {
        return reminders;
    }

    @Override
    public Stages stages() {
        return stages;
    }

    @Override
    public List<FieldDefinition> fields() {
        return currentAccess().readableFields();
    }

    @Override
    public Admin admin() {
        return admin;
    }

    @Override
    public ImportReport importCsv(Reader csv, ImportOptions options, ImportListener listener) {
        Objects.requireNonNull(csv, "csv");
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(listener, "listener");
        return CsvImporter.run(this, csv, options, listener);
    }

    @Override
    public long export(Filter filter, ExportFormat format, Writer out) {
        Objects.requireNonNull(filter, "filter");
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(out, "out");
        return ContactExporter.export(this, filter, format, out);
    }

    @Override
    public io.roostcrm.core.audit.AuditTrail audit() {
        return audit;
    }

    @Override
    public String toString() {
        return "CrmSession[user=" + holder.loaded.subject().userId() + "]";
    }
}
