package io.roostcrm.store.jdbc.internal.store;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.roostcrm.core.CrmConfigurationException;
import io.roostcrm.core.CrmNotFoundException;
import io.roostcrm.core.CrmValidationException;
import io.roostcrm.core.Violation;
import io.roostcrm.core.field.FieldDefinition;
import io.roostcrm.core.field.FieldType;
import io.roostcrm.core.field.StandardFields;
import io.roostcrm.core.spi.FieldStore;
import io.roostcrm.permissions.FieldKind;
import io.roostcrm.store.jdbc.internal.DatabaseKind;
import io.roostcrm.store.jdbc.internal.JdbcStoreTransaction;
import io.roostcrm.store.jdbc.internal.SqlErrors;
import io.roostcrm.store.jdbc.internal.schema.ColumnTypes;
import io.roostcrm.store.jdbc.internal.schema.ContactColumns;
import io.roostcrm.store.jdbc.internal.schema.RoostTables;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.OrderField;
import org.jooq.Record;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;

import java.io.IOException;
import java.io.StringWriter;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import static io.roostcrm.store.jdbc.internal.schema.RoostTables.ACTIVE;
import static io.roostcrm.store.jdbc.internal.schema.RoostTables.COLUMN_NAME;
import static io.roostcrm.store.jdbc.internal.schema.RoostTables.FIELD_KEY;
import static io.roostcrm.store.jdbc.internal.schema.RoostTables.FIELD_TYPE;
import static io.roostcrm.store.jdbc.internal.schema.RoostTables.ID;
import static io.roostcrm.store.jdbc.internal.schema.RoostTables.LABEL;
import static io.roostcrm.store.jdbc.internal.schema.RoostTables.OPTIONS;
import static io.roostcrm.store.jdbc.internal.schema.RoostTables.POSITION;
import static io.roostcrm.store.jdbc.internal.schema.RoostTables.READ_ONLY;
import static io.roostcrm.store.jdbc.internal.schema.RoostTables.REQUIRED;
import static io.roostcrm.store.jdbc.internal.schema.RoostTables.SENSITIVE;

/**
 * Custom field definitions in {@code roost_custom_field}; each field's values live in its own column
 * {@code cf_<n>} of {@code roost_contact}, with an index where the type allows, so that filters and sorts on custom
 * fields run on indexes inside the contact query.
 *
 * <p>Defining or removing a field is DDL. On H2 and MariaDB DDL commits the running transaction, so such a change
 * cannot be rolled back with the rest of the unit of work; the service runs these calls in a unit of work of their
 * own. The column is added before the definition row, so a failed or rolled-back define leaves at most an unused
 * column, never a definition without its column.
 *
 * <p>Indexes per custom field (issue 13), each on exactly the expression {@code ContactQueryBuilder} emits:
 * <ul>
 *   <li>every indexed type: {@code ix_roost_contact_<col>} on {@code (col, id)} (equality, ranges, ascending sorts,
 *   NULLS LAST) and {@code ix_roost_contact_<col>_desc} on {@code (col DESC NULLS FIRST, id)} (descending sorts, which
 *   keep id ascending within equal values) on PostgreSQL and H2;</li>
 *   <li>indexed text types on PostgreSQL: {@code ix_roost_contact_<col>_trgm}, a {@code pg_trgm} GIN index on
 *   {@code lower(col)}, for {@code contains} and {@code startsWith}; only where the extension is installed (see
 *   {@code V9__search_indexes.sql}), otherwise those filters scan as before;</li>
 *   <li>indexed text types on H2: the generated column {@code <col>_lower} = {@code LOWER(col)} and its index
 *   {@code ix_roost_contact_<col>_lower}, since H2 cannot index an expression.</li>
 * </ul>
 * MariaDB keeps the one {@code (col, id)} index per field: it allows 64 indexes per table, which caps the indexed
 * fields at the ~54 the standard indexes leave (see {@link #addMariaDbColumn}).
 *
 * <p>On PostgreSQL the indexes are built inside the define's transaction, not {@code CREATE INDEX CONCURRENTLY} after
 * it: the column was just added and holds only NULLs, so each build is one pass over the table, and
 * {@code ALTER TABLE … ADD} already holds the table's ACCESS EXCLUSIVE lock until commit. The define then blocks the
 * table for about three sequential reads of it (not yet measured at 1M) instead of
 * leaving a window in which the field is defined but unindexed, or a failed concurrent build's INVALID index behind.
 * Removing a field drops its column, and PostgreSQL drops the column's indexes with it; the DROP waits for queries
 * running on those indexes to finish (ACCESS EXCLUSIVE), and no query starts on them after.
 */
