package io.roostcrm.store.jdbc;

import io.roostcrm.core.Crm;
import io.roostcrm.core.CrmSession;
import io.roostcrm.core.field.FieldDefinition;
import io.roostcrm.permissions.Role;
import io.roostcrm.permissions.Subject;

import java.util.List;
import java.util.Set;

/**
 * A second application node in a JVM of its own, for {@link SecondJvmTest}: opens the store at the URL it is given,
 * makes a custom field read-only through its own {@code Crm}, and exits 0 (anything else on failure).
 */
public final class SecondNodeMain {

    private SecondNodeMain() {
    }

    /** @param args the JDBC URL, then the key of the field to make read-only */
    public static void main(String[] args) {
        try (Crm crm = Crm.builder().store(JdbcStore.builder().url(args[0]).maximumPoolSize(2).build()).build()) {
            CrmSession root = crm.as(new Subject(Long.MAX_VALUE, Set.of(), List.of(Role.superAdmin("Administrator"))));
            FieldDefinition field = root.admin().customFields().stream().filter(f -> f.key().equals(args[1]))
                    .findFirst().orElseThrow();
            root.admin().updateField(field.withFlags(field.required(), field.active(), true, field.sensitive()));
        }
        System.exit(0);
    }
}
