package io.roostcrm.store.fluentcrm.internal.mapping;

import io.roostcrm.core.contact.NoteType;

import java.util.Locale;

/**
 * Note types. FluentCRM's activity types include {@code note}, {@code call}, {@code email} and {@code meeting} but
 * no task (schema §9, §14). A Roost {@link NoteType#TASK} is stored as FluentCRM {@code note} (so FluentCRM lists it
 * as a note) and the Roost type is kept in the side table {@code roost_note_types}. Any other FluentCRM type
 * ({@code quote_sent}, {@code system_log}, ...) reads as {@link NoteType#NOTE} and is kept when Roost updates the note
 * as a {@code NOTE}.
 */
public final class NoteTypes {

    private NoteTypes() {
    }

    /** The FluentCRM type column value for a Roost type. */
    public static String toFluent(NoteType type) {
        return type == NoteType.TASK ? "note" : type.name().toLowerCase(Locale.ROOT);
    }

    /** Whether Roost must remember the type in its side table. */
    public static boolean needsSideRow(NoteType type) {
        return type == NoteType.TASK;
    }

    /** The Roost type of a FluentCRM type, given the side table's type (or null). */
    public static NoteType fromFluent(String fluentType, String sideType) {
        String t = fluentType == null ? "note" : fluentType;
        if (sideType != null && t.equals("note")) {
            try {
                return NoteType.valueOf(sideType);
            } catch (IllegalArgumentException e) {
                return NoteType.NOTE;
            }
        }
        return switch (t) {
            case "call" -> NoteType.CALL;
            case "email" -> NoteType.EMAIL;
            case "meeting" -> NoteType.MEETING;
            default -> NoteType.NOTE;
        };
    }

    /** Whether FluentCRM's type is one Roost models directly (so a Roost NOTE overwrites it). */
    public static boolean isRoostType(String fluentType) {
        return fluentType == null || switch (fluentType) {
            case "note", "call", "email", "meeting" -> true;
            default -> false;
        };
    }
}
