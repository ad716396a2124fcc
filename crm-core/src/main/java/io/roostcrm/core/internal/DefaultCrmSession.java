package io.roostcrm.core.internal;

import io.roostcrm.core.CrmAuthenticationException;
import io.roostcrm.core.CrmNotFoundException;
import io.roostcrm.core.CrmSession;
import io.roostcrm.core.field.FieldDefinition;
import io.roostcrm.core.io.ExportFormat;
import io.roostcrm.core.io.ImportListener;
import io.roostcrm.core.io.ImportOptions;
import io.roostcrm.core.io.ImportReport;
import io.roostcrm.core.query.Filter;
import io.roostcrm.core.query.Filter.GroupKind;
import io.roostcrm.core.spi.StoreTransaction;
import io.roostcrm.permissions.Policy;
import io.roostcrm.permissions.Subject;

import java.io.Reader;
import java.io.Writer;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * The session of one subject. The policy is looked up per call (a cache hit in the engine), and a stored user's
 * subject is reloaded after any change to roles or users, so that a field, role or user change made by an
 * administrator through this {@code Crm} applies to the next call of every open session.
 */
final class DefaultCrmSession implements CrmSession {

    private final CrmRuntime runtime;
    /** The stored user this session acts for, or 0 when the host gave the subject directly. */
    private final long userId;
    private volatile Loaded loaded;
    private final ContactService contacts = new ContactService(this);
    private final GroupService lists = new GroupService(this, GroupKind.LIST);
    private final GroupService tags = new GroupService(this, GroupKind.TAG);
    private final NoteService notes = new NoteService(this);
    private final ReminderService reminders = new ReminderService(this);
    private final StageService stages = new StageService(this);
    private final AdminService admin;

    DefaultCrmSession(CrmRuntime runtime, Subject subject, long userId, long generation) {
        this.runtime = runtime;
        this.userId = userId;
        this.loaded = new Loaded(subject, generation);
        this.admin = new AdminService(this, runtime);
    }

    /** A subject and the runtime's security generation it was loaded at. */
    private record Loaded(Subject subject, long generation) {
    }

    /**
     * The subject for this call. A stored user's session reloads it when roles or users changed since it was
     * loaded, so revoked rights stop at the next call; a deactivated user's open session then fails with
     * {@link CrmAuthenticationException}. A host-given subject is the host's to renew.
     */
    private Subject subject() {
        Loaded current = loaded;
        long generation = runtime.securityGeneration();
        if (userId == 0 || current.generation() == generation) {
            return current.subject();
        }
        try {
            current = new Loaded(runtime.loadSubject(userId), generation);
        } catch (CrmNotFoundException e) {
            throw new CrmAuthenticationException();
        }
        loaded = current;
        return current.subject();
    }

    /** The permissions for one call: the current policy and the catalog it was compiled against. */
    Access access() {
        return runtime.access(subject());
    }

    Instant now() {
        return runtime.clock().instant();
    }

    /** One unit of work. */
    <T> T work(Function<StoreTransaction, T> work) {
        return runtime.store().transactionResult(work);
    }

    @Override
    public Policy policy() {
        return access().policy();
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
        return access().readableFields();
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
    public String toString() {
        return "CrmSession[user=" + loaded.subject().userId() + "]";
    }
}
