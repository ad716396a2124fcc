package io.roostcrm.store.jdbc;

import io.roostcrm.core.Crm;
import io.roostcrm.core.CrmException;
import io.roostcrm.core.CrmSession;
import io.roostcrm.core.CrmStoreException;
import io.roostcrm.core.CrmValidationException;
import io.roostcrm.core.RedactedCause;
import io.roostcrm.core.contact.Contact;
import io.roostcrm.core.contact.ContactDraft;
import io.roostcrm.core.contact.NoteType;
import io.roostcrm.core.contact.User;
import io.roostcrm.core.spi.ContactChange;
import io.roostcrm.core.spi.NewContact;
import io.roostcrm.permissions.Role;
import io.roostcrm.permissions.Subject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Issue 10 item 12: no exception handed to a caller carries SQL text or bound values, in its message or anywhere in
 * its cause chain (suppressed and next exceptions included); the cause keeps the SQLState and vendor code, and the
 * store writes nothing when it fails.
 */
abstract class StoreErrorsTest {

    private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");

    private JdbcStore store;
    private DataSource host;
    private Crm crm;
    private CrmSession admin;

    abstract TestDatabase database();

    @BeforeEach
    void start() throws SQLException {
        // On a host data source, so that the test can change the tables behind the store's back.
        host = database().hostDataSource();
        JdbcStore.Builder builder = JdbcStore.builder().dataSource(host);
        if (database().kind() == TestDatabase.Kind.POSTGRESQL) {
            builder.schema(database().schema());
        }
        if (database().kind() != TestDatabase.Kind.H2) {
            database().newStore().close(); // empties the class's schema
        }
        store = builder.build();
        crm = Crm.builder().store(store).build();
        CrmSession root = crm.as(new Subject(Long.MAX_VALUE, Set.of(), List.of(Role.superAdmin("Administrator"))));
        root.admin().saveRole(Role.superAdmin("Administrator"));
        admin = crm.as(root.admin().createUser(new User(0, "admin", "Admin", List.of("Administrator"), Set.of(),
                true)).id());
    }

    @AfterEach
    void stop() {
        crm.close();
    }

    /** Every message and string form in the exception's chain: causes, suppressed and next exceptions. */
    private static List<String> texts(Throwable failure) {
        List<String> texts = new ArrayList<>();
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        List<Throwable> todo = new ArrayList<>(List.of(failure));
        while (!todo.isEmpty()) {
            Throwable t = todo.remove(todo.size() - 1);
            if (t == null || !seen.add(t)) {
                continue;
            }
            texts.add(String.valueOf(t.getMessage()));
            texts.add(t.toString());
            todo.add(t.getCause());
            todo.addAll(List.of(t.getSuppressed()));
            if (t instanceof SQLException sql) {
                todo.add(sql.getNextException());
            }
        }
        return texts;
    }

    private static void assertNothingRevealed(Throwable failure, String... secrets) {
        List<String> texts = texts(failure);
        for (String text : texts) {
            String lower = text.toLowerCase(Locale.ROOT);
            assertThat(lower).as("a message in the cause chain").doesNotContain("roost_", "select ", "insert into");
            for (String secret : secrets) {
                assertThat(lower).as("a message in the cause chain").doesNotContain(secret.toLowerCase(Locale.ROOT));
            }
        }
    }

    private static RedactedCause redactedSqlCause(Throwable failure) {
        for (Throwable t = failure.getCause(); t != null; t = t.getCause()) {
            assertThat(t).as("every cause is redacted").isInstanceOf(RedactedCause.class);
            RedactedCause redacted = (RedactedCause) t;
            if (redacted.getSQLState() != null) {
                return redacted;
            }
        }
        throw new AssertionError("no cause with an SQLState in " + failure);
    }

    @Test
    void aFailedBatchInsertNamesNoBoundValue() {
        Map<String, Object> first = Map.of("email", "first.secret@example.com", "first_name", "Hidden");
        Map<String, Object> twin = Map.of("email", "twin.secret@example.com", "last_name", "Kept");
        CrmValidationException e = catchThrowableOfType(CrmValidationException.class,
                () -> store.transactionResult(tx -> tx.contacts().insertAll(List.of(new NewContact(0, NOW, first),
                        new NewContact(0, NOW, twin), new NewContact(0, NOW, first)))));

        assertThat(e.first().field()).isEqualTo("email");
        assertThat(e.first().rule()).isEqualTo("unique");
        assertNothingRevealed(e, "first.secret", "twin.secret", "Hidden", "Kept");
        assertThat(redactedSqlCause(e).getSQLState()).startsWith("23");
        assertThat((long) store.transactionResult(tx -> tx.contacts().count())).isZero();
    }

