package io.roostcrm.store.jdbc.internal.store;

import io.roostcrm.core.spi.RoleCodec;
import io.roostcrm.core.spi.RoleStore;
import io.roostcrm.permissions.Role;
import io.roostcrm.store.jdbc.internal.JdbcStoreTransaction;

import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import static io.roostcrm.store.jdbc.internal.schema.RoostTables.DEFINITION;
import static io.roostcrm.store.jdbc.internal.schema.RoostTables.NAME;

/** Roles in {@code roost_role}, one row per role, the definition as {@link RoleCodec} JSON. */
public final class JdbcRoleStore extends SubStore implements RoleStore {

    public JdbcRoleStore(JdbcStoreTransaction tx) {
        super(tx);
    }

    @Override
    public void save(Role role) {
        Objects.requireNonNull(role, "role");
        run("save a role", () -> {
            String definition = RoleCodec.encode(role);
            int updated = dsl().update(tables().role()).set(DEFINITION, definition).where(NAME.eq(role.name()))
                    .execute();
            if (updated == 0) {
                dsl().insertInto(tables().role(), NAME, DEFINITION).values(role.name(), definition).execute();
            }
            tx.bumpEpoch(JdbcEpoch.Part.ROLES);
            return null;
        });
    }

    @Override
    public boolean delete(String name) {
        Objects.requireNonNull(name, "name");
        return run("delete a role", () -> {
            boolean deleted = dsl().deleteFrom(tables().role()).where(NAME.eq(name)).execute() > 0;
            if (deleted) {
                tx.bumpEpoch(JdbcEpoch.Part.ROLES);
            }
            return deleted;
        });
    }

    @Override
    public Optional<Role> find(String name) {
        Objects.requireNonNull(name, "name");
        return run("read a role", () -> dsl().select(DEFINITION).from(tables().role()).where(NAME.eq(name))
                .fetchOptional(DEFINITION).map(RoleCodec::decode));
    }

    @Override
    public List<Role> all() {
        return run("read roles", () -> dsl().select(DEFINITION).from(tables().role()).fetch(DEFINITION).stream()
                .map(RoleCodec::decode).sorted(Comparator.comparing(Role::name)).toList());
    }
}
