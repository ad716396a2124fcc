package io.roostcrm.store.jdbc;

import io.roostcrm.core.field.FieldDefinition;
import io.roostcrm.core.field.FieldType;
import io.roostcrm.core.query.Filter;
import io.roostcrm.core.query.Sort.Direction;
import io.roostcrm.core.spi.ContactSelection;
import io.roostcrm.core.spi.Keyset;
import io.roostcrm.core.spi.NewContact;
import io.roostcrm.core.spi.SortKey;
import io.roostcrm.permissions.ScopePredicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.sql.DataSource;

import static io.roostcrm.core.field.StandardFields.EMAIL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A filter or a sort on a custom field runs on that field's index, inside the page's one statement: the statement
 * the store sends is recorded and replayed under EXPLAIN on a 20,000-row table with fresh statistics. The table is
 * filled once per class; the tests only read it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class CustomFieldIndexUsageTest {

    private static final int ROWS = 20_000;
    private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");

    private DataSource host;
    private RecordingDataSource recording;
    private JdbcStore store;

    abstract TestDatabase database();

    @BeforeAll
    void fillTable() throws SQLException {
        host = database().hostDataSource();
        recording = new RecordingDataSource(host);
        JdbcStore.Builder builder = JdbcStore.builder().dataSource(recording);
        if (database().kind() == TestDatabase.Kind.POSTGRESQL) {
            builder.schema(database().schema());
        }
        store = builder.build();
        store.transaction(tx -> {
            tx.fields().define(FieldDefinition.custom("segment", FieldType.TEXT).build());
            tx.fields().define(FieldDefinition.custom("score", FieldType.NUMBER).build());
        });
        List<NewContact> contacts = new ArrayList<>(ROWS);
        for (int i = 0; i < ROWS; i++) {
            contacts.add(new NewContact(i % 50, NOW, Map.of(EMAIL, "c" + i + "@example.com",
                    "segment", "s" + (i % 1_000), "score", BigDecimal.valueOf((i * 7919L) % 100_003, 2))));
        }
        store.transaction(tx -> tx.contacts().insertAll(contacts));
        try (Connection c = host.getConnection(); Statement s = c.createStatement()) {
            s.execute(switch (database().kind()) {
                case H2 -> "ANALYZE";
                case POSTGRESQL -> "ANALYZE roost_contact";
                case MARIADB -> "ANALYZE TABLE roost_contact";
            });
        }
    }

    /** The servers' schema goes with the class (see {@link TestDatabase}); the host's H2 database is shut down. */
    @AfterAll
    void closeStore() throws SQLException {
        store.close();
        if (database().kind() == TestDatabase.Kind.H2) {
            try (Connection c = host.getConnection(); Statement s = c.createStatement()) {
                s.execute("SHUTDOWN");
            }
        }
    }

    @Test
    void anEqualityFilterOnACustomFieldUsesItsIndex() throws Exception {
        String plan = explain(new ContactSelection(ScopePredicate.all(), projection(),
                Filter.eq("segment", "s42"), List.of(), Keyset.start(), 50), 20);
        assertThat(plan).contains(indexOf("segment"));
    }

    @Test
    void anAscendingSortOnACustomFieldUsesItsIndex() throws Exception {
        // MariaDB has no NULLS LAST; jOOQ emulates it with a CASE expression, which no index can serve, so there the
        // sort runs over the rows the filter (on indexes) selects. See JdbcStore's Javadoc.
        assumeTrue(database().kind() != TestDatabase.Kind.MARIADB, "MariaDB cannot sort NULLS LAST on an index");
        String plan = explain(new ContactSelection(ScopePredicate.all(), projection(), Filter.all(),
                List.of(new SortKey("score", Direction.ASC, ScopePredicate.all())), Keyset.start(), 50), 50);
        assertThat(plan).contains(indexOf("score"));
    }

    private static Map<String, ScopePredicate> projection() {
        Map<String, ScopePredicate> projection = new LinkedHashMap<>();
        projection.put(EMAIL, ScopePredicate.all());
        projection.put("segment", ScopePredicate.all());
        projection.put("score", ScopePredicate.all());
        return projection;
    }

    /** Runs the selection (checking it is one statement returning the rows), then EXPLAINs that statement. */
    private String explain(ContactSelection selection, int expectedRows) throws Exception {
        recording.clear();
        int rows = store.transactionResult(tx -> tx.contacts().select(selection)).size();
        assertThat(rows).isEqualTo(expectedRows);
        List<RecordingDataSource.Recorded> statements = recording.statements();
        assertThat(statements).hasSize(1);
        RecordingDataSource.Recorded select = statements.get(0);
        StringBuilder plan = new StringBuilder();
        try (Connection c = host.getConnection(); PreparedStatement explain = c.prepareStatement("EXPLAIN " + select.sql)) {
            select.bindTo(explain);
            try (ResultSet rs = explain.executeQuery()) {
                int columns = rs.getMetaData().getColumnCount();
                while (rs.next()) {
                    for (int i = 1; i <= columns; i++) {
                        plan.append(rs.getString(i)).append(' ');
                    }
                    plan.append('\n');
                }
            }
        }
        return plan.toString().toLowerCase(Locale.ROOT);
    }

    private String indexOf(String key) throws SQLException {
        try (Connection c = host.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT column_name FROM roost_custom_field WHERE field_key = ?")) {
            s.setString(1, key);
            try (ResultSet rs = s.executeQuery()) {
                assertThat(rs.next()).isTrue();
                return "ix_roost_contact_" + rs.getString(1);
            }
        }
    }
}
