package io.roostcrm.store.jdbc;

import io.roostcrm.core.Crm;
import io.roostcrm.core.CrmPermissionDeniedException;
import io.roostcrm.core.CrmSession;
import io.roostcrm.core.contact.Contact;
import io.roostcrm.core.contact.ContactDraft;
import io.roostcrm.core.contact.ContactPatch;
import io.roostcrm.core.contact.User;
import io.roostcrm.core.field.FieldDefinition;
import io.roostcrm.core.field.FieldType;
import io.roostcrm.permissions.FieldRights;
import io.roostcrm.permissions.Role;
import io.roostcrm.permissions.Rule;
import io.roostcrm.permissions.Scope;
import io.roostcrm.permissions.Subject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Two nodes in two JVMs over one database (H2 in automatic server mode, a file two processes can share): a field made
 * read-only by the other process is refused by this one's next call, in a session opened before. Issue 8, DESIGN §5a.
 */
class SecondJvmTest {

    @TempDir
    Path directory;

    @Test
    void aFieldMadeReadOnlyInAnotherJvmIsRefusedAtTheNextCall() throws Exception {
        String url = "jdbc:h2:file:" + directory.resolve("shared").toAbsolutePath() + ";AUTO_SERVER=TRUE";
        try (Crm crm = Crm.builder().store(JdbcStore.builder().url(url).maximumPoolSize(2).build()).build()) {
            CrmSession root = crm.as(new Subject(Long.MAX_VALUE, Set.of(), List.of(Role.superAdmin("Administrator"))));
            root.admin().defineField(FieldDefinition.custom("score", FieldType.NUMBER).build());
            root.admin().saveRole(Role.builder("Scorer").viewScope(Scope.ALL).updateScope(Scope.ALL)
                    .canCreateContacts(true).fields(FieldRights.FULL, "email", "score").build());
            long scorer = root.admin().createUser(new User(0, "scorer", "Scorer", List.of("Scorer"), Set.of(), true))
                    .id();
            CrmSession open = crm.as(scorer);
            Contact contact = open.contacts().create(ContactDraft.builder().set("email", "jvm@example.com")
                    .set("score", 1).build());

            Process other = new ProcessBuilder(Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), SecondNodeMain.class.getName(), url, "score")
                    .redirectErrorStream(true).redirectOutput(directory.resolve("second-node.log").toFile()).start();
            assertThat(other.waitFor(120, TimeUnit.SECONDS)).as("the second JVM finished").isTrue();
            assertThat(other.exitValue()).as("the second JVM's exit code (see its log in %s)",
                    directory + File.separator + "second-node.log").isZero();

            assertThatThrownBy(() -> open.contacts().update(ContactPatch.of(contact).set("score", 2).build()))
                    .isInstanceOfSatisfying(CrmPermissionDeniedException.class,
                            e -> assertThat(e.rule()).isEqualTo(Rule.READ_ONLY_FIELD));
            assertThat((BigDecimal) root.contacts().get(contact.id()).values().get("score")).isEqualByComparingTo("1");
        }
    }
}
