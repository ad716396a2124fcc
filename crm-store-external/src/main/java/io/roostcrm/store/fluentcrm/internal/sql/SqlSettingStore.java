package io.roostcrm.store.fluentcrm.internal.sql;

import io.roostcrm.core.spi.SettingStore;
import io.roostcrm.store.fluentcrm.internal.Jdbc;
import io.roostcrm.store.fluentcrm.internal.mapping.Tables;

import java.util.Optional;

/**
 * Shared settings in Roost's side table {@code roost_settings}. {@code INSERT IGNORE} (MySQL, and H2 in MySQL mode)
 * lets the first writer win: a second one, even a concurrent one, inserts nothing.
 */
final class SqlSettingStore implements SettingStore {

    private final Jdbc jdbc;
    private final Tables t;

    SqlSettingStore(UnitOfWork work) {
        this.jdbc = work.jdbc();
        this.t = work.tables();
    }

    @Override
    public Optional<String> get(String name) {
        return jdbc.first("SELECT setting_value FROM " + t.roostSettings() + " WHERE name = ?", rs -> rs.getString(1),
                name);
    }

    @Override
    public boolean setIfAbsent(String name, String value) {
        return jdbc.update("INSERT IGNORE INTO " + t.roostSettings() + " (name, setting_value) VALUES (?, ?)", name,
                value) == 1;
    }
}
