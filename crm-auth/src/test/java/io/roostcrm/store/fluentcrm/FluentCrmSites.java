package io.roostcrm.store.fluentcrm;

import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * FluentCRM sites for other modules' tests: one database (MariaDB when reachable, as the FluentCRM store's own tests
 * choose), a fresh table prefix per site with FluentCRM's tables and the WordPress users the test names, and stores
 * over it opened as separate nodes. A bridge to the store module's package-private test database.
 */
public final class FluentCrmSites implements AutoCloseable {

    private static final AtomicInteger SITES = new AtomicInteger();

    private final FluentCrmTestDatabase database;

    private FluentCrmSites(FluentCrmTestDatabase database) {
        this.database = database;
    }

    /** A database for one test class. */
    public static FluentCrmSites create(String testClass) {
        return new FluentCrmSites(FluentCrmTestDatabase.create(testClass));
    }

    /** A new site whose WordPress users are these logins (ids 1, 2, ...); returns its table prefix. */
    public String newSite(List<String> logins) {
        String prefix = "wp_" + SITES.incrementAndGet() + "_";
        database.createFluentCrmTables(prefix);
        for (int i = 0; i < logins.size(); i++) {
            database.addWordPressUser(prefix, i + 1, logins.get(i));
        }
        return prefix;
    }

    /** A store over a site, as one application node opens it (site time zone Europe/Berlin). */
    public FluentCrmStore open(String prefix) {
        return FluentCrmStore.builder().dataSource(database.dataSource()).tablePrefix(prefix)
                .siteZone(ZoneId.of("Europe/Berlin")).build();
    }

    /** Drops a site's tables. */
    public void dropSite(String prefix) {
        database.dropTables(prefix);
    }

    @Override
    public void close() {
        database.close();
    }
}
