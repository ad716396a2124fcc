package io.roostcrm.store.fluentcrm.internal.mapping;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.Optional;

/**
 * FluentCRM writes the site's local wall-clock time ({@code current_time('mysql')}) into its TIMESTAMP columns. This
 * turns Roost's instants into that text in the site's zone and back. Values travel as text ({@code Y-m-d H:i:s}) so
 * that no JDBC driver applies a time-zone conversion of its own; the session's {@code time_zone} is left as the
 * server's, like WordPress leaves it, so MySQL's TIMESTAMP conversion cancels out exactly as it does for WordPress.
 */
public final class WallClock {

    private static final DateTimeFormatter TEXT = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss");
    private static final DateTimeFormatter LENIENT = new DateTimeFormatterBuilder()
            .appendPattern("uuuu-MM-dd")
            .optionalStart().appendLiteral(' ').optionalEnd()
            .optionalStart().appendLiteral('T').optionalEnd()
            .optionalStart()
            .appendPattern("HH:mm")
            .optionalStart().appendPattern(":ss").optionalEnd()
            .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true).optionalEnd()
            .optionalEnd()
            .parseDefaulting(ChronoField.HOUR_OF_DAY, 0)
            .parseDefaulting(ChronoField.MINUTE_OF_HOUR, 0)
            .parseDefaulting(ChronoField.SECOND_OF_MINUTE, 0)
            .toFormatter();
    /** MySQL's TIMESTAMP range, in UTC. */
    private static final Instant MIN = Instant.parse("1970-01-01T00:00:01Z");
    private static final Instant MAX = Instant.parse("2038-01-19T03:14:07Z");

    private final ZoneId zone;

    /** For a site zone. */
    public WallClock(ZoneId zone) {
        this.zone = Objects.requireNonNull(zone, "zone");
    }

    /** The site zone. */
    public ZoneId zone() {
        return zone;
    }

    /** An instant as the site's wall-clock text, to the second. */
    public String format(Instant instant) {
        return LocalDateTime.ofInstant(instant, zone).truncatedTo(ChronoUnit.SECONDS).format(TEXT);
    }

    /** Whether a TIMESTAMP column can hold this instant. */
    public static boolean fitsTimestamp(Instant instant) {
        return !instant.isBefore(MIN) && !instant.isAfter(MAX);
    }

    /** The instant of a wall-clock text read from a TIMESTAMP column; empty for NULL or an unreadable value. */
    public Optional<Instant> parse(String text) {
        return parseLocal(text).map(t -> t.atZone(zone).toInstant());
    }

    /** A wall-clock text as a local date-time; empty for NULL, the zero date or an unreadable value. */
    public static Optional<LocalDateTime> parseLocal(String text) {
        if (text == null || text.isBlank() || text.startsWith("0000-00-00")) {
            return Optional.empty();
        }
        try {
            return Optional.of(LocalDateTime.parse(text.trim(), LENIENT));
        } catch (DateTimeException e) {
            return Optional.empty();
        }
    }

    /** A local date-time as {@code Y-m-d H:i:s}. */
    public static String formatLocal(LocalDateTime value) {
        return value.truncatedTo(ChronoUnit.SECONDS).format(TEXT);
    }

    /** A date as {@code Y-m-d}. */
    public static String formatDate(LocalDate date) {
        return date.toString();
    }

    /** A {@code Y-m-d} text (or a longer date-time text) as a date; empty if unreadable. */
    public static Optional<LocalDate> parseDate(String text) {
        if (text == null || text.length() < 10 || text.startsWith("0000-00-00")) {
            return Optional.empty();
        }
        try {
            return Optional.of(LocalDate.parse(text.substring(0, 10)));
        } catch (DateTimeException e) {
            return Optional.empty();
        }
    }
}
