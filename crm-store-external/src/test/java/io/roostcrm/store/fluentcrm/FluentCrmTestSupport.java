package io.roostcrm.store.fluentcrm;

import io.roostcrm.core.field.StandardFields;
import io.roostcrm.core.query.Filter;
import io.roostcrm.core.spi.ContactRow;
import io.roostcrm.core.spi.ContactSelection;
import io.roostcrm.core.spi.StoreTransaction;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * A database per test class, a fresh FluentCRM site (table prefix) per test, whose only WordPress user is the
 * administrator (ID 1), and a store on it.
 */
abstract class FluentCrmTestSupport {

    static FluentCrmTestDatabase db;
    private static final AtomicInteger SITES = new AtomicInteger();

    /** This test's prefix, e.g. {@code wp_3_}. */
    String p;
    private final List<FluentCrmStore> stores = new ArrayList<>();

    @BeforeAll
    static void createDatabase(org.junit.jupiter.api.TestInfo info) {
        db = FluentCrmTestDatabase.create(info.getTestClass().orElseThrow().getSimpleName());
    }

    @AfterAll
    static void dropDatabase() {
        db.close();
    }

    @BeforeEach
    void createSite() {
        p = "wp_" + SITES.incrementAndGet() + "_";
        db.createFluentCrmTables(p);
        // A fresh WordPress install has its administrator, user 1.
        db.addWordPressUser(p, FluentCrmRows.WP_ADMIN, "admin");
    }

    @AfterEach
    void closeStoresAndCheckForLeaks() {
        stores.forEach(FluentCrmStore::close);
        // Every connection a unit of work borrowed went back to the pool.
        org.assertj.core.api.Assertions.assertThat(db.activeConnections()).as("connections still borrowed").isZero();
    }

    FluentCrmStore open(ZoneId zone) {
        FluentCrmStore store = FluentCrmStore.builder().dataSource(db.dataSource()).tablePrefix(p).siteZone(zone)
                .build();
        stores.add(store);
        return store;
    }

    FluentCrmStore open() {
        return open(ZoneId.of("UTC"));
    }

    static <T> T tx(FluentCrmStore store, Function<StoreTransaction, T> work) {
        return store.transactionResult(work);
    }

    static Optional<ContactRow> get(FluentCrmStore store, long id) {
        return tx(store, t -> {
            List<String> keys = new ArrayList<>(StandardFields.keys());
            t.fields().all().forEach(f -> keys.add(f.key()));
            return t.contacts().select(ContactSelection.everything(keys, new Filter.IdIn(Set.of(id)), 1))
                    .stream().findFirst();
        });
    }

    static List<ContactRow> select(FluentCrmStore store, Filter filter) {
        return tx(store, t -> {
            List<String> keys = new ArrayList<>(StandardFields.keys());
            t.fields().all().forEach(f -> keys.add(f.key()));
            return t.contacts().select(ContactSelection.everything(keys, filter, 1000));
        });
    }
}
