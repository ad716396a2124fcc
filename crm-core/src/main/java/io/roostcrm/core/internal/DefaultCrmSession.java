package io.roostcrm.core.internal;

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
 * The session of one subject. The policy is looked up per call (a cache hit in the engine), so that a field or role
 * change made by an administrator applies to the next call of every open session.
 */
final class DefaultCrmSession implements CrmSession {

    private final CrmRuntime runtime;
    private final Subject subject;
    private final ContactService contacts = new ContactService(this);
    private final GroupService lists = new GroupService(this, GroupKind.LIST);
    private final GroupService tags = new GroupService(this, GroupKind.TAG);
    private final NoteService notes = new NoteService(this);
    private final ReminderService reminders = new ReminderService(this);
    private final StageService stages = new StageService(this);
    private final AdminService admin;

    DefaultCrmSession(CrmRuntime runtime, Subject subject) {
        this.runtime = runtime;
        this.subject = subject;
        this.admin = new AdminService(this, runtime);
    }

    /** The permissions for one call: the current policy and the catalog it was compiled against. */
    Access access() {
        return runtime.access(subject);
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
        return "CrmSession[user=" + subject.userId() + "]";
    }
}
