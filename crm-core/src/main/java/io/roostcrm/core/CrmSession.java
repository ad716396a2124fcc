package io.roostcrm.core;

import io.roostcrm.core.contact.Contact;
import io.roostcrm.core.contact.ContactDraft;
import io.roostcrm.core.contact.ContactGroup;
import io.roostcrm.core.contact.ContactPatch;
import io.roostcrm.core.contact.Note;
import io.roostcrm.core.contact.NoteType;
import io.roostcrm.core.contact.Reminder;
import io.roostcrm.core.contact.Stage;
import io.roostcrm.core.contact.User;
import io.roostcrm.core.field.FieldDefinition;
import io.roostcrm.core.io.ExportFormat;
import io.roostcrm.core.io.ImportListener;
import io.roostcrm.core.io.ImportOptions;
import io.roostcrm.core.io.ImportReport;
import io.roostcrm.core.query.ContactQuery;
import io.roostcrm.core.query.Filter;
import io.roostcrm.core.query.Page;
import io.roostcrm.permissions.Policy;
import io.roostcrm.permissions.Role;

import java.io.Reader;
import java.io.Writer;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Everything one user may do, each call checked against that user's compiled {@link Policy} and run as one unit of
 * work. Results carry only fields the user may read. Obtained from {@link Crm#as}; thread-safe; cheap.
 *
 * <p>Refusals: a contact the user cannot see is {@link CrmNotFoundException} (existence is no oracle); a field the
 * user cannot read, named in a write, filter or sort, is refused as an unknown field ({@link CrmValidationException},
 * rule {@code unknown_field}); a readable field the user may not write is refused naming that field
 * ({@link CrmPermissionDeniedException}).
 */
public interface CrmSession {

    /**
     * This session for calls from a client at this network address: the address is recorded with everything these
     * calls write and with every refusal. The returned session shares this one's user and rights.
     *
     * @param clientAddress an IPv4 or IPv6 literal as the host's network layer saw it
     * @throws IllegalArgumentException if it is not such a literal (at most 64 characters)
     */
    CrmSession fromAddress(String clientAddress);

    /**
     * This session with a correlation id of the host's (its request or trace id) on every call, in place of a new
     * random one per call; recorded with everything the calls write.
     *
     * @param correlationId 1 to 64 letters, digits and {@code . _ : -}
     * @throws IllegalArgumentException otherwise
     */
    CrmSession withCorrelationId(String correlationId);

    /** The compiled permissions this session checks against, as of now (read in a unit of work of its own). */
    Policy policy();

    /** Contacts. */
    Contacts contacts();

    /** Lists and memberships. */
    Groups lists();

    /** Tags and memberships. */
    Groups tags();

    /** Notes on contacts. */
    Notes notes();

    /** Reminders on contacts. */
    Reminders reminders();

    /** The ordered stages (reading is open to every user; changing them is for super admins). */
    Stages stages();

    /** The readable field definitions: standard then custom, active only, those the user may read somewhere. */
    List<FieldDefinition> fields();

    /** Administration of custom fields, roles and users; super admin only, else {@link CrmPermissionDeniedException}. */
    Admin admin();

    /**
     * Imports contacts from CSV (needs the right to create contacts).
     *
     * <p><b>The header</b> row maps columns to field keys ({@link ImportOptions#columnMapping()}) and is checked as a
     * whole before any row is read. A problem refuses the import with one {@link CrmValidationException} that lists
     * every bad column: {@code unknown_field} for a column that names no field or a field the caller cannot read (the
     * two alike), {@code duplicate_column} for a second column of one field, {@code permission_denied} for a field the
     * caller may not set when creating a contact, and, without upsert, {@code required} for each required field that
     * has no column.
     *
     * <p><b>Rows</b> are then read and written in batches, each batch one unit of work. A bad row never throws: it is
     * reported in the {@link ImportReport} with its row number, field and rule. With
     * {@link ImportOptions.BadRows#ROLL_BACK_BATCH} (the default) it rolls back the good rows of its batch, with
     * {@link ImportOptions.BadRows#SKIP_ROW} they land; other batches land either way. Created contacts are owned as
     * {@link ImportOptions#owner()} says (by default by no one); contacts an upsert updates keep their owner. A cell
     * that starts with a single quote followed by {@code = + - @}, a tab, a carriage return, NUL or another quote
     * loses that first quote: it is the escape that {@link #export} and spreadsheets put there.
     *
     * <p>A row that is not well-formed CSV (rule {@code malformed}), or not valid text in the reader's encoding when
     * the reader's decoder reports it (rule {@code encoding}; the row is the one being read when the decoder failed),
     * is reported as a bad row and ends the import: the parser cannot find the next row. The same in the header row
     * refuses the import ({@link CrmValidationException}, field {@code header}).
     *
     * @throws CrmStoreException when the reader fails (an I/O error, never reported as bad data); the batches
     *                           written before stay written, as the listener was told
     */
    ImportReport importCsv(Reader csv, ImportOptions options, ImportListener listener);

    /**
     * Streams every contact matching the filter, readable fields only, in constant memory. In CSV, a text value that
     * starts with {@code = + - @}, a tab, a carriage return, NUL or a single quote is written behind a single quote, so
     * that a spreadsheet shows it as text instead of running it as a formula; {@link #importCsv} removes that quote.
     *
     * @return how many contacts were written
     * @throws CrmStoreException when the writer fails
     */
    long export(Filter filter, ExportFormat format, Writer out);

    /** Contacts. */
    interface Contacts {
        /** Creates a contact owned by the session's user; every field named must be creatable by the user. */
        Contact create(ContactDraft draft);

        /** A contact the user can see. @throws CrmNotFoundException otherwise */
        Contact get(long contactId);

        /** A contact the user can see, if any. */
        Optional<Contact> find(long contactId);

        /** Applies a patch; every field named must be updatable by the user on this contact. */
        Contact update(ContactPatch patch);

        /** Deletes a contact and everything attached to it; needs the delete right on it. */
        void delete(long contactId);

        /** One page of contacts the user can see, filtered and sorted on readable fields only. */
        Page<Contact> list(ContactQuery query);

        /** Reassigns a contact ({@code 0} = unassign); needs the contact in the update scope. */
        Contact assignOwner(long contactId, long expectedVersion, long newOwnerId);

        /** Moves a contact to a stage; needs update on field {@code stage}. */
        Contact changeStage(long contactId, long expectedVersion, long stageId);
    }

    /** Lists or tags, and contacts' memberships. */
    interface Groups {
        /** All groups (needs the entity's read right). */
        List<ContactGroup> all();

        /** Creates a group (needs the entity's create right). */
        ContactGroup create(String name, String description);

        /** Renames a group (needs the entity's update right). */
        ContactGroup rename(long groupId, String name, String description);

        /** Deletes a group and its memberships (needs the entity's delete right). */
        void delete(long groupId);

        /** Adds a contact (needs update right on the entity and the contact in scope). */
        void add(long contactId, long groupId);

        /** Removes a contact (needs update right on the entity and the contact in scope). */
        void remove(long contactId, long groupId);

        /** The groups a contact is in (needs read right on the entity and the contact in view). */
        Set<Long> of(long contactId);
    }

    /** Notes. */
    interface Notes {
        /**
         * Adds a note to a contact the user can view (needs note create right). {@code happenedAt} must lie from
         * 0001-01-01T00:00:00Z to 9999-12-31T23:59:59Z (rule {@code range}; a store may allow less).
         */
        Note add(long contactId, NoteType type, String title, String body, Instant happenedAt);

        /** Changes a note (author, or note update right in update scope). */
        Note update(long noteId, NoteType type, String title, String body);

        /** Deletes a note (author, or note delete right in update scope). */
        void delete(long noteId);

        /** A contact's notes, newest first (needs note read right). */
        List<Note> of(long contactId);
    }

    /** Reminders (governed by the contact's view scope; assignees are users). */
    interface Reminders {
        /**
         * Adds a reminder on a contact the user can view. {@code dueAt} must lie from 0001-01-01T00:00:00Z to
         * 9999-12-31T23:59:59Z (rule {@code range}; a store may allow less).
         */
        Reminder add(long contactId, long assigneeId, Instant dueAt, String text);

        /** Marks a reminder done. */
        Reminder complete(long reminderId);

        /** Deletes a reminder. */
        void delete(long reminderId);

        /** A contact's reminders, soonest first. */
        List<Reminder> of(long contactId);

        /** The session user's open reminders on contacts they can view. */
        List<Reminder> mine();
    }

    /** Stages. */
    interface Stages {
        /** All stages in order. */
        List<Stage> all();

        /** Adds a stage at the end (super admin). */
        Stage add(String name);

        /** Renames a stage (super admin). */
        Stage rename(long stageId, String name);

        /** Deletes an unused stage (super admin). */
        void delete(long stageId);
    }

    /** Administration (super admin only). */
    interface Admin {
        /**
         * Defines a custom field; no role has rights on it until granted.
         *
         * @throws CrmValidationException field {@code key}, rule {@code unique}, naming the key, when a custom field
         *                                with that key exists (see {@link #ensureField} for setup code that runs
         *                                more than once)
         */
        FieldDefinition defineField(FieldDefinition field);

        /**
         * Declares a custom field: defines it when no field has its key, and otherwise checks that the stored one is
         * the same. For a host's setup code, which runs again at every start on the same database. Nothing is
         * changed when it exists; use {@link #updateField} for that.
         *
         * @return the stored definition
         * @throws CrmValidationException rule {@code conflict}, one violation per differing setting (type, label,
         *                                options, required, active, readOnly, sensitive), each naming the key, the
         *                                stored value and the declared one; or what {@link #defineField} throws
         */
        FieldDefinition ensureField(FieldDefinition field);

        /** Changes a custom field's label, options or flags. */
        FieldDefinition updateField(FieldDefinition field);

        /** Removes a custom field and its values. */
        void removeField(String key);

        /** All custom field definitions, active or not. */
        List<FieldDefinition> customFields();

        /**
         * Creates or replaces a role. Saving the same role again changes nothing, so setup code may run it at
         * every start.
         *
         * @throws CrmValidationException rule {@code unknown_field}, naming the key, when the role grants rights on a
         *                                field that does not exist (standard fields and every custom field, active or
         *                                not, exist); a field removed later leaves its grants in the roles that name
         *                                it, granting nothing, until the role is saved without them
         */
        Role saveRole(Role role);

        /** Deletes a role (not a super-admin role, not one held by a user). */
        void deleteRole(String name);

        /** All roles. */
        List<Role> roles();

        /**
         * Creates a user.
         *
         * @throws CrmValidationException rule {@code unique}, naming it, when the login (field {@code login}) or a
         *                                given id (field {@code id}) is taken; see {@link #ensureUser} for setup code
         */
        User createUser(User user);

        /**
         * Declares a user: creates it when no user has its login, and otherwise checks that the stored one is the
         * same (the id only when the declared one is not 0; role names as a set). For setup code that runs again at
         * every start. Nothing is changed when it exists; use {@link #updateUser} for that.
         *
         * @return the stored user
         * @throws CrmValidationException rule {@code conflict}, one violation per differing setting (id,
         *                                displayName, roleNames, teamIds, active), each naming the login, the stored
         *                                value and the declared one; or what {@link #createUser} throws
         */
        User ensureUser(User user);

        /**
         * Replaces a user's roles, teams and flags. Deactivating the user, or taking a role away, revokes every login
         * session of the user in the same transaction (on a store with
         * {@link io.roostcrm.core.spi.StoreFeature#SECURITY}): each fails on its next call, on every node, and stays
         * revoked if the user is reactivated or given the role back. API passwords are not revoked.
         */
        User updateUser(User user);

        /** All users. */
        List<User> users();
    }

    /**
     * The audit trail as this session may use it: the view and field history for holders of the audit right,
     * filtered by this session's rights at each call; verification, login tracking and retention for super admins.
     */
    io.roostcrm.core.audit.AuditTrail audit();
}