public final class JdbcFieldStore extends SubStore implements FieldStore {

    private static final JsonFactory JSON = new JsonFactory();
    private static final Optional<String> KEY = Optional.of("key");

    public JdbcFieldStore(JdbcStoreTransaction tx) {
        super(tx);
    }

    /** Loads the contact columns: the standard ones and one per custom field, in definition order. */
    public static ContactColumns load(DSLContext dsl, RoostTables tables) {
        List<Map.Entry<FieldDefinition, String>> fields = new ArrayList<>();
        for (Record r : dsl.select(FIELD_KEY, LABEL, FIELD_TYPE, OPTIONS, REQUIRED, ACTIVE, READ_ONLY, SENSITIVE,
                COLUMN_NAME).from(tables.customField()).orderBy(POSITION, ID).fetch()) {
            FieldDefinition field = new FieldDefinition(r.get(FIELD_KEY), r.get(LABEL), FieldType.valueOf(r.get(FIELD_TYPE)),
                    decodeOptions(r.get(OPTIONS)), r.get(REQUIRED), r.get(ACTIVE), r.get(READ_ONLY), r.get(SENSITIVE),
                    FieldKind.CUSTOM);
            fields.add(new AbstractMap.SimpleImmutableEntry<>(field, r.get(COLUMN_NAME)));
        }
        return new ContactColumns(fields);
    }

    @Override
    public List<FieldDefinition> all() {
        // Always from the table, never the cache: definitions may have changed through another store instance.
        return run("read custom fields", () -> {
            ContactColumns columns = load(dsl(), tables());
            return columns.customFields();
        });
    }

    @Override
    public void define(FieldDefinition field) {
        Objects.requireNonNull(field, "field");
        if (!field.isCustom() || !field.type().allowedForCustomFields()) {
            throw new CrmValidationException(Violation.of(field.key(), "unsupported_type",
                    "cannot have type " + field.type() + " as a custom field"));
        }
        run("define a custom field", KEY, () -> {
            ContactColumns before = load(dsl(), tables());
            if (StandardFields.isStandard(field.key()) || before.customField(field.key()).isPresent()) {
                throw new CrmValidationException(new Violation("key", "unique",
                        "custom field '" + field.key() + "' is already defined"));
            }
            String column = "cf_" + nextNumber("custom_column");
            DatabaseKind kind = tx.kind();
            if (kind == DatabaseKind.MARIADB || kind == DatabaseKind.MYSQL) {
                addMariaDbColumn(field, column);
            } else if (kind == DatabaseKind.H2 && ColumnTypes.textIndexed(field.type())) {
                // With its lower-cased twin in the same statement: H2 copies the table for each ADD.
                dsl().query("alter table {0} add column ({1} varchar(" + h2Length(field.type()) + "), {2} varchar("
                                + h2Length(field.type()) + ") generated always as (lower({1})))", tables().contact(),
                        DSL.name(column), DSL.name(ColumnTypes.lowerCaseColumn(column))).execute();
            } else {
                dsl().alterTable(tables().contact())
                        .add(DSL.field(DSL.name(column), ColumnTypes.ddlType(field.type(), kind))).execute();
            }
            if (ColumnTypes.indexed(field.type())) {
                createIndexes(field, column, kind);
            }
            Integer last = dsl().select(DSL.max(POSITION)).from(tables().customField()).fetchOne().value1();
            dsl().insertInto(tables().customField())
                    .set(FIELD_KEY, field.key())
                    .set(LABEL, field.label())
                    .set(FIELD_TYPE, field.type().name())
                    .set(OPTIONS, encodeOptions(field.options()))
                    .set(REQUIRED, field.required())
                    .set(ACTIVE, field.active())
                    .set(READ_ONLY, field.readOnly())
                    .set(SENSITIVE, field.sensitive())
                    .set(POSITION, last == null ? 1 : last + 1)
                    .set(COLUMN_NAME, column)
                    .execute();
            // After the DDL, whose implicit commit (H2, MariaDB) must not publish a bumped epoch before the column
            // exists: the definition and the bump commit together, with the unit of work.
            tx.bumpEpoch(JdbcEpoch.Part.FIELDS);
            tx.fieldsChanged(load(dsl(), tables()));
            return null;
        });
    }

