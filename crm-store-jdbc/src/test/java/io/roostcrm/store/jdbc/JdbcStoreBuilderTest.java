package io.roostcrm.store.jdbc;

import com.zaxxer.hikari.HikariDataSource;
import io.roostcrm.core.field.FieldDefinition;
import io.roostcrm.core.field.FieldType;
import io.roostcrm.core.field.StandardFields;
import io.roostcrm.core.query.Filter;
import io.roostcrm.core.spi.ContactSelection;
import io.roostcrm.core.spi.NewContact;
import io.roostcrm.core.spi.StoreFeature;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JdbcStoreBuilderTest {

    private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");

    @Test
    void urlAndDataSourceCannotBeUsedTogether() {
        assertThatThrownBy(() -> JdbcStore.builder().url("jdbc:h2:mem:x").dataSource(new JdbcDataSource()).build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("url and dataSource cannot be used together");
    }

    @Test
    void h2InMemoryAndUrlCannotBeUsedTogether() {
        assertThatThrownBy(() -> JdbcStore.builder().url("jdbc:h2:mem:x").h2InMemory("y").build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("url and h2InMemory cannot be used together");
    }

    @Test
    void urlOrDataSourceIsRequired() {
        assertThatThrownBy(() -> JdbcStore.builder().build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("url or dataSource is required");
    }

    @Test
    void unsupportedUrlIsRefusedNamingTheRedactedUrlAndTheSupportedPrefixes() {
        assertThatThrownBy(() -> JdbcStore.builder().url("jdbc:sqlite:/tmp/crm.db?password=hunter2").build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("url was 'jdbc:sqlite:/tmp/crm.db?password=***' but it must start with one of "
                        + "jdbc:h2:, jdbc:postgresql:, jdbc:mariadb:, jdbc:mysql:")
                .hasMessageNotContaining("hunter2");
    }

    @Test
    void userInfoInAUrlIsRedactedFromMessages() {
        assertThatThrownBy(() -> JdbcStore.builder().url("jdbc:oracle://scott:tiger@db/crm").build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("jdbc:oracle://***@db/crm")
                .hasMessageNotContaining("tiger");
    }

    @Test
    void maximumPoolSizeMustBeAtLeastOne() {
        assertThatThrownBy(() -> JdbcStore.builder().maximumPoolSize(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("maximumPoolSize was 0 but it must be at least 1");
    }

    @Test
    void schemaMustBeAPlainIdentifier() {
        assertThatThrownBy(() -> JdbcStore.builder().schema("crm; DROP TABLE x"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("schema was 'crm; DROP TABLE x' but it must be a letter or '_'");
    }

    @Test
    void userDoesNotApplyToAHostDataSource() {
        assertThatThrownBy(() -> JdbcStore.builder().dataSource(new JdbcDataSource()).user("sa").build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("user applies only to a url; configure the dataSource instead");
    }

    @Test
    void storeDeclaresEveryFeatureButEncryptionAtRest() {
        try (JdbcStore store = JdbcStore.builder().h2InMemory("caps-" + UUID.randomUUID()).build()) {
            assertThat(store.capabilities().features()).containsExactlyInAnyOrder(StoreFeature.REMINDERS,
                    StoreFeature.TEAMS, StoreFeature.CUSTOM_FIELD_QUERIES, StoreFeature.SECURITY_EPOCH,
                    StoreFeature.CHANGE_LOG, StoreFeature.GIVEN_IDS, StoreFeature.SETTINGS, StoreFeature.SECURITY,
                    StoreFeature.AUDIT_CHAIN);
            assertThat(store.capabilities().customFieldTypes()).hasSize(11);
        }
    }

    @Test
    void closingTheStoreLeavesAHostDataSourceOpen() {
        try (HikariDataSource host = new HikariDataSource()) {
            host.setJdbcUrl("jdbc:h2:mem:host-" + UUID.randomUUID());
            host.setMaximumPoolSize(2);
            JdbcStore store = JdbcStore.builder().dataSource(host).build();
            store.transaction(tx -> tx.contacts().insert(contact("host@example.com")));
            store.close();
            assertThat(host.isClosed()).isFalse();
            try (JdbcStore again = JdbcStore.builder().dataSource(host).build()) {
                assertThat(count(again)).isEqualTo(1);
            }
        }
    }

    @Test
    void aClosedStoreRefusesWork() {
        JdbcStore store = JdbcStore.builder().h2InMemory("closed-" + UUID.randomUUID()).build();
        store.close();
        assertThatThrownBy(() -> store.transactionResult(tx -> tx.contacts().count()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageEndingWith(" is closed");
    }

    @Test
    void anInMemoryDatabaseLivesAsLongAsItsStore() {
        String name = "lifetime-" + UUID.randomUUID();
        try (JdbcStore store = JdbcStore.builder().h2InMemory(name).build()) {
            store.transaction(tx -> tx.contacts().insert(contact("a@example.com")));
        }
        try (JdbcStore store = JdbcStore.builder().h2InMemory(name).build()) {
            assertThat(count(store)).isZero();
        }
    }

    @Test
    void anH2FileKeepsItsDataAcrossStores(@TempDir Path dir) {
        Path file = dir.resolve("crm");
        try (JdbcStore store = JdbcStore.builder().h2File(file).build()) {
            store.transaction(tx -> tx.contacts().insert(contact("kept@example.com")));
        }
        try (JdbcStore store = JdbcStore.builder().h2File(file).build()) {
            var rows = store.transactionResult(tx -> tx.contacts().select(
                    ContactSelection.everything(List.of(StandardFields.EMAIL), Filter.all(), 10)));
            assertThat(rows).singleElement().satisfies(row ->
                    assertThat(row.values()).containsEntry(StandardFields.EMAIL, "kept@example.com"));
        }
    }

    @Test
    void subStoresCannotBeUsedAfterTheirUnitOfWork() {
        try (JdbcStore store = JdbcStore.builder().h2InMemory("ended-" + UUID.randomUUID()).build()) {
            var contacts = store.transactionResult(tx -> tx.contacts());
            assertThatThrownBy(contacts::count)
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessage("the unit of work has ended; sub-stores cannot be used after it");
        }
    }

    @Test
    void aCustomFieldDefinedThroughAnotherStoreOnTheSameDatabaseIsUsableAtOnce() {
        String name = "nodes-" + UUID.randomUUID();
        try (JdbcStore first = JdbcStore.builder().h2InMemory(name).build();
             JdbcStore second = JdbcStore.builder().h2InMemory(name).build()) {
            assertThat(count(second)).isZero();
            first.transaction(tx -> tx.fields().define(FieldDefinition.custom("tier", FieldType.SELECT)
                    .options("gold", "silver").build()));
            second.transaction(tx -> tx.contacts().insert(new NewContact(0, NOW,
                    Map.of(StandardFields.EMAIL, "n@example.com", "tier", "gold"))));
            var rows = first.transactionResult(tx -> tx.contacts().select(
                    ContactSelection.everything(List.of("tier"), Filter.eq("tier", "gold"), 10)));
            assertThat(rows).singleElement().satisfies(row -> assertThat(row.values()).containsEntry("tier", "gold"));
        }
    }

    @Test
    void theStoresTablesAndHistoryGoIntoTheConfiguredSchema() throws Exception {
        JdbcDataSource host = new JdbcDataSource();
        host.setURL("jdbc:h2:mem:schema-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        try (JdbcStore store = JdbcStore.builder().dataSource(host).schema("crm").build()) {
            store.transaction(tx -> tx.contacts().insert(contact("s@example.com")));
        }
        try (Connection c = host.getConnection(); Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT TABLE_SCHEMA, COUNT(*) FROM INFORMATION_SCHEMA.TABLES "
                    + "WHERE LOWER(TABLE_NAME) LIKE 'roost%' GROUP BY TABLE_SCHEMA")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("CRM");
                assertThat(rs.getInt(2)).as("23 tables (V7 added 7) and the Flyway history")
                        .isEqualTo(24);
                assertThat(rs.next()).isFalse();
            }
            try (ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM crm.roost_contact")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getInt(1)).isEqualTo(1);
            }
            s.execute("SHUTDOWN");
        }
    }

    private static NewContact contact(String email) {
        return new NewContact(0, NOW, Map.of(StandardFields.EMAIL, email));
    }

    private static long count(io.roostcrm.core.spi.CrmStore store) {
        return store.transactionResult(tx -> tx.contacts().count());
    }
}
