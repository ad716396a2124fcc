package io.roostcrm.store.fluentcrm;

import io.roostcrm.core.CrmConfigurationException;
import io.roostcrm.core.field.FieldType;
import io.roostcrm.core.spi.CrmStore;
import io.roostcrm.core.spi.CrmStoreProvider;
import io.roostcrm.core.spi.StoreFeature;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.ServiceLoader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The builder validates its settings; the provider is found by ServiceLoader and accepts only FluentCRM settings. */
class FluentCrmStoreBuilderTest extends FluentCrmTestSupport {

    @Test
    void tablePrefixMustBeLettersDigitsAndUnderscores() {
        for (String bad : new String[]{"", "wp-", "wp_; DROP TABLE x", "wp`", "wp."}) {
            assertThatThrownBy(() -> FluentCrmStore.builder().tablePrefix(bad))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("tablePrefix was '" + bad + "'").hasMessageContaining("[A-Za-z0-9_]+");
        }
        assertThat(FluentCrmStore.builder().tablePrefix("wp_2_")).isNotNull();
    }

    @Test
    void exactlyOneOfDataSourceAndUrlIsRequired() {
        assertThatThrownBy(() -> FluentCrmStore.builder().build()).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("neither");
        assertThatThrownBy(() -> FluentCrmStore.builder().dataSource(db.dataSource()).url("jdbc:mariadb://x/y").build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("both");
    }

    @Test
    void missingFluentCrmTablesAreAConfigurationError() {
        assertThatThrownBy(() -> FluentCrmStore.builder().dataSource(db.dataSource()).tablePrefix("nosuch_").build())
                .isInstanceOf(CrmConfigurationException.class).hasMessageContaining("nosuch_fc_subscribers")
                .hasMessageContaining("tablePrefix 'nosuch_'");
    }

    @Test
    void capabilitiesDeclareWhatTheMappingOffersAndNotCheckbox() {
        FluentCrmStore store = open();

        assertThat(store.capabilities().customFieldTypes()).doesNotContain(FieldType.CHECKBOX, FieldType.STAGE)
                .contains(FieldType.TEXT, FieldType.MULTI_SELECT, FieldType.EMAIL, FieldType.URL, FieldType.PHONE);
        assertThat(store.capabilities().features()).containsExactlyInAnyOrder(StoreFeature.REMINDERS,
                StoreFeature.TEAMS, StoreFeature.CUSTOM_FIELD_QUERIES, StoreFeature.SECURITY_EPOCH,
                StoreFeature.CHANGE_LOG, StoreFeature.SETTINGS, StoreFeature.SECURITY, StoreFeature.AUDIT_CHAIN);
    }

    @Test
    void providerIsRegisteredAndAcceptsMariaDbAndMySqlUrlsOnlyWithATablePrefix() {
        CrmStoreProvider provider = ServiceLoader.load(CrmStoreProvider.class).stream()
                .map(ServiceLoader.Provider::get).filter(x -> x.name().equals("fluentcrm")).findFirst().orElseThrow();
        Map<String, String> fluent = Map.of(FluentCrmStoreProvider.TABLE_PREFIX, "wp_");

        assertThat(provider).isInstanceOf(FluentCrmStoreProvider.class);
        assertThat(provider.priority()).isEqualTo(10);
        assertThat(provider.supports("jdbc:mariadb://localhost/wp", fluent)).isTrue();
        assertThat(provider.supports("jdbc:mysql://localhost/wp", fluent)).isTrue();
        assertThat(provider.supports("jdbc:mariadb://localhost/wp", Map.of())).isFalse();
        assertThat(provider.supports("jdbc:postgresql://localhost/wp", fluent)).isFalse();
        assertThat(provider.supports("jdbc:h2:mem:x", fluent)).isFalse();
    }

    @Test
    void providerOpensAStoreFromAUrl() {
        org.junit.jupiter.api.Assumptions.assumeTrue(db.isMariaDb(), "needs MariaDB for a jdbc:mariadb: URL");
        String url = FluentCrmTestDatabase.MARIADB + db.query("SELECT DATABASE()").get(0).values().iterator().next();

        try (CrmStore store = io.roostcrm.core.spi.CrmStores.open(url, Map.of(FluentCrmStoreProvider.TABLE_PREFIX, p,
                FluentCrmStoreProvider.SITE_ZONE, "Europe/Berlin", "user", "root", "password", ""))) {
            assertThat(store).isInstanceOf(FluentCrmStore.class);
            assertThat(((FluentCrmStore) store).siteZone()).hasToString("Europe/Berlin");
            long count = store.transactionResult(t -> t.contacts().count());
            assertThat(count).isZero();
        }
    }
}
