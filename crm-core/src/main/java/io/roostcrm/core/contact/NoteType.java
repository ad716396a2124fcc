package io.roostcrm.core.contact;

/** The kind of a note. */
public enum NoteType {
    /** A plain note. */
    NOTE,
    /** A telephone call. */
    CALL,
    /** An e-mail. */
    EMAIL,
    /** A meeting. */
    MEETING,
    /** A task. */
    TASK
}
