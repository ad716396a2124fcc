package io.roostcrm.store.fluentcrm.internal;

import java.util.Locale;

/**
 * The SQL that differs between the databases FluentCRM runs on (MySQL, MariaDB) and H2 in MySQL mode, which stands
 * in for them in tests.
 */
public enum Dialect {
    /** MySQL and MariaDB. */
    MYSQL,
    /** H2 in MySQL compatibility mode. */
    H2;

    /** The dialect of a database product name. */
    public static Dialect of(String productName) {
        String p = productName.toLowerCase(Locale.ROOT);
        if (p.contains("mysql") || p.contains("mariadb")) {
            return MYSQL;
        }
        if (p.contains("h2")) {
            return H2;
        }
        throw new IllegalArgumentException("unsupported database: " + productName);
    }

    /** A TIMESTAMP/DATETIME column read as {@code Y-m-d H:i:s} text, so no driver converts it. */
    public String wallClockText(String column) {
        return this == MYSQL ? "DATE_FORMAT(" + column + ", '%Y-%m-%d %H:%i:%s')"
                : "FORMATDATETIME(" + column + ", 'yyyy-MM-dd HH:mm:ss')";
    }

    /** A DATE column read as {@code Y-m-d} text. */
    public String dateText(String column) {
        return this == MYSQL ? "DATE_FORMAT(" + column + ", '%Y-%m-%d')" : "FORMATDATETIME(" + column + ", 'yyyy-MM-dd')";
    }

    /** A case-sensitive LIKE (FluentCRM's text columns have a case-insensitive collation on MySQL). */
    public String likeCaseSensitive(String expression) {
        return this == MYSQL ? "BINARY " + expression + " LIKE BINARY ? ESCAPE '!'" : expression + " LIKE ? ESCAPE '!'";
    }

    /** Whether two text expressions are equal, case and accents included. */
    public String sameText(String a, String b) {
        return this == MYSQL ? "BINARY " + a + " = BINARY " + b : a + " = " + b;
    }

    /** The names of the tables in the connection's current database. */
    public String currentTablesQuery() {
        return this == MYSQL
                ? "SELECT table_name FROM information_schema.tables WHERE table_schema = DATABASE()"
                : "SELECT table_name FROM information_schema.tables WHERE table_schema = CURRENT_SCHEMA";
    }

    /**
     * Table options for Roost's side tables: InnoDB with FluentCRM's own charset and collation, so that expressions
     * mixing FluentCRM's and Roost's text columns compare without a collation conflict.
     */
    public String tableOptions(String charset, String collation) {
        return this == MYSQL ? "ENGINE=InnoDB DEFAULT CHARSET=" + charset + " COLLATE=" + collation : "";
    }
}
