package io.roostcrm.store.fluentcrm;

import io.roostcrm.core.spi.CrmStore;
import io.roostcrm.tck.service.CrmServiceCompatibilityKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;

import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs the service kit (the seed's roles through {@link io.roostcrm.core.Crm}) against FluentCRM's tables: each test
 * gets its own table prefix (a fresh "site", empty but for the WordPress users the seed's users are) in this class's
 * database. FluentCRM has no yes/no field, so the
 * seed's marketing opt-in is installed as a yes/no select here.
 */
class FluentCrmServiceCompatibilityTest extends CrmServiceCompatibilityKit {

    private static FluentCrmTestDatabase database;

    private String prefix;

    @BeforeAll
    static void createDatabase() {
        database = FluentCrmTestDatabase.create("service");
    }

    @AfterAll
    static void dropDatabase() {
        database.close();
    }

    @Override
    protected CrmStore newStore() {
        // One site per class, emptied between tests (FluentCrmTestDatabase.freshSite): creating it anew for each
        // test was most of this kit's time.
        prefix = "wp_svc_";
        database.freshSite(prefix);
        // The site's WordPress users: the seed's users are created by login, which must name a WordPress user.
        List<String> logins = LOGINS;
        for (int i = 0; i < logins.size(); i++) {
            database.addWordPressUser(prefix, i + 1, logins.get(i));
        }
        return FluentCrmStore.builder().dataSource(database.dataSource()).tablePrefix(prefix)
                .siteZone(ZoneId.of("Europe/Berlin")).build();
    }

    @Override
    protected Optional<CrmStore> newStoreOnSameDatabase() {
        return Optional.of(FluentCrmStore.builder().dataSource(database.dataSource()).tablePrefix(prefix)
                .siteZone(ZoneId.of("Europe/Berlin")).build());
    }

    // Runs before the kit's @AfterEach closes the CRM: every unit of work has ended by then, so the site's tables can
    // go, and each one must have given its connection back.
    @AfterEach
    void checkConnections() {
        assertThat(database.activeConnections()).as("connections still borrowed").isZero();
    }

    @Override
    protected Optional<io.roostcrm.tck.service.AuditTables> auditTables() {
        String site = prefix;
        return Optional.of(new io.roostcrm.tck.service.AuditTables(() -> database.dataSource().getConnection(),
                site + "roost_change_log", site + "roost_change_head"));
    }
}