    /**
     * Adds a custom field's column on MariaDB. MariaDB drops columns "instantly", keeping them in the table's row
     * format until the table is rebuilt, so after a few hundred fields defined and removed an ADD is refused as
     * "row size too large" (error 1118) although the table holds few columns. Then the table is rebuilt once
     * ({@code ALTER TABLE … FORCE}, which takes a while on a large table) and the ADD tried again; if it is still too
     * large, the table really is full.
     */
    private void addMariaDbColumn(FieldDefinition field, String column) {
        // jOOQ renders a date-time as TIMESTAMP here (1970 to 2038, converted through the session zone).
        Runnable add = () -> dsl().query("alter table {0} add {1} " + ColumnTypes.mysqlDdlType(field.type()),
                tables().contact(), DSL.name(column)).execute();
        try {
            add.run();
        } catch (DataAccessException e) {
            if (!SqlErrors.hasVendorCode(e, ROW_SIZE_TOO_LARGE)) {
                throw e;
            }
            dsl().query("alter table {0} force", tables().contact()).execute();
            try {
                add.run();
            } catch (DataAccessException again) {
                if (SqlErrors.hasVendorCode(again, ROW_SIZE_TOO_LARGE)) {
                    throw new CrmValidationException(Violation.of(field.key(), "too_many_fields",
                            "cannot be added: the contact table of this MariaDB database has no room for another column"));
                }
                throw again;
            }
        }
    }

    /** The indexes of a new custom field's column (see the class Javadoc). */
    private void createIndexes(FieldDefinition field, String column, DatabaseKind kind) {
        FieldType type = field.type();
        Field<Object> indexed = DSL.field(DSL.name(column));
        String index = "ix_roost_contact_" + column;
        // H2 puts NULLs first in an ascending index; the store sorts them last (absent values greatest).
        OrderField<Object> first = kind == DatabaseKind.H2 ? indexed.asc().nullsLast() : indexed;
        if (kind == DatabaseKind.MARIADB || kind == DatabaseKind.MYSQL) {
            try {
                dsl().createIndex(DSL.name(index)).on(tables().contact(), first, RoostTables.ID).execute();
            } catch (DataAccessException e) {
                if (!SqlErrors.hasVendorCode(e, TOO_MANY_KEYS)) {
                    throw e;
                }
                // The ADD committed (DDL does, here): take the column away again, then refuse the field.
                dsl().alterTable(tables().contact()).dropColumn(DSL.name(column)).execute();
                throw new CrmValidationException(Violation.of(field.key(), "too_many_fields", "cannot be added: the"
                        + " contact table of this MariaDB database already has the 64 indexes MariaDB allows (about 54"
                        + " indexed custom fields); remove a field or define this one as a type without an index"
                        + " (text area, URL, multi-select)"));
            }
            return;
        }
        dsl().createIndex(DSL.name(index)).on(tables().contact(), first, RoostTables.ID).execute();
        dsl().createIndex(DSL.name(index + "_desc"))
                .on(tables().contact(), indexed.desc().nullsFirst(), RoostTables.ID.asc()).execute();
        if (!ColumnTypes.textIndexed(type)) {
            return;
        }
        if (kind == DatabaseKind.H2) {
            String lower = ColumnTypes.lowerCaseColumn(column);
            dsl().createIndex(DSL.name(index + "_lower"))
                    .on(tables().contact(), DSL.field(DSL.name(lower)).asc().nullsLast(), RoostTables.ID).execute();
        } else {
            Optional<String> trigrams = trigramSchema();
            if (trigrams.isPresent()) {
                dsl().query("create index {0} on {1} using gin (lower({2}) {3})", DSL.name(index + "_trgm"),
                        tables().contact(), DSL.name(column), DSL.name(trigrams.get(), "gin_trgm_ops")).execute();
            }
        }
    }

    /** The VARCHAR length of an H2 text column of this type (its lower-cased twin has the same). */
    private static int h2Length(FieldType type) {
        return ColumnTypes.ddlType(type, DatabaseKind.H2).length();
    }

