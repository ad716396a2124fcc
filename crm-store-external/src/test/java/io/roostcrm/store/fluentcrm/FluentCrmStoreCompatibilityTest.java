package io.roostcrm.store.fluentcrm;

import io.roostcrm.core.spi.CrmStore;
import io.roostcrm.tck.CrmStoreCompatibilityKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import java.time.ZoneId;
import java.util.Optional;

/**
 * Runs the store TCK against FluentCRM's tables (MariaDB when reachable, else H2 in MySQL mode): each test gets its
 * own table prefix (a fresh "site") in this class's database, whose WordPress users are the ones the kit creates
 * Roost users for, and a site zone other than UTC so that any shift of FluentCRM's wall-clock timestamps shows. The
 * second store the kit asks for is a second {@link FluentCrmStore} on the same data source and prefix, as a second
 * node on the same site opens it.
 */
class FluentCrmStoreCompatibilityTest extends CrmStoreCompatibilityKit {

    private static FluentCrmTestDatabase database;

    @BeforeAll
    static void createDatabase() {
        database = FluentCrmTestDatabase.create("tck");
    }

    @AfterAll
    static void dropDatabase() {
        database.close();
    }

    /** The table prefix of the store {@link #newStore()} returned last. */
    private String prefix;

    @Override
    protected CrmStore newStore() {
        // One site per class, emptied between tests (FluentCrmTestDatabase.freshSite): creating it anew for each
        // test was most of this kit's time.
        prefix = "wp_tck_";
        database.freshSite(prefix);
        // The site's WordPress users are the kit's users: Roost users must be WordPress users (issue #9).
        for (long id = 1; id <= 20; id++) {
            database.addWordPressUser(prefix, id, "user" + id);
        }
        database.addWordPressUser(prefix, 99, "gone");
        database.addWordPressUser(prefix, 4_711, "grace");
        database.addWordPressUser(prefix, 4_712, "ada");
        return site(prefix);
    }

    @Override
    protected Optional<CrmStore> newStoreOnSameDatabase() {
        return Optional.of(site(prefix));
    }

    private static FluentCrmStore site(String prefix) {
        return FluentCrmStore.builder().dataSource(database.dataSource()).tablePrefix(prefix)
                .siteZone(ZoneId.of("Europe/Berlin")).build();
    }

    @Override
    protected void releaseStore(CrmStore store) {
        store.close();
        if (database.activeConnections() != 0) {
            throw new AssertionError("a unit of work did not return its connection to the pool");
        }
    }
}
