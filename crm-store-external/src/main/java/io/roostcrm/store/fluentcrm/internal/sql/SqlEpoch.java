package io.roostcrm.store.fluentcrm.internal.sql;

import io.roostcrm.core.CrmConfigurationException;
import io.roostcrm.core.spi.Epoch;
import io.roostcrm.store.fluentcrm.internal.Dialect;
import io.roostcrm.store.fluentcrm.internal.Jdbc;
import io.roostcrm.store.fluentcrm.internal.mapping.CustomFieldCatalog;
import io.roostcrm.store.fluentcrm.internal.mapping.Tables;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The security epoch as Roost sees it on a FluentCRM site: Roost's own epoch row ({@code roost_epoch}), moved by every
 * change Roost makes, with a digest of FluentCRM's field definitions (the {@code contact_custom_fields} row of
 * {@code fc_meta}) folded into its fields component. FluentCRM adds, relabels and re-options fields without
 * knowing Roost, so that row itself is the evidence: whatever FluentCRM writes there changes the digest, and every
 * node's next call reloads the definitions before it decides anything with them. One statement.
 */
public final class SqlEpoch {

    /** What a component stands for. */
    public enum Part {
        FIELDS("fields_epoch"), ROLES("roles_epoch"), USERS("users_epoch"), STAGES("stages_epoch");

        private final String column;

        Part(String column) {
            this.column = column;
        }
    }

    private SqlEpoch() {
    }

    /** Reads the epoch, FluentCRM's definitions folded in. */
    public static Epoch read(Jdbc jdbc, Tables tables, Dialect dialect) {
        String digest = dialect == Dialect.MYSQL ? "MD5(`value`)" : "RAWTOHEX(HASH('MD5', `value`))";
        return jdbc.first("SELECT e.fields_epoch, e.roles_epoch, e.users_epoch, e.stages_epoch, (SELECT " + digest
                        + " FROM " + tables.meta() + " WHERE object_type = ? AND `key` = ? ORDER BY id LIMIT 1) FROM "
                        + tables.roostEpoch() + " e WHERE e.id = 1",
                rs -> new Epoch(fold(rs.getLong(1), rs.getString(5)), rs.getLong(2), rs.getLong(3), rs.getLong(4)),
                CustomFieldCatalog.META_OBJECT_TYPE, CustomFieldCatalog.META_KEY)
                .orElseThrow(() -> new CrmConfigurationException("Roost's epoch row is missing from "
                        + tables.roostEpoch() + "; restore it from migration V2__roost_epoch_and_change_log.sql"));
    }

    /**
     * Roost's fields counter and 64 bits of the digest of FluentCRM's definitions (absent: no definitions yet), as one
     * number that changes when either does. Only equality is ever asked of it.
     */
    static long fold(long roostFields, String digestHex) {
        if (digestHex == null) {
            return roostFields;
        }
        try {
            byte[] bytes = MessageDigest.getInstance("SHA-256")
                    .digest((roostFields + ":" + digestHex).getBytes(StandardCharsets.US_ASCII));
            long folded = 0;
            for (int i = 0; i < Long.BYTES; i++) {
                folded = (folded << 8) | (bytes[i] & 0xff);
            }
            return folded;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    /** Moves one component, and the version, in the caller's transaction. */
    public static void bump(Jdbc jdbc, Tables tables, Part part) {
        int updated = jdbc.update("UPDATE " + tables.roostEpoch() + " SET epoch_version = epoch_version + 1, "
                + part.column + " = " + part.column + " + 1 WHERE id = 1");
        if (updated != 1) {
            throw new CrmConfigurationException("Roost's epoch row is missing from " + tables.roostEpoch()
                    + "; restore it from migration V2__roost_epoch_and_change_log.sql");
        }
    }
}
