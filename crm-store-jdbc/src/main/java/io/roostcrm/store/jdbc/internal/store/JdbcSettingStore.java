package io.roostcrm.store.jdbc.internal.store;

import io.roostcrm.core.spi.SettingStore;
import io.roostcrm.store.jdbc.internal.JdbcStoreTransaction;

import java.util.Optional;

import org.jooq.impl.DSL;

import static io.roostcrm.store.jdbc.internal.schema.RoostTables.NAME;
import static io.roostcrm.store.jdbc.internal.schema.RoostTables.SETTING_VALUE;

/**
 * Shared settings in {@code roost_setting}. A set is an insert that skips an existing row (PostgreSQL's
 * {@code ON CONFLICT DO NOTHING}, MariaDB's {@code INSERT IGNORE}, {@code INSERT ... SELECT ... WHERE NOT EXISTS} on
 * H2), so the first writer wins and a concurrent second one either finds the row or fails its unit of work on the
 * key.
 */
public final class JdbcSettingStore extends SubStore implements SettingStore {

    public JdbcSettingStore(JdbcStoreTransaction tx) {
        super(tx);
    }

    @Override
    public Optional<String> get(String name) {
        return run("read a setting", () -> dsl().select(SETTING_VALUE).from(tables().setting())
                .where(NAME.eq(name)).fetchOptional(SETTING_VALUE));
    }

    @Override
    public boolean setIfAbsent(String name, String value) {
        return run("write a setting", () -> {
            var insert = dsl().insertInto(tables().setting(), NAME, SETTING_VALUE);
            int inserted = switch (tx.kind()) {
                case POSTGRESQL -> insert.values(name, value).onConflictDoNothing().execute();
                case MARIADB, MYSQL -> insert.values(name, value).onDuplicateKeyIgnore().execute();
                // H2 has neither; a racer that passes the check too fails on the key, as the SPI allows.
                case H2 -> insert.select(DSL.select(DSL.val(name), DSL.val(value)).whereNotExists(
                        DSL.selectOne().from(tables().setting()).where(NAME.eq(name)))).execute();
            };
            return inserted == 1;
        });
    }
}
