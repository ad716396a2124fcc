package io.roostcrm.core.spi;

import io.roostcrm.permissions.Role;

import java.util.List;
import java.util.Optional;

/**
 * Role definitions, keyed by name. A store may persist a role in any form; {@link RoleCodec} turns one into a
 * compact text and back for stores that keep it as a single value.
 */
public interface RoleStore {

    /** Inserts or replaces the role of this name. */
    void save(Role role);

    /** Deletes a role. A missing name is ignored. */
    boolean delete(String name);

    /** One role. */
    Optional<Role> find(String name);

    /** All roles, by name. */
    List<Role> all();
}
