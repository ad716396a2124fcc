package io.roostcrm.store.jdbc.internal;

import org.jooq.SQLDialect;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The databases the JDBC store runs on, with their jOOQ dialect and migration folder. */
public enum DatabaseKind {
    /** H2 2.x, embedded. */
    H2("jdbc:h2:", SQLDialect.H2, "h2"),
    /** PostgreSQL. */
    POSTGRESQL("jdbc:postgresql:", SQLDialect.POSTGRES, "postgresql"),
    /** MariaDB 10.5+. */
    MARIADB("jdbc:mariadb:", SQLDialect.MARIADB, "mariadb"),
    /** MySQL 8, on the MariaDB schema. */
    MYSQL("jdbc:mysql:", SQLDialect.MYSQL, "mariadb");

    private final String urlPrefix;
    private final SQLDialect dialect;
    private final String migrationFolder;

    DatabaseKind(String urlPrefix, SQLDialect dialect, String migrationFolder) {
        this.urlPrefix = urlPrefix;
        this.dialect = dialect;
        this.migrationFolder = migrationFolder;
    }

    /** The URL prefixes the store accepts, in a stable order. */
    public static List<String> urlPrefixes() {
        return List.of(H2.urlPrefix, POSTGRESQL.urlPrefix, MARIADB.urlPrefix, MYSQL.urlPrefix);
    }

    /** The kind for a JDBC URL, if supported. */
    public static Optional<DatabaseKind> ofUrl(String url) {
        String lower = url.toLowerCase(Locale.ROOT);
        for (DatabaseKind kind : values()) {
            if (lower.startsWith(kind.urlPrefix)) {
                return Optional.of(kind);
            }
        }
        return Optional.empty();
    }

    /** The kind for a JDBC driver's database product name, if supported. */
    public static Optional<DatabaseKind> ofProductName(String productName) {
        String lower = productName.toLowerCase(Locale.ROOT);
        if (lower.startsWith("h2")) {
            return Optional.of(H2);
        }
        if (lower.contains("postgresql")) {
            return Optional.of(POSTGRESQL);
        }
        if (lower.contains("mariadb")) {
            return Optional.of(MARIADB);
        }
        if (lower.contains("mysql")) {
            return Optional.of(MYSQL);
        }
        return Optional.empty();
    }

    /** The jOOQ dialect. */
    public SQLDialect dialect() {
        return dialect;
    }

    /** The Flyway location of this database's migrations. */
    public String migrationLocation() {
        return "classpath:db/roost/" + migrationFolder;
    }

    /** Whether DDL commits the running transaction (so a custom field change cannot be rolled back). */
    public boolean ddlCommitsImplicitly() {
        return this != POSTGRESQL;
    }

    /** Whether the database folds unquoted identifiers to upper case. */
    public boolean foldsToUpperCase() {
        return this == H2;
    }
}
