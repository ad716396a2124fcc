package io.roostcrm.store.jdbc.internal.schema;

import io.roostcrm.core.field.FieldType;
import io.roostcrm.store.jdbc.internal.DatabaseKind;
import org.jooq.DataType;
import org.jooq.impl.SQLDataType;

/**
 * The column type of a custom field on each database, and whether it gets an index.
 *
 * <p>Long texts are {@code TEXT}/{@code CLOB}-like where a VARCHAR would not hold the type's limit. On MariaDB the sum
 * of VARCHAR byte lengths per table is capped at 65,535 (4 bytes per character in utf8mb4), so URL, multi-select and
 * text-area columns are {@code longtext} there; this leaves room for about 45 indexed text custom fields.
 */
public final class ColumnTypes {

    private ColumnTypes() {
    }

    /** The DDL type of a custom field column on H2 and PostgreSQL (see {@link #mysqlDdlType} for the others). */
    public static DataType<?> ddlType(FieldType type, DatabaseKind kind) {
        boolean h2 = kind == DatabaseKind.H2;
        return switch (type) {
            case TEXT -> SQLDataType.VARCHAR(255);
            // H2 cannot compare or LIKE its CLOBs the way it does VARCHAR, and allows long VARCHARs.
            case TEXTAREA -> h2 ? SQLDataType.VARCHAR(65_535) : SQLDataType.CLOB;
            case NUMBER -> SQLDataType.DECIMAL(21, 6);
            case DATE -> SQLDataType.LOCALDATE;
            case DATETIME -> SQLDataType.LOCALDATETIME(0);
            case SELECT, EMAIL -> SQLDataType.VARCHAR(190);
            // 100 options of up to 190 characters, delimited.
            case MULTI_SELECT -> h2 ? SQLDataType.VARCHAR(20_000) : SQLDataType.CLOB;
            case CHECKBOX -> SQLDataType.BOOLEAN;
            case URL -> SQLDataType.VARCHAR(2_048);
            case PHONE -> SQLDataType.VARCHAR(50);
            case STAGE -> throw new IllegalArgumentException("custom fields cannot have type STAGE");
        };
    }

    /** The DDL type of a custom field column on MariaDB and MySQL, where the tables' collation is utf8mb4_bin. */
    public static String mysqlDdlType(FieldType type) {
        return switch (type) {
            case TEXT -> "VARCHAR(255)";
            case TEXTAREA, MULTI_SELECT, URL -> "MEDIUMTEXT";
            case NUMBER -> "DECIMAL(21, 6)";
            case DATE -> "DATE";
            case DATETIME -> "DATETIME";
            case SELECT, EMAIL -> "VARCHAR(190)";
            case CHECKBOX -> "BOOLEAN";
            case PHONE -> "VARCHAR(50)";
            case STAGE -> throw new IllegalArgumentException("custom fields cannot have type STAGE");
        };
    }

    /** Whether filters and sorts on a custom field of this type get an index. */
    public static boolean indexed(FieldType type) {
        return switch (type) {
            case TEXTAREA, MULTI_SELECT, URL -> false;
            default -> true;
        };
    }

    /**
     * Whether a custom field of this type is indexed for case-insensitive text matching ({@code contains},
     * {@code startsWith}): the indexed text types. On PostgreSQL that is a trigram index on {@code lower(column)}; on H2
     * an index on the generated column {@link #lowerCaseColumn}.
     */
    public static boolean textIndexed(FieldType type) {
        return type.isText() && indexed(type);
    }

    /**
     * The name of a custom field column's lower-cased twin on H2: {@code <column>_lower}, generated as
     * {@code LOWER(<column>)}. H2 has no expression indexes, so text matches use this column to reach an index.
     */
    public static String lowerCaseColumn(String column) {
        return column + "_lower";
    }
}
