package io.roostcrm.store.fluentcrm.internal.sql;

import io.roostcrm.core.CrmConfigurationException;
import io.roostcrm.store.fluentcrm.internal.Jdbc;
import io.roostcrm.store.fluentcrm.internal.StoreContext;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads WordPress's own users table, whose {@code ID} is what {@code fc_subscribers.contact_owner} holds. Never
 * writes it. The table is {@code <prefix>users} on a single site; on a multisite, whose sites share the network's
 * users table, it is the base prefix's ({@code wp_users} for a site with prefix {@code wp_2_}).
 */
final class WordPressUsers {

    /**
     * One WordPress user.
     *
     * @param id    {@code users.ID}
     * @param login {@code user_login}
     * @param email {@code user_email}
     */
    record WordPressUser(long id, String login, String email) {
    }

    private static final Pattern MULTISITE_PREFIX = Pattern.compile("(.*_)[0-9]+_");

    private final Jdbc jdbc;
    private final StoreContext context;

    WordPressUsers(Jdbc jdbc, StoreContext context) {
        this.jdbc = jdbc;
        this.context = context;
    }

    /** The users table, resolved on use: reading Roost's own users does not need it. */
    private String table() {
        String own = context.tables().named("users");
        if (context.existingTables().contains(own.toLowerCase(Locale.ROOT))) {
            return own;
        }
        Matcher m = MULTISITE_PREFIX.matcher(context.tables().prefix());
        if (m.matches() && context.existingTables().contains((m.group(1) + "users").toLowerCase(Locale.ROOT))) {
            return m.group(1) + "users";
        }
        throw new CrmConfigurationException("WordPress's users table " + own + " was not found: Roost users are"
                + " WordPress users (contact_owner is a users.ID), so the store needs that table to check them");
    }

    /** The user with a WordPress id. */
    Optional<WordPressUser> find(long id) {
        return jdbc.first("SELECT ID, user_login, user_email FROM " + table() + " WHERE ID = ?", WordPressUsers::user,
                id);
    }

    /**
     * Whether a login names the user with a WordPress id: its {@code user_login} or {@code user_email} (WordPress
     * accepts either to log in), compared as the table's collation compares.
     */
    boolean names(long id, String login) {
        return jdbc.number("SELECT COUNT(*) FROM " + table() + " WHERE ID = ? AND (user_login = ? OR user_email = ?)",
                id, login, login) > 0;
    }

    /** Whether a login names a WordPress user other than the one with a WordPress id. */
    boolean namesAnotherThan(long id, String login) {
        return jdbc.number("SELECT COUNT(*) FROM " + table() + " WHERE ID <> ? AND (user_login = ? OR user_email = ?)",
                id, login, login) > 0;
    }

    /**
     * The user a login names: the one whose {@code user_login} it is, else the only one whose {@code user_email} it
     * is (compared as WordPress's collation compares, without regard to case).
     */
    Optional<WordPressUser> findByLogin(String login) {
        Optional<WordPressUser> byLogin = jdbc.first("SELECT ID, user_login, user_email FROM " + table()
                + " WHERE user_login = ? ORDER BY ID", WordPressUsers::user, login);
        if (byLogin.isPresent()) {
            return byLogin;
        }
        List<WordPressUser> byEmail = jdbc.query("SELECT ID, user_login, user_email FROM " + table()
                + " WHERE user_email = ? ORDER BY ID", WordPressUsers::user, login);
        return byEmail.size() == 1 ? Optional.of(byEmail.get(0)) : Optional.empty();
    }

    private static WordPressUser user(java.sql.ResultSet rs) throws java.sql.SQLException {
        String email = rs.getString(3);
        return new WordPressUser(rs.getLong(1), rs.getString(2), email == null ? "" : email);
    }
}
