package io.roostcrm.core.internal;

import io.roostcrm.core.CrmValidationException;
import io.roostcrm.core.Violation;
import io.roostcrm.core.field.FieldValues;

import java.time.Instant;

/**
 * The instants a caller may hand in (a note's time, a reminder's due time): those of the date range every store holds
 * ({@link FieldValues#FIRST_DATE} to {@link FieldValues#LAST_DATE}, in UTC). {@link Instant#MAX} and {@link Instant#MIN}
 * threw a {@link java.time.DateTimeException} in the JDBC store instead of being refused as bad input. A store may
 * hold less (FluentCRM's MySQL TIMESTAMP columns end in 2038) and refuses the rest itself.
 */
final class Instants {

    static final Instant FIRST = Instant.parse(FieldValues.FIRST_DATE + "T00:00:00Z");
    static final Instant LAST = Instant.parse(FieldValues.LAST_DATE + "T23:59:59.999999999Z");

    private Instants() {
    }

    /** @throws CrmValidationException rule {@code range} on {@code field} when the instant is outside the range */
    static void require(String field, Instant instant) {
        if (instant.isBefore(FIRST) || instant.isAfter(LAST)) {
            throw new CrmValidationException(Violation.of(field, "range", "must be from " + FieldValues.FIRST_DATE
                    + "T00:00:00Z to " + FieldValues.LAST_DATE + "T23:59:59Z"));
        }
    }
}
