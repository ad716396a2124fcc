package io.roostcrm.store.jdbc;

import java.io.PrintWriter;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
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
 * A data source that records every statement its connections prepare or create, with the parameters bound to
 * prepared statements, so tests can count statements per call and replay one (e.g. under EXPLAIN).
 */
final class RecordingDataSource implements DataSource {

    /** One statement: its SQL (null for a plain {@link Statement} until executed) and the setter calls on it. */
    static final class Recorded {
        final String sql;
        final List<Object[]> setters = Collections.synchronizedList(new ArrayList<>());

        Recorded(String sql) {
            this.sql = sql;
        }

        /** Binds the recorded parameters to another statement (e.g. {@code EXPLAIN} + the same SQL). */
        void bindTo(PreparedStatement target) throws ReflectiveOperationException {
            for (Object[] call : setters) {
                Method method = (Method) call[0];
                method.invoke(target, (Object[]) call[1]);
            }
        }
    }

    private final DataSource target;
    private final List<Recorded> statements = Collections.synchronizedList(new ArrayList<>());

    RecordingDataSource(DataSource target) {
        this.target = target;
    }

    /** The statements recorded since the last {@link #clear()}. */
    List<Recorded> statements() {
        synchronized (statements) {
            return List.copyOf(statements);
        }
    }

    void clear() {
        statements.clear();
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
            if (name.equals("prepareStatement") || name.equals("prepareCall")) {
                Recorded recorded = new Recorded((String) args[0]);
                statements.add(recorded);
                return wrapPrepared((PreparedStatement) result, recorded);
            }
            if (name.equals("createStatement")) {
                statements.add(new Recorded(null));
            }
            return result;
        };
        return (Connection) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[]{Connection.class},
                handler);
    }

    private static PreparedStatement wrapPrepared(PreparedStatement statement, Recorded recorded) {
        InvocationHandler handler = (proxy, method, args) -> {
            if (method.getName().startsWith("set") && args != null && args.length >= 2 && args[0] instanceof Integer) {
                recorded.setters.add(new Object[]{method, args.clone()});
            }
            return invoke(statement, method, args);
        };
        Class<?> type = statement instanceof java.sql.CallableStatement ? java.sql.CallableStatement.class
                : PreparedStatement.class;
        return (PreparedStatement) Proxy.newProxyInstance(RecordingDataSource.class.getClassLoader(),
                new Class<?>[]{type}, handler);
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