    /**
     * The schema PostgreSQL's {@code pg_trgm} extension is installed in, or empty when it is not (the database role
     * could not create it and nobody else did: see {@code V9__search_indexes.sql}).
     */
    private Optional<String> trigramSchema() {
        return dsl().resultQuery("select n.nspname from pg_extension e join pg_namespace n on n.oid = e.extnamespace"
                + " where e.extname = 'pg_trgm'").fetchOptional(0, String.class);
    }

    /** MariaDB's ER_TOO_MANY_KEYS: a table has at most 64 indexes. */
    private static final int TOO_MANY_KEYS = 1069;

    /** MariaDB's ER_TOO_BIG_ROWSIZE. */
    private static final int ROW_SIZE_TOO_LARGE = 1118;

    @Override
    public void update(FieldDefinition field) {
        Objects.requireNonNull(field, "field");
        run("update a custom field", () -> {
            int updated = dsl().update(tables().customField())
                    .set(LABEL, field.label())
                    .set(OPTIONS, encodeOptions(field.options()))
                    .set(REQUIRED, field.required())
                    .set(ACTIVE, field.active())
                    .set(READ_ONLY, field.readOnly())
                    .set(SENSITIVE, field.sensitive())
                    .where(FIELD_KEY.eq(field.key()))
                    .execute();
            if (updated == 0) {
                throw new CrmNotFoundException("field", field.key());
            }
            tx.bumpEpoch(JdbcEpoch.Part.FIELDS);
            tx.fieldsChanged(load(dsl(), tables()));
            return null;
        });
    }

    @Override
    public void remove(String key) {
        Objects.requireNonNull(key, "key");
        run("remove a custom field", () -> {
            Record definition = dsl().select(COLUMN_NAME, FIELD_TYPE).from(tables().customField())
                    .where(FIELD_KEY.eq(key)).fetchOne();
            if (definition == null) {
                return null;
            }
            String column = definition.get(COLUMN_NAME);
            // On H2 every indexed text field has its lower-cased twin (made with it, or by the V9 migration).
            boolean lowerCaseTwin = ColumnTypes.textIndexed(FieldType.valueOf(definition.get(FIELD_TYPE)));
            dsl().deleteFrom(tables().customField()).where(FIELD_KEY.eq(key)).execute();
            // Before the DDL: where DDL commits implicitly (H2, MariaDB), the definition's removal and the bump are
            // published together, before the column goes, so no node asks for a column that is gone.
            tx.bumpEpoch(JdbcEpoch.Part.FIELDS);
            String index = "ix_roost_contact_" + column;
            switch (tx.kind()) {
                // PostgreSQL drops an index with any of its columns.
                case POSTGRESQL -> { }
                // H2 refuses to drop a column an index covers (or one a generated column reads); its index names
                // belong to the schema.
                case H2 -> {
                    dsl().dropIndexIfExists(tables().name(index + "_lower")).execute();
                    dsl().dropIndexIfExists(tables().name(index + "_desc")).execute();
                    dsl().dropIndexIfExists(tables().name(index)).execute();
                }
                // MariaDB would keep the index on the remaining column (id), counting against its 64 keys.
                case MARIADB, MYSQL -> dsl().dropIndexIfExists(DSL.name(index)).on(tables().contact()).execute();
            }
            if (tx.kind() == DatabaseKind.H2 && lowerCaseTwin) {
                // Both in one statement: H2 copies the table for each DROP.
                dsl().query("alter table {0} drop column ({1}, {2})", tables().contact(), DSL.name(column),
                        DSL.name(ColumnTypes.lowerCaseColumn(column))).execute();
            } else {
                dsl().alterTable(tables().contact()).dropColumn(DSL.name(column)).execute();
            }
            tx.fieldsChanged(load(dsl(), tables()));
            return null;
        });
    }

    static String encodeOptions(List<String> options) {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartArray();
            for (String option : options) {
                g.writeString(option);
            }
            g.writeEndArray();
        } catch (IOException e) {
            throw new IllegalStateException("writing to a StringWriter cannot fail", e);
        }
        return out.toString();
    }

    static List<String> decodeOptions(String json) {
        List<String> options = new ArrayList<>();
        try (JsonParser p = JSON.createParser(json)) {
            if (p.nextToken() != JsonToken.START_ARRAY) {
                throw new IOException("expected a JSON array");
            }
            while (p.nextToken() == JsonToken.VALUE_STRING) {
                options.add(p.getText());
            }
        } catch (IOException e) {
            throw new CrmConfigurationException("stored custom field options are not a JSON array of strings", e);
        }
        return options;
    }
}
