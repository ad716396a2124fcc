package io.roostcrm.core.spi;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Values every node of a deployment shares, kept in the store: for now the key page cursors are signed with, which
 * each node must know so that a cursor one node made works on another. Present on a store that declares
 * {@link StoreFeature#SETTINGS}. A setting, once set, never changes through this interface: the first writer wins,
 * even when several nodes write at the same moment.
 *
 * <p>Names are 1 to {@value #MAX_NAME_LENGTH} characters of {@code a-z}, {@code 0-9}, {@code .}, {@code _} and
 * {@code -}; values are 1 to {@value #MAX_VALUE_LENGTH} characters of printable ASCII. The caller checks both; a
 * store may rely on them.
 */
public interface SettingStore {

    /** The longest setting name. */
    int MAX_NAME_LENGTH = 64;
    /** The longest setting value. */
    int MAX_VALUE_LENGTH = 1_024;

    /** What a name may be. */
    Pattern NAME_RULE = Pattern.compile("[a-z0-9._-]{1," + MAX_NAME_LENGTH + "}");
    /** What a value may be. */
    Pattern VALUE_RULE = Pattern.compile("[\\x20-\\x7e]{1," + MAX_VALUE_LENGTH + "}");

    /** The value of a setting, as committed or as this unit of work set it; empty when it is not set. */
    Optional<String> get(String name);

    /**
     * Sets a setting that is not set. When it is set already, committed or not yet committed by a concurrent unit of
     * work, the store either leaves it and returns {@code false}, or fails this unit of work (for example with a
     * unique-key violation that aborts the transaction), so that the caller reads the winner's value in a new one.
     * After {@code false}, this unit of work may still read the setting as unset (a database that reads from a
     * snapshot taken before the winner committed, as MariaDB's repeatable read does): a new one reads it.
     *
     * @return whether this unit of work set it
     */
    boolean setIfAbsent(String name, String value);
}
