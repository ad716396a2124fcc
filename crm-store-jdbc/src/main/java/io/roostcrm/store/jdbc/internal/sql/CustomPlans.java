package io.roostcrm.store.jdbc.internal.sql;

import org.jooq.ExecuteContext;
import org.jooq.ExecuteListener;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * Keeps PostgreSQL planning a contact query with its values, on its 1st execution and on its 50th.
 *
 * <p>pgJDBC turns a statement it has run {@code prepareThreshold} (5) times into a named server-side prepared
 * statement, and after five more executions PostgreSQL may switch that statement to its <em>generic</em> plan, made
 * without the bound values. For a contact query that is the cliff issue 13 measured: the generic plan of a
 * {@code lower(col) like ?} or NUMBER {@code ge} filter walks the primary key under {@code LIMIT} (500–700 ms at 1M rows)
 * where the plan with the values uses the field's index (a few ms). So each contact query is marked with
 * {@code PGStatement.setPrepareThreshold(0)}: pgJDBC sends it as the unnamed statement, which PostgreSQL plans at Bind
 * with the values, every time. The price is a parse and a plan per execution (not measured separately), against
 * the measured cliff of hundreds of milliseconds. Every other statement keeps pgJDBC's caching.
 *
 * <p>Why not the alternatives: {@code SET plan_cache_mode = force_custom_plan} is a session setting, so on a host's data
 * source it would change the host's own connections (or cost a round trip per unit of work as {@code SET LOCAL}); a
 * {@code prepareThreshold} in the URL applies to every statement and is the host's to choose. This listener touches
 * only the statements it is attached to, and costs no round trip.
 *
 * <p>The driver is the host's (the store does not depend on pgJDBC), so it is reached by reflection. A statement that
 * does not unwrap to pgJDBC's (an opaque proxy driver) keeps pgJDBC's default; the query is then still correct, only
 * exposed to the generic plan as before.
 */
final class CustomPlans implements ExecuteListener {

    static final CustomPlans INSTANCE = new CustomPlans();

    private CustomPlans() {
    }

    @Override
    public void prepareEnd(ExecuteContext ctx) {
        PreparedStatement statement = ctx.statement();
        Driver driver = Driver.INSTANCE;
        if (statement == null || driver == null) {
            return;
        }
        try {
            if (statement.isWrapperFor(driver.statementType)) {
                driver.setPrepareThreshold.invoke(statement.unwrap(driver.statementType), 0);
            }
        } catch (SQLException | IllegalAccessException | InvocationTargetException e) {
            // Not a pgJDBC statement after all: it runs with the driver's default, as before.
        }
    }

    /** pgJDBC's {@code PGStatement} and its {@code setPrepareThreshold(int)}, if the driver is on the class path. */
    private static final class Driver {
        static final Driver INSTANCE = load();

        final Class<?> statementType;
        final Method setPrepareThreshold;

        private Driver(Class<?> statementType, Method setPrepareThreshold) {
            this.statementType = statementType;
            this.setPrepareThreshold = setPrepareThreshold;
        }

        private static Driver load() {
            for (ClassLoader loader : new ClassLoader[] {Thread.currentThread().getContextClassLoader(),
                    CustomPlans.class.getClassLoader()}) {
                try {
                    Class<?> type = Class.forName("org.postgresql.PGStatement", false, loader);
                    return new Driver(type, type.getMethod("setPrepareThreshold", int.class));
                } catch (ClassNotFoundException | NoSuchMethodException | LinkageError e) {
                    // try the next loader
                }
            }
            return null;
        }
    }
}
