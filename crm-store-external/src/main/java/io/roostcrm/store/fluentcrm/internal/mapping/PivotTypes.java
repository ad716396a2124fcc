package io.roostcrm.store.fluentcrm.internal.mapping;

import io.roostcrm.core.query.Filter.GroupKind;

/**
 * The {@code object_type} values of {@code fc_subscriber_pivot}: the PHP class names of FluentCRM's models, with
 * single backslashes (schema §6). Always bound as parameters, never written into SQL literals, where a backslash is
 * an escape character.
 */
public final class PivotTypes {

    /** A list membership. */
    public static final String LIST = "FluentCrm\\App\\Models\\Lists";
    /** A tag membership. */
    public static final String TAG = "FluentCrm\\App\\Models\\Tag";

    private PivotTypes() {
    }

    /** The object type of a group kind. */
    public static String of(GroupKind kind) {
        return kind == GroupKind.LIST ? LIST : TAG;
    }
}
