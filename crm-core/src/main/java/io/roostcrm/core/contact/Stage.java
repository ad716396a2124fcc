package io.roostcrm.core.contact;

import java.util.List;
import java.util.Objects;

/**
 * A stage in the ordered, renamable set of stages a contact moves through.
 *
 * @param id       the stage's id
 * @param name     its name, unique, 1 to 100 characters
 * @param position its place in the order (smaller first)
 */
public record Stage(long id, String name, int position) {

    /** The stages a new installation starts with, in order. */
    public static final List<String> DEFAULT_NAMES =
            List.of("New", "Contacted", "On Trial", "On Hold", "At Risk", "Unpaid", "Paid", "Lost");

    /** Checks the components. */
    public Stage {
        Objects.requireNonNull(name, "name");
    }
}
