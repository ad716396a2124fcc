package io.roostcrm.store.jdbc.internal;

import org.jooq.SQLDialect;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The databases the JDBC store runs on, with their jOOQ dialect and migration folder. */
public enum DatabaseKind {
    /** H2 2.x, embedded. */
    H2("jdbc:h2:", SQLDialect.H2, "h2", "H2", "com.h2database:h2"),
    /** PostgreSQL. */
    POSTGRESQL("jdbc:postgresql:", SQLDialect.POSTGRES, "postgresql", "PostgreSQL", "org.postgresql:postgresql"),
    /** MariaDB 10.5+. */
    MARIADB("jdbc:mariadb:", SQLDialect.MARIADB, "mariadb", "MariaDB", "org.mariadb.jdbc:mariadb-java-client"),
    /** MySQL 8, on the MariaDB schema. */
    MYSQL("jdbc:mysql:", SQLDialect.MYSQL, "mariadb", "MySQL", "com.mysql:mysql-connector-j");

    private final String urlPrefix;
    private final SQLDialect dialect;
    private final String migrationFolder;
    private final String productName;
    private final String driverCoordinates;

    DatabaseKind(String urlPrefix, SQLDialect dialect, String migrationFolder, String productName,
                 String driverCoordinates) {
        this.urlPrefix = urlPrefix;
        this.dialect = dialect;
        this.migrationFolder = migrationFolder;
        this.productName = productName;
        this.driverCoordinates = driverCoordinates;
    }

    /** The database's name for people, e.g. {@code PostgreSQL}. */
    public String productName() {
        return productName;
    }

    /** The Maven {@code groupId:artifactId} of the JDBC driver a host adds for this database. */
    public String driverCoordinates() {
        return driverCoordinates;
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
