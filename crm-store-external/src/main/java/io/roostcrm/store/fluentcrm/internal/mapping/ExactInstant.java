package io.roostcrm.store.fluentcrm.internal.mapping;

import java.time.Instant;
import java.util.Optional;

/**
 * FluentCRM's TIMESTAMP columns keep whole seconds of site-local time. Roost keeps the exact instant it wrote in a
 * side table and uses it as long as FluentCRM's column still shows that instant; once FluentCRM has written the
 * column itself, FluentCRM's value wins.
 */
public final class ExactInstant {

    private ExactInstant() {
    }

    /**
     * The instant to report.
     *
     * @param fluentText FluentCRM's column as wall-clock text (may be null)
     * @param epoch      the exact instant's epoch second Roost kept (may be null)
     * @param nanos      its nanoseconds (may be null)
     * @param clock      the site's wall clock
     */
    public static Instant resolve(String fluentText, Long epoch, Integer nanos, WallClock clock) {
        Optional<Instant> fluent = clock.parse(fluentText);
        if (epoch != null) {
            Instant exact = Instant.ofEpochSecond(epoch, nanos == null ? 0 : nanos);
            if (fluent.isEmpty() || clock.format(exact).equals(clock.format(fluent.get()))) {
                return exact;
            }
        }
        return fluent.orElse(Instant.EPOCH);
    }
}
