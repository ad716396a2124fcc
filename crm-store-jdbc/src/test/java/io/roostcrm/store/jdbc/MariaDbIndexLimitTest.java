package io.roostcrm.store.jdbc;

import io.roostcrm.core.CrmValidationException;
import io.roostcrm.core.Violation;
import io.roostcrm.core.field.FieldDefinition;
import io.roostcrm.core.field.FieldType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * GH-13: MariaDB allows 64 indexes per table, one per indexed custom field after the standard ones. The field that
 * would need the 65th is refused with a validation error naming it, leaves no column behind, and an unindexed field
 * can still be added.
 */
class MariaDbIndexLimitTest {

    @RegisterExtension
    static final TestDatabase DATABASE = TestDatabase.mariadb();

    @Test
    void theFieldThatWouldExceedMariaDbsIndexLimitIsRefusedByName() {
        try (JdbcStore store = DATABASE.newStore()) {
            int defined = 0;
            CrmValidationException refused = null;
            while (refused == null && defined < 70) {
                String key = "n" + (defined + 1);
                try {
                    store.transaction(tx -> tx.fields().define(FieldDefinition.custom(key, FieldType.NUMBER).build()));
                    defined++;
                } catch (CrmValidationException e) {
                    refused = e;
                }
            }
            assertThat(refused).as("a refusal before 70 indexed fields").isNotNull();
            // 64 less the primary key, the e-mail's unique index and the eight standard sort indexes.
            assertThat(defined).isEqualTo(54);
            String refusedKey = "n" + (defined + 1);
            assertThat(refused.violations()).extracting(Violation::field, Violation::rule)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple(refusedKey, "too_many_fields"));
            assertThat(refused.getMessage()).contains("64 indexes").doesNotContainIgnoringCase("alter table");
            List<FieldDefinition> fields = store.transactionResult(tx -> tx.fields().all());
            assertThat(fields).extracting(FieldDefinition::key).hasSize(defined).doesNotContain(refusedKey);
            long columns = store.transactionResult(tx -> ((io.roostcrm.store.jdbc.internal.JdbcStoreTransaction) tx)
                    .dsl().fetchCount(org.jooq.impl.DSL.table(org.jooq.impl.DSL.name("information_schema", "columns")),
                            org.jooq.impl.DSL.field(org.jooq.impl.DSL.name("table_schema"))
                                    .eq(org.jooq.impl.DSL.field("database()"))
                                    .and(org.jooq.impl.DSL.field(org.jooq.impl.DSL.name("table_name")).eq("roost_contact"))
                                    .and(org.jooq.impl.DSL.field(org.jooq.impl.DSL.name("column_name")).like("cf!_%", '!'))));
            assertThat(columns).as("no column left by the refused field").isEqualTo(defined);

            store.transaction(tx -> tx.fields().define(FieldDefinition.custom("notes", FieldType.TEXTAREA).build()));
            List<FieldDefinition> after = store.transactionResult(tx -> tx.fields().all());
            assertThat(after).extracting(FieldDefinition::key).contains("notes");
        }
    }
}
