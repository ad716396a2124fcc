package io.roostcrm.auth.internal;

import io.roostcrm.auth.MfaEnforcement;
import io.roostcrm.core.CrmConfigurationException;
import io.roostcrm.core.spi.SettingStore;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MfaSettingsTest {

    /** Settings as the SPI promises them: each name set once, the first writer wins. */
    private static final class Settings implements SettingStore {
        final Map<String, String> values = new TreeMap<>();
        int reads;

        @Override
        public Optional<String> get(String name) {
            reads++;
            return Optional.ofNullable(values.get(name));
        }

        @Override
        public boolean setIfAbsent(String name, String value) {
            assertThat(name).matches(NAME_RULE);
            assertThat(value).matches(VALUE_RULE);
            return values.putIfAbsent(name, value) == null;
        }
    }

    @Test
    void theHighestEntryIsInForceAndAKnownOneIsNotReadAgain() {
        Settings settings = new Settings();
        MfaSettings node = new MfaSettings();
        MfaSettings.Entry none = node.current(settings);
        assertThat(none).isEqualTo(new MfaSettings.Entry(0, MfaEnforcement.nobody()));
        // role names with characters a setting cannot hold (non-ASCII, commas, colons) survive the round trip
        MfaEnforcement roles = MfaEnforcement.forRoles(Set.of("Vertrieb, Süd", "a:b"));
        assertThat(node.append(settings, none, roles)).isTrue();
        assertThat(new MfaSettings().append(settings, none, MfaEnforcement.everyone())).isFalse(); // a second writer
        assertThat(node.current(settings).enforcement()).isEqualTo(roles);
        assertThat(node.append(settings, node.current(settings), MfaEnforcement.everyone())).isTrue();
        assertThat(node.current(settings)).isEqualTo(new MfaSettings.Entry(2, MfaEnforcement.everyone()));
        settings.reads = 0;
        assertThat(node.current(settings)).isEqualTo(new MfaSettings.Entry(2, MfaEnforcement.everyone()));
        assertThat(settings.reads).isEqualTo(1); // known up to 2: only "is there an entry 3?"
        assertThat(new MfaSettings().current(settings).number()).isEqualTo(2); // a new node reads the series
    }

    @Test
    void aValueThisVersionCannotReadIsATypedErrorNamingTheSetting() {
        Settings settings = new Settings();
        settings.values.put("auth.mfa.1", "roles:@@@");
        assertThatThrownBy(() -> new MfaSettings().current(settings)).isInstanceOf(CrmConfigurationException.class)
                .hasMessage("the MFA enforcement setting 'auth.mfa.1' is not in a form this version of Roost reads");
        assertThatThrownBy(() -> MfaEnforcement.forRoles(Set.of())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least one role");
        assertThatThrownBy(() -> MfaSettings.encode(MfaEnforcement.forRoles(Set.of("r".repeat(800)))))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
