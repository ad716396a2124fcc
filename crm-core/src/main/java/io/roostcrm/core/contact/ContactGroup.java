package io.roostcrm.core.contact;

import io.roostcrm.core.query.Filter.GroupKind;

import java.util.Objects;

/**
 * A list or a tag: a named group of contacts.
 *
 * @param id          the group's id
 * @param kind        list or tag
 * @param name        display name, 1 to 190 characters
 * @param slug        unique (per kind) lower-case identifier derived from the name
 * @param description free text, at most 255 characters (may be empty)
 */
public record ContactGroup(long id, GroupKind kind, String name, String slug, String description) {
    /** Checks the components. */
    public ContactGroup {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(slug, "slug");
        Objects.requireNonNull(description, "description");
    }
}
