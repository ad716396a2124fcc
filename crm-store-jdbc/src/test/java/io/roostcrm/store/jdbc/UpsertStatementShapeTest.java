package io.roostcrm.store.jdbc;

import io.roostcrm.core.Crm;
import io.roostcrm.core.CrmSession;
import io.roostcrm.core.contact.User;
import io.roostcrm.core.field.FieldDefinition;
import io.roostcrm.core.field.FieldType;
import io.roostcrm.core.field.StandardFields;
import io.roostcrm.core.io.ImportListener;
import io.roostcrm.core.io.ImportOptions;
import io.roostcrm.core.io.ImportReport;
import io.roostcrm.permissions.Role;
import io.roostcrm.permissions.Subject;
import io.roostcrm.store.jdbc.ExecutionCountingDataSource.Execution;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import javax.sql.DataSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 13 item 6: an import with upsert writes each batch's matched rows with one statement shape, so the statements
 * it sends do not grow with the batch. Counted at the JDBC boundary of a real database (every {@code execute*} call,
 * a batch as one), for 10 and for 500 matching rows in one batch; before the batch update the 500 cost 490 statements
 * more than the 10, one UPDATE per row.
 */
abstract class UpsertStatementShapeTest {

    private static final String NICKNAME = "nickname";

    private DataSource host;
    private ExecutionCountingDataSource counting;
    private Crm crm;
    private CrmSession admin;

    abstract TestDatabase database();

    @BeforeEach
    void start() throws SQLException {
        host = database().hostDataSource();
        counting = new ExecutionCountingDataSource(host);
        JdbcStore.Builder builder = JdbcStore.builder().dataSource(counting);
        if (database().kind() == TestDatabase.Kind.POSTGRESQL) {
            builder.schema(database().schema());
        }
        if (database().kind() != TestDatabase.Kind.H2) {
            database().newStore().close(); // empties the class's schema
        }
        crm = Crm.builder().store(builder.build()).build();
        CrmSession root = crm.as(new Subject(Long.MAX_VALUE, Set.of(), List.of(Role.superAdmin("Administrator"))));
        root.admin().saveRole(Role.superAdmin("Administrator"));
        // A custom text field: its column, and on H2 its generated lower-case twin, are written by the batch too.
        root.admin().defineField(FieldDefinition.custom(NICKNAME, FieldType.TEXT).build());
        admin = crm.as(root.admin().createUser(new User(0, "admin", "Admin", List.of("Administrator"), Set.of(),
                true)).id());
    }

    @AfterEach
    void stop() {
        crm.close();
    }

    @Test
    void upsertOfFiveHundredMatchingRowsSendsAsManyStatementsAsOfTen() throws SQLException {
        upsertMatching(3, "warm"); // the first import of a store reads its columns and prepares what it caches
        List<Execution> ten = upsertMatching(10, "ten");
        List<Execution> fiveHundred = upsertMatching(500, "five");

        assertThat(fiveHundred).as("statements of the upsert of 500 rows, beside those of 10 rows:%n%s%n%s",
                describe(fiveHundred), describe(ten)).hasSameSizeAs(ten);
        List<Execution> updates = contactUpdates(fiveHundred);
        assertThat(updates).as("UPDATEs of roost_contact for 500 rows").hasSize(1);
        assertThat(updates.get(0).batchRows()).as("rows of the batch update").isEqualTo(500);
    }

    /**
     * Imports {@code rows} new contacts, then the same e-mails with upsert in one batch, changing a standard and a
     * custom field; returns the statements of the upsert alone, after checking that it updated every row. Some cells
     * of the upsert are empty, in a pattern that gives the 500 rows more combinations of set fields than the 10: an
     * empty cell leaves its field as it was, and a store that wrote each combination in a statement of its own would
     * send more statements for more rows.
     */
    private List<Execution> upsertMatching(int rows, String tag) throws SQLException {
        ImportReport fresh = admin.importCsv(new StringReader(csv(rows, tag, false)),
                new ImportOptions(Map.of(), 1_000, false), ImportListener.NONE);
        assertThat(fresh.imported()).as("contacts imported first").isEqualTo(rows);
        counting.clear();

        ImportReport upsert = admin.importCsv(new StringReader(csv(rows, tag, true)),
                new ImportOptions(Map.of(), 1_000, true), ImportListener.NONE);
        List<Execution> executions = counting.executions();

        assertThat(upsert.errors()).as("errors of the upsert").isEmpty();
        assertThat(upsert.imported()).as("rows the upsert wrote").isEqualTo(rows);
        long keptFirstNames = java.util.stream.IntStream.range(0, rows).filter(n -> n % 3 == 1).count();
        long keptNicknames = java.util.stream.IntStream.range(0, rows).filter(n -> n % 7 == 3).count();
        assertThat(count(tag, "version = 2")).as("contacts at version 2").isEqualTo(rows);
        assertThat(count(tag, "first_name like 'changed %'")).as("changed first names").isEqualTo(rows - keptFirstNames);
        assertThat(count(tag, "first_name like 'first %'")).as("first names of empty cells, kept")
                .isEqualTo(keptFirstNames);
        assertThat(count(tag, nicknameColumn() + " like 'changed-nick-%'")).as("changed nicknames")
                .isEqualTo(rows - keptNicknames);
        assertThat(count(tag, nicknameColumn() + " like 'first-nick-%'")).as("nicknames of empty cells, kept")
                .isEqualTo(keptNicknames);
        return executions;
    }

    /** The CSV of {@code rows} contacts; the changed one leaves some cells empty. */
    private static String csv(int rows, String tag, boolean changed) {
        StringBuilder csv = new StringBuilder(String.join(",", StandardFields.EMAIL, StandardFields.FIRST_NAME,
                StandardFields.LAST_NAME, NICKNAME)).append('\n');
        String value = changed ? "changed" : "first";
        for (int n = 0; n < rows; n++) {
            csv.append(tag).append(n).append("@example.com,");
            csv.append(changed && n % 3 == 1 ? "" : value + " " + n).append(',');
            csv.append(changed && n % 5 == 2 ? "" : value + "-last " + n).append(',');
            csv.append(changed && n % 7 == 3 ? "" : value + "-nick-" + n).append('\n');
        }
        return csv.toString();
    }

    private String nicknameColumn() throws SQLException {
        try (Connection c = host.getConnection();
             PreparedStatement s = c.prepareStatement("select column_name from roost_custom_field where field_key = ?")) {
            s.setString(1, NICKNAME);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        }
    }

    /** Contacts of this tag that match the condition, counted behind the store's back. */
    private long count(String tag, String condition) throws SQLException {
        try (Connection c = host.getConnection();
             PreparedStatement s = c.prepareStatement("select count(*) from roost_contact where email like ? and "
                     + condition)) {
            s.setString(1, tag + "%");
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static List<Execution> contactUpdates(List<Execution> executions) {
        return executions.stream().filter(e -> e.sql() != null).filter(e -> {
            String sql = e.sql().strip().toLowerCase(Locale.ROOT);
            return sql.startsWith("update") && sql.contains("roost_contact");
        }).toList();
    }

    private static String describe(List<Execution> executions) {
        return executions.stream().map(e -> "  " + e.batchRows() + " x " + (e.sql() == null ? "?"
                : e.sql().substring(0, Math.min(120, e.sql().length())))).collect(Collectors.joining("\n"));
    }
}
