package io.roostcrm.tck.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.roostcrm.core.Crm;
import io.roostcrm.core.CrmConfigurationException;
import io.roostcrm.core.contact.ContactDraft;
import io.roostcrm.core.memory.InMemoryCrmStore;
import io.roostcrm.core.query.ContactQuery;
import io.roostcrm.permissions.Role;
import io.roostcrm.permissions.Subject;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Where the key page cursors are signed with comes from, and what is refused (issue 10 item 9). */
class CursorKeyTest {

    private static final Subject ROOT = new Subject(1, Set.of(), List.of(Role.superAdmin("root")));

    @ParameterizedTest(name = "{0} bytes")
    @ValueSource(ints = {0, 1, 31, 1_025})
    @DisplayName("a host's secret shorter than 32 bytes or longer than 1,024 is refused, naming the setting")
    void badSecretLengthIsRefused(int length) {
        byte[] secret = new byte[length];
        Arrays.fill(secret, (byte) 'k');

        assertThatThrownBy(() -> Crm.builder().cursorSecret(secret)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("cursorSecret was " + length + " bytes long but it must be 32 to 1,024 bytes");
        assertThatThrownBy(() -> Crm.builder().cursorSecret(null)).isInstanceOf(NullPointerException.class)
                .hasMessage("cursorSecret");
    }

    @Test
    @DisplayName("the host's secret is copied: changing the array afterwards changes nothing")
    void secretIsCopied() {
        InMemoryCrmStore store = new InMemoryCrmStore();
        byte[] secret = new byte[32];
        Arrays.fill(secret, (byte) 1);
        try (Crm first = Crm.builder().store(store).closeStoreOnClose(false).cursorSecret(secret).build()) {
            Arrays.fill(secret, (byte) 2);
            byte[] original = new byte[32];
            Arrays.fill(original, (byte) 1);
            try (Crm second = Crm.builder().store(store).closeStoreOnClose(false).cursorSecret(original).build()) {
                for (int i = 0; i < 2; i++) {
                    first.as(ROOT).contacts().create(ContactDraft.builder().set("email", i + "@example.com").build());
                }
                String cursor = first.as(ROOT).contacts().list(ContactQuery.builder().pageSize(1).build())
                        .nextCursor().orElseThrow();

                assertThat(second.as(ROOT).contacts().list(ContactQuery.builder().pageSize(1).after(cursor).build())
                        .items()).hasSize(1);
            }
        }
    }

    @Test
    @DisplayName("a store setting that is not a key stops the start with a configuration error naming the setting")
    void corruptStoredKeyIsAConfigurationError() {
        InMemoryCrmStore store = new InMemoryCrmStore();
        store.transaction(tx -> tx.settings().orElseThrow().setIfAbsent("roost.cursor-key", "too-short"));

        assertThatThrownBy(() -> Crm.builder().store(store).build()).isInstanceOf(CrmConfigurationException.class)
                .hasMessageContaining("roost.cursor-key").hasMessageNotContaining("too-short");
    }

    @Test
    @DisplayName("with no secret given, the key is generated once and kept in the store for every later Crm")
    void generatedKeyIsKeptInTheStore() {
        InMemoryCrmStore store = new InMemoryCrmStore();
        String cursor;
        try (Crm first = Crm.builder().store(store).closeStoreOnClose(false).build()) {
            for (int i = 0; i < 2; i++) {
                first.as(ROOT).contacts().create(ContactDraft.builder().set("email", i + "@example.com").build());
            }
            cursor = first.as(ROOT).contacts().list(ContactQuery.builder().pageSize(1).build()).nextCursor()
                    .orElseThrow();
        }
        String stored = store.transactionResult(tx -> tx.settings().orElseThrow().get("roost.cursor-key"))
                .orElseThrow();

        try (Crm later = Crm.builder().store(store).build()) {
            assertThat(later.as(ROOT).contacts().list(ContactQuery.builder().pageSize(1).after(cursor).build())
                    .items()).hasSize(1);
        }
        Optional<String> after = store.transactionResult(tx -> tx.settings().orElseThrow().get("roost.cursor-key"));
        assertThat(after).contains(stored);
    }
}
