package io.roostcrm.store.jdbc;

import io.roostcrm.core.CrmConfigurationException;
import io.roostcrm.core.spi.CrmStore;
import io.roostcrm.core.spi.CrmStoreProvider;
import io.roostcrm.core.spi.CrmStores;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.ServiceLoader;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JdbcStoreProviderTest {

    private final JdbcStoreProvider provider = new JdbcStoreProvider();

    @Test
    void crmStoresOpensAJdbcStoreForAnH2Url() {
        try (CrmStore store = CrmStores.open("jdbc:h2:mem:provider-" + UUID.randomUUID(), Map.of())) {
            assertThat(store).isInstanceOf(JdbcStore.class);
            assertThat(count(store)).isZero();
        }
    }

    @Test
    void theProviderIsRegisteredForServiceLoader() {
        assertThat(ServiceLoader.load(CrmStoreProvider.class).stream().map(ServiceLoader.Provider::type))
                .contains(JdbcStoreProvider.class);
    }

    @Test
    void supportsTheFourDatabaseUrls() {
        assertThat(provider.name()).isEqualTo("jdbc");
        assertThat(provider.supports("jdbc:h2:mem:x", Map.of())).isTrue();
        assertThat(provider.supports("jdbc:postgresql://db/crm", Map.of())).isTrue();
        assertThat(provider.supports("jdbc:mariadb://db/crm", Map.of())).isTrue();
        assertThat(provider.supports("jdbc:mysql://db/crm", Map.of())).isTrue();
        assertThat(provider.supports("jdbc:sqlite:crm.db", Map.of())).isFalse();
    }

    @Test
    void leavesFluentCrmTablesToAnotherProvider() {
        assertThat(provider.supports("jdbc:mariadb://db/wp", Map.of("fluentcrm.tablePrefix", "wp_"))).isFalse();
    }

    @Test
    void aBadPropertyIsAConfigurationErrorNamingTheSetting() {
        assertThatThrownBy(() -> CrmStores.open("jdbc:h2:mem:bad", Map.of("maximumPoolSize", "many")))
                .isInstanceOf(CrmConfigurationException.class)
                .hasMessage("maximumPoolSize was 'many' but it must be a whole number");
    }

    private static long count(io.roostcrm.core.spi.CrmStore store) {
        return store.transactionResult(tx -> tx.contacts().count());
    }
}
