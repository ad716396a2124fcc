package io.roostcrm.core.spi;

import io.roostcrm.core.query.Filter.GroupKind;

/** The sub-stores of one unit of work. Valid only while the work runs. */
public interface StoreTransaction {

    /** Contacts, their field values and owners. */
    ContactStore contacts();

    /** Custom field definitions. */
    FieldStore fields();

    /** Lists or tags, and memberships. */
    GroupStore groups(GroupKind kind);

    /** Notes. */
    NoteStore notes();

    /** Reminders. Stores without {@link StoreFeature#REMINDERS} throw {@link UnsupportedOperationException}. */
    ReminderStore reminders();

    /** Stages. */
    StageStore stages();

    /** Users and their teams. */
    UserStore users();

    /** Role definitions. */
    RoleStore roles();
}
