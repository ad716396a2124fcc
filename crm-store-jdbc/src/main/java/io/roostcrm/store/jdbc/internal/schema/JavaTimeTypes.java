package io.roostcrm.store.jdbc.internal.schema;

import org.jooq.Binding;
import org.jooq.BindingGetResultSetContext;
import org.jooq.BindingGetSQLInputContext;
import org.jooq.BindingGetStatementContext;
import org.jooq.BindingRegisterContext;
import org.jooq.BindingSQLContext;
import org.jooq.BindingSetSQLOutputContext;
import org.jooq.BindingSetStatementContext;
import org.jooq.Converter;
import org.jooq.DataType;
import org.jooq.impl.DefaultBinding;
import org.jooq.impl.SQLDataType;

import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;

/**
 * Zone-less date and date-time column types whose values cross JDBC as {@link LocalDate} and {@link LocalDateTime}
 * themselves ({@code setObject} / {@code getObject(i, LocalDateTime.class)}, JDBC 4.2).
 *
 * <p>jOOQ's own binding for these types goes through {@link java.sql.Date} and {@link java.sql.Timestamp}, which
 * interpret the value in the JVM's default time zone and in the Julian/Gregorian hybrid calendar: under
 * {@code Europe/Berlin} a wall time in the spring-forward gap (02:30 on 2024-03-31) became 03:30, and dates before
 * 1582-10-15 (or, on H2, before the zone's first offset) moved by days and minutes. Every driver the store supports
 * (H2 2, pgjdbc 42, MariaDB Connector/J 3, MySQL Connector/J 8) converts {@code java.time} values in the proleptic
 * ISO calendar without a zone, so binding them directly keeps every value exactly.
 */
public final class JavaTimeTypes {

    /** A DATE column, bound as {@link LocalDate}. */
    public static final DataType<LocalDate> LOCAL_DATE =
            SQLDataType.LOCALDATE.asConvertedDataType(new Direct<>(SQLDataType.LOCALDATE, LocalDate.class, Types.DATE));

    private JavaTimeTypes() {
    }

    /** A TIMESTAMP / DATETIME column of this fractional-second precision, bound as {@link LocalDateTime}. */
    public static DataType<LocalDateTime> localDateTime(int precision) {
        DataType<LocalDateTime> type = SQLDataType.LOCALDATETIME(precision);
        return type.asConvertedDataType(new Direct<>(type, LocalDateTime.class, Types.TIMESTAMP));
    }

    /**
     * Binds and reads values of a {@code java.time} type with {@code setObject}/{@code getObject}; rendering and
     * everything else is jOOQ's default for the type (e.g. PostgreSQL's {@code cast(? as timestamp(6))}).
     */
    private static final class Direct<T> implements Binding<T, T> {

        private final Binding<T, T> defaults;
        private final Converter<T, T> identity;
        private final Class<T> type;
        private final int sqlType;

        Direct(DataType<T> dataType, Class<T> type, int sqlType) {
            this.defaults = DefaultBinding.binding(dataType);
            this.identity = Converter.ofNullable(type, type, value -> value, value -> value);
            this.type = type;
            this.sqlType = sqlType;
        }

        @Override
        public Converter<T, T> converter() {
            return identity;
        }

        @Override
        public void sql(BindingSQLContext<T> ctx) throws SQLException {
            defaults.sql(ctx);
        }

        @Override
        public void register(BindingRegisterContext<T> ctx) throws SQLException {
            defaults.register(ctx);
        }

        @Override
        public void set(BindingSetStatementContext<T> ctx) throws SQLException {
            T value = ctx.value();
            if (value == null) {
                ctx.statement().setNull(ctx.index(), sqlType);
            } else {
                ctx.statement().setObject(ctx.index(), value);
            }
        }

        @Override
        public void set(BindingSetSQLOutputContext<T> ctx) throws SQLException {
            defaults.set(ctx);
        }

        @Override
        public void get(BindingGetResultSetContext<T> ctx) throws SQLException {
            ctx.value(ctx.resultSet().getObject(ctx.index(), type));
        }

        @Override
        public void get(BindingGetStatementContext<T> ctx) throws SQLException {
            ctx.value(ctx.statement().getObject(ctx.index(), type));
        }

        @Override
        public void get(BindingGetSQLInputContext<T> ctx) throws SQLException {
            defaults.get(ctx);
        }
    }
}
