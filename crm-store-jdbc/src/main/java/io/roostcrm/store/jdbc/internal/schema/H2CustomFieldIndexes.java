package io.roostcrm.store.jdbc.internal.schema;

import io.roostcrm.core.field.FieldType;
import io.roostcrm.store.jdbc.internal.DatabaseKind;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.Context;
import org.flywaydb.core.api.migration.JavaMigration;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * H2's migration V9 (issue 13): gives the custom fields defined before it what {@code JdbcFieldStore} now creates with
 * each field, a descending index {@code (col DESC NULLS FIRST, id)} and, for indexed text types, the generated column
 * {@code <col>_lower} with its index. A Java migration because the columns are only known at run time and H2 has no
 * procedural SQL; PostgreSQL does the same in its {@code V9__search_indexes.sql}.
 */
final class H2CustomFieldIndexes implements JavaMigration {

    @Override
    public MigrationVersion getVersion() {
        return MigrationVersion.fromVersion("9");
    }

    @Override
    public String getDescription() {
        return "custom field indexes";
    }

    @Override
    public Integer getChecksum() {
        return 9;
    }

    @Override
    public boolean canExecuteInTransaction() {
        return true;
    }

    @Override
    public void migrate(Context context) throws SQLException {
        Connection connection = context.getConnection();
        List<String[]> fields = new ArrayList<>();
        try (Statement s = connection.createStatement();
             ResultSet rs = s.executeQuery("SELECT column_name, field_type FROM roost_custom_field")) {
            while (rs.next()) {
                fields.add(new String[] {rs.getString(1), rs.getString(2)});
            }
        }
        try (Statement s = connection.createStatement()) {
            for (String[] field : fields) {
                String column = field[0];
                FieldType type = FieldType.valueOf(field[1]);
                if (!ColumnTypes.indexed(type)) {
                    continue;
                }
                // Column names are the store's own cf_<n>, never input.
                s.execute("CREATE INDEX ix_roost_contact_" + column + "_desc ON roost_contact (" + column
                        + " DESC NULLS FIRST, id)");
                if (ColumnTypes.textIndexed(type)) {
                    String lower = ColumnTypes.lowerCaseColumn(column);
                    int length = ColumnTypes.ddlType(type, DatabaseKind.H2).length();
                    s.execute("ALTER TABLE roost_contact ADD COLUMN " + lower + " VARCHAR(" + length
                            + ") GENERATED ALWAYS AS (LOWER(" + column + "))");
                    s.execute("CREATE INDEX ix_roost_contact_" + column + "_lower ON roost_contact (" + lower
                            + " NULLS LAST, id)");
                }
            }
        }
    }
}
