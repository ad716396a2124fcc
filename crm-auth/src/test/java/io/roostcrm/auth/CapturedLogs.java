package io.roostcrm.auth;

import org.slf4j.ILoggerFactory;
import org.slf4j.IMarkerFactory;
import org.slf4j.Logger;
import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.BasicMarkerFactory;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.helpers.MessageFormatter;
import org.slf4j.helpers.NOPMDCAdapter;
import org.slf4j.spi.MDCAdapter;
import org.slf4j.spi.SLF4JServiceProvider;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * crm-auth's test-scope SLF4J binding: keeps every log line (formatted, with the stack trace of its throwable) so
 * that the tests can scan them for the secrets they used (issue 11 item 11), and prints WARN and ERROR to standard
 * error. Every level of Roost's own loggers is kept, since a secret logged at DEBUG leaks as well; other libraries'
 * from INFO, so that jOOQ's DEBUG query log does not slow the tests. Chosen by {@code slf4j.provider} in the POM.
 */
public final class CapturedLogs implements SLF4JServiceProvider {

    private static final List<String> LINES = new ArrayList<>();
    private final ConcurrentMap<String, Logger> loggers = new ConcurrentHashMap<>();
    private final IMarkerFactory markers = new BasicMarkerFactory();
    private final MDCAdapter mdc = new NOPMDCAdapter();

    /** How many lines were kept so far: a test's own lines are those after its start's count. */
    static int count() {
        synchronized (LINES) {
            return LINES.size();
        }
    }

    /** The lines kept from {@code from} on. */
    static List<String> since(int from) {
        synchronized (LINES) {
            return List.copyOf(LINES.subList(Math.min(from, LINES.size()), LINES.size()));
        }
    }

    @Override
    public ILoggerFactory getLoggerFactory() {
        return name -> loggers.computeIfAbsent(name, CapturingLogger::new);
    }

    @Override
    public IMarkerFactory getMarkerFactory() {
        return markers;
    }

    @Override
    public MDCAdapter getMDCAdapter() {
        return mdc;
    }

    @Override
    public String getRequestedApiVersion() {
        return "2.0.99";
    }

    @Override
    public void initialize() {
    }

    private static final class CapturingLogger extends LegacyAbstractLogger {
        private static final long serialVersionUID = 1L;
        private final boolean ours;

        CapturingLogger(String name) {
            this.name = name;
            this.ours = name.startsWith("io.roostcrm");
        }

        @Override
        public boolean isTraceEnabled() {
            return ours;
        }

        @Override
        public boolean isDebugEnabled() {
            return ours;
        }

        @Override
        public boolean isInfoEnabled() {
            return true;
        }

        @Override
        public boolean isWarnEnabled() {
            return true;
        }

        @Override
        public boolean isErrorEnabled() {
            return true;
        }

        @Override
        protected String getFullyQualifiedCallerName() {
            return null;
        }

        @Override
        protected void handleNormalizedLoggingCall(Level level, Marker marker, String pattern, Object[] arguments,
                                                   Throwable throwable) {
            StringBuilder line = new StringBuilder(level + " " + name + " - "
                    + MessageFormatter.basicArrayFormat(pattern, arguments));
            if (throwable != null) {
                StringWriter trace = new StringWriter();
                throwable.printStackTrace(new PrintWriter(trace));
                line.append(System.lineSeparator()).append(trace);
            }
            String text = line.toString();
            synchronized (LINES) {
                LINES.add(text);
            }
            if (level.toInt() >= Level.WARN.toInt()) {
                System.err.println(text);
            }
        }
    }
}
