package io.roostcrm.store.fluentcrm.internal.mapping;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.ZoneId;

import static org.assertj.core.api.Assertions.assertThat;

class WallClockTest {

    private final WallClock berlin = new WallClock(ZoneId.of("Europe/Berlin"));

    @Test
    void instantsBecomeTheSitesWallClockTextAndBack() {
        assertThat(berlin.format(Instant.parse("2026-07-01T10:00:00.987Z"))).isEqualTo("2026-07-01 12:00:00");
        assertThat(berlin.parse("2026-11-23 08:44:22")).contains(Instant.parse("2026-11-23T07:44:22Z"));
    }

    @Test
    void fluentCrmsOddValuesReadAsAbsentOrLeniently() {
        assertThat(berlin.parse(null)).isEmpty();
        assertThat(berlin.parse("0000-00-00 00:00:00")).isEmpty();
        assertThat(berlin.parse("garbage")).isEmpty();
        assertThat(WallClock.parseLocal("2026-02-01 13:05")).hasValueSatisfying(t -> assertThat(t.getSecond()).isZero());
        assertThat(WallClock.parseLocal("2026-02-01T13:05:07.5")).isPresent();
    }

    @Test
    void exactInstantIsUsedWhileFluentCrmsColumnStillShowsItsSecond() {
        Instant exact = Instant.parse("2026-03-01T10:00:00.123456789Z");
        String column = berlin.format(exact);

        assertThat(ExactInstant.resolve(column, exact.getEpochSecond(), exact.getNano(), berlin)).isEqualTo(exact);
        assertThat(ExactInstant.resolve("2026-03-02 09:00:00", exact.getEpochSecond(), exact.getNano(), berlin))
                .isEqualTo(Instant.parse("2026-03-02T08:00:00Z"));
        assertThat(ExactInstant.resolve(null, null, null, berlin)).isEqualTo(Instant.EPOCH);
    }

    @Test
    void timestampRangeIsMySqls() {
        assertThat(WallClock.fitsTimestamp(Instant.parse("1970-01-01T00:00:01Z"))).isTrue();
        assertThat(WallClock.fitsTimestamp(Instant.parse("1969-12-31T23:59:59Z"))).isFalse();
        assertThat(WallClock.fitsTimestamp(Instant.parse("2038-01-19T03:14:08Z"))).isFalse();
    }
}
