package io.roostcrm.store.jdbc;

import java.io.PrintWriter;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * A data source that records every statement its connections send to the database: each {@code execute*} call,
 * {@code executeBatch} included (one call, however many rows it carries), with the statement's SQL. What the driver
 * and the database do is untouched; this only watches the JDBC calls the store makes, so a test can tell a batch
 * written in one statement shape from one written row by row.
 */
final class ExecutionCountingDataSource implements DataSource {

    /** One execution: the statement's SQL and how many rows it carried ({@code 1} unless it was a batch). */
    record Execution(String sql, int batchRows) {
    }

    private final DataSource target;
    private final List<Execution> executions = Collections.synchronizedList(new ArrayList<>());

    ExecutionCountingDataSource(DataSource target) {
        this.target = target;
    }

    /** The executions since the last {@link #clear()}, in order. */
    List<Execution> executions() {
        synchronized (executions) {
            return List.copyOf(executions);
        }
    }

    void clear() {
        executions.clear();
    }

    @Override
    public Connection getConnection() throws SQLException {
        return wrap(target.getConnection());
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        return wrap(target.getConnection(username, password));
    }

    private Connection wrap(Connection connection) {
        InvocationHandler handler = (proxy, method, args) -> {
            Object result = invoke(connection, method, args);
            String name = method.getName();
            if (result instanceof Statement statement && (name.startsWith("prepare") || name.equals("createStatement"))) {
                String sql = args != null && args.length > 0 && args[0] instanceof String s ? s : null;
                return watch(statement, sql);
            }
            return result;
        };
        return (Connection) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Connection.class},
                handler);
    }

    private Statement watch(Statement statement, String preparedSql) {
        int[] pendingRows = new int[1];
        InvocationHandler handler = (proxy, method, args) -> {
            String name = method.getName();
            if (name.equals("addBatch")) {
                pendingRows[0]++;
            } else if (name.startsWith("execute")) {
                boolean batch = name.equals("executeBatch") || name.equals("executeLargeBatch");
                String sql = args != null && args.length > 0 && args[0] instanceof String s ? s : preparedSql;
                executions.add(new Execution(sql, batch ? pendingRows[0] : 1));
                if (batch) {
                    pendingRows[0] = 0;
                }
            } else if (name.equals("clearBatch")) {
                pendingRows[0] = 0;
            }
            return invoke(statement, method, args);
        };
        Class<?> type = statement instanceof CallableStatement ? CallableStatement.class
                : statement instanceof PreparedStatement ? PreparedStatement.class : Statement.class;
        return (Statement) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {type}, handler);
    }

    private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    @Override
    public PrintWriter getLogWriter() throws SQLException {
        return target.getLogWriter();
    }

    @Override
    public void setLogWriter(PrintWriter out) throws SQLException {
        target.setLogWriter(out);
    }

    @Override
    public void setLoginTimeout(int seconds) throws SQLException {
        target.setLoginTimeout(seconds);
    }

    @Override
    public int getLoginTimeout() throws SQLException {
        return target.getLoginTimeout();
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        return target.getParentLogger();
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        if (iface.isInstance(this)) {
            return iface.cast(this);
        }
        return target.unwrap(iface);
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) throws SQLException {
        return iface.isInstance(this) || target.isWrapperFor(iface);
    }
}
