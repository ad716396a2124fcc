package io.roostcrm.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.roostcrm.core.Crm;
import io.roostcrm.core.CrmSession;
import io.roostcrm.core.contact.Contact;
import io.roostcrm.core.contact.ContactDraft;
import io.roostcrm.core.contact.User;
import io.roostcrm.core.field.FieldDefinition;
import io.roostcrm.core.field.FieldType;
import io.roostcrm.core.field.StandardFields;
import io.roostcrm.permissions.FieldRights;
import io.roostcrm.permissions.Role;
import io.roostcrm.permissions.Scope;
import io.roostcrm.permissions.Subject;
import io.roostcrm.core.spi.SecurityStore;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What a warm call costs in statements: the security epoch rides on the call's first contact select (issue 8), so a
 * {@code get} whose epoch did not move is one statement, and nothing a node caches is trusted without that read.
 */
class WarmCallStatementsTest {

    private RecordingDataSource recording;
    private JdbcStore store;
    private Crm crm;
    private long userId;
    private CrmSession user;
    private Contact contact;

    @BeforeEach
    void open() {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:warm-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        recording = new RecordingDataSource(h2);
        store = JdbcStore.builder().dataSource(recording).build();
        crm = Crm.builder().store(store).build();
        CrmSession root = crm.as(new Subject(Long.MAX_VALUE, Set.of(), List.of(Role.superAdmin("Administrator"))));
        root.admin().defineField(FieldDefinition.custom("score", FieldType.NUMBER).build());
        root.admin().saveRole(Role.builder("Rep").viewScope(Scope.ALL).updateScope(Scope.ALL).canCreateContacts(true)
                .fields(FieldRights.FULL, StandardFields.keys()).field("score", FieldRights.FULL).build());
        long id = root.admin().createUser(new User(0, "rep", "Rep", List.of("Rep"), Set.of(), true)).id();
        userId = id;
        user = crm.as(id);
        contact = user.contacts().create(ContactDraft.builder().set(StandardFields.EMAIL, "a@example.com")
                .set("score", 1).build());
        user.contacts().get(contact.id());
        user.contacts().get(contact.id());
    }

    @AfterEach
    void close() {
        crm.close();
    }

    @Test
    void aWarmGetIsOneStatement() {
        recording.clear();
        user.contacts().get(contact.id());
        assertThat(sql()).as("statements of a warm get").hasSize(1);
    }

    @Test
    void aWarmUpdateLinksItsEntryToTheHeadItReadWithoutLockingTheHeadFirst() {
        Contact current = user.contacts().get(contact.id());
        user.contacts().update(io.roostcrm.core.contact.ContactPatch.of(current).set("score", 2).build());
        current = user.contacts().get(contact.id());
        recording.clear();
        user.contacts().update(io.roostcrm.core.contact.ContactPatch.of(current).set("score", 3).build());
        List<String> sql = sql();
        // The head is read along by the update (unlocked) and moved by one statement on the condition that it is
        // still the one read; the lock-and-number statement of the other path is not run.
        assertThat(sql).as("statements of a warm update").noneMatch(s -> s.toLowerCase().contains("final table"));
        assertThat(sql.stream().filter(s -> s.toLowerCase().startsWith("update")
                && s.toLowerCase().contains("roost_change_head")).count()).as("statements moving the head")
                .isEqualTo(1);
    }

    @Test
    void aWarmApiRequestIsOneStatementAndItsPolicyOneMore() throws Exception { // issue 11: an API request's cost
        byte[] digest = MessageDigest.getInstance("SHA-256").digest("an API password".getBytes(StandardCharsets.UTF_8));
        store.transactionResult(tx -> tx.security().orElseThrow().addApiPassword(userId, "cli", digest, Instant.now()));
        apiRequest(digest);
        apiRequest(digest).policy();

        recording.clear();
        CrmSession session = apiRequest(digest);
        assertThat(sql()).as("statements of a warm API request: password, IP rules and epoch in one").hasSize(1);
        recording.clear();
        session.policy();
        assertThat(sql()).as("statements of its policy(): the epoch").hasSize(1);
    }

    /** What crm-auth's Authenticator does on an API request, in one unit of work. */
    private CrmSession apiRequest(byte[] digest) {
        return store.transactionResult(tx -> {
            SecurityStore.ApiRequest request = tx.security().orElseThrow().apiRequest(digest).orElseThrow();
            assertThat(request.apiPassword().userId()).isEqualTo(userId);
            return crm.sessionIn(tx, userId).orElseThrow().session();
        });
    }

    private List<String> sql() {
        return recording.statements().stream().map(r -> r.sql).collect(Collectors.toList());
    }
}