    @Test
    void aFailedBatchUpdateNamesNoBoundValue() {
        // Issue 13: the matched rows of an upsert are one JDBC batch; a duplicate in it is reported as the batch
        // insert's is, without the SQL or a value.
        List<Long> ids = store.transactionResult(tx -> tx.contacts().insertAll(List.of(
                new NewContact(0, NOW, Map.of("email", "one.secret@example.com")),
                new NewContact(0, NOW, Map.of("email", "two.secret@example.com")))));
        CrmValidationException e = catchThrowableOfType(CrmValidationException.class,
                () -> store.transactionResult(tx -> tx.contacts().updateAllReturning(List.of(
                        new ContactChange(ids.get(0), 1, Map.of("first_name", "Hidden"), Set.of(), NOW),
                        new ContactChange(ids.get(1), 1, Map.of("email", "one.secret@example.com", "last_name",
                                "Kept"), Set.of(), NOW)))));

        assertThat(e.first().field()).isEqualTo("email");
        assertThat(e.first().rule()).isEqualTo("unique");
        assertNothingRevealed(e, "one.secret", "two.secret", "Hidden", "Kept");
        assertThat(redactedSqlCause(e).getSQLState()).startsWith("23");
        List<io.roostcrm.core.spi.ContactRow> after = store.transactionResult(tx -> tx.contacts().select(
                io.roostcrm.core.spi.ContactSelection.everything(List.of("first_name"),
                        new io.roostcrm.core.query.Filter.IdIn(Set.copyOf(ids)), 2)));
        assertThat(after).as("contacts after the failed batch").hasSize(2).allSatisfy(row -> {
                    assertThat(row.version()).isEqualTo(1);
                    assertThat(row.values()).isEmpty();
                });
    }

    @Test
    void aDuplicateThroughTheServiceNamesNoValue() {
        admin.contacts().create(ContactDraft.builder().set("email", "dup.secret@example.com").build());
        CrmValidationException e = catchThrowableOfType(CrmValidationException.class, () -> admin.contacts()
                .create(ContactDraft.builder().set("email", "dup.secret@example.com").set("first_name", "Kept")
                        .build()));

        assertNothingRevealed(e, "dup.secret", "Kept");
        assertThat(redactedSqlCause(e).getSQLState()).startsWith("23");
        assertThat((long) store.transactionResult(tx -> tx.contacts().count())).isEqualTo(1);
    }

    private void execute(String sql) throws SQLException {
        try (Connection c = host.getConnection(); Statement s = c.createStatement()) {
            if (database().kind() == TestDatabase.Kind.POSTGRESQL) {
                s.execute("SET search_path TO " + database().schema());
            }
            s.execute(sql);
        }
    }

    @Test
    void aStoreFailureKeepsItsSqlStateButNoSqlTextOrValue() throws SQLException {
        Contact contact = admin.contacts().create(ContactDraft.builder().set("email", "n@example.com").build());
        // A constraint the store does not know of: the database refuses the row, and its message quotes the row.
        execute("ALTER TABLE roost_note ADD CONSTRAINT ck_issue10 CHECK (title <> 'secret title')");
        CrmStoreException e;
        try {
            e = catchThrowableOfType(CrmStoreException.class,
                    () -> admin.notes().add(contact.id(), NoteType.CALL, "secret title", "secret body", NOW));
            assertThat(admin.notes().of(contact.id())).as("nothing written").isEmpty();
        } finally {
            execute("ALTER TABLE roost_note DROP CONSTRAINT ck_issue10");
        }

        assertThat(e).hasMessageStartingWith("could not insert a note (SQLState ");
        assertNothingRevealed(e, "secret title", "secret body", "note_type");
        RedactedCause cause = redactedSqlCause(e);
        assertThat(e.getMessage()).contains(cause.getSQLState());
        assertThat(cause.getStackTrace()).as("the original stack").isNotEmpty();
        assertThat(cause.originalClassName()).isNotEqualTo(RedactedCause.class.getName());
        assertThat(e).isInstanceOf(CrmException.class);
    }
}
