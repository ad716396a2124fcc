package io.roostcrm.auth;

import io.roostcrm.core.CrmValidationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IpRangeTest {

    @Test
    void ipv4CidrMatchesItsAddressesAndTheirMappedForm() { // issue 11 item 9
        IpRange range = IpRange.parse("10.1.0.0/16");
        assertThat(range.contains("10.1.255.254")).isTrue();
        assertThat(range.contains("10.2.0.1")).isFalse();
        assertThat(range.contains("::ffff:10.1.2.3")).isTrue();
        assertThat(range.contains("[::ffff:10.1.2.3]")).isTrue();
        assertThat(range.contains("::ffff:a01:203")).isTrue();
        assertThat(range.contains("2001:db8::1")).isFalse();
        assertThat(range.contains("not-an-address")).isFalse();
    }

    @Test
    void ipv6CidrAndRanges() {
        IpRange v6 = IpRange.parse("2001:db8::/32");
        assertThat(v6.contains("2001:db8:ffff::1")).isTrue();
        assertThat(v6.contains("2001:db9::1")).isFalse();
        assertThat(IpRange.parse("192.168.1.10-192.168.1.20").contains("192.168.1.15")).isTrue();
        assertThat(IpRange.parse("192.168.1.10").contains("192.168.1.10")).isTrue();
        assertThat(IpRange.parse("0.0.0.0/0").contains("8.8.8.8")).isTrue();
    }

    @ParameterizedTest
    @CsvSource({"10.0.0.0/33, malformed", "10.0.0/8, malformed", "256.0.0.0/8, malformed", "example.com, malformed",
            "10.0.0.0/-1, malformed", "'', malformed", "2001:db8::/129, malformed", "10.0.0.5/8, host_bits_set",
            "10.0.0.9-10.0.0.1, reversed", "010.0.0.1, malformed", "10.0.0.1-2001:db8::1, malformed"})
    void badRangesAreRefusedNamingTheTextAndRule(String text, String rule) {
        assertThatThrownBy(() -> IpRange.parse(text)).isInstanceOf(CrmValidationException.class)
                .satisfies(e -> {
                    CrmValidationException v = (CrmValidationException) e;
                    assertThat(v.first().field()).isEqualTo("cidr");
                    assertThat(v.first().rule()).isEqualTo(rule);
                    assertThat(v.getMessage()).contains("'" + text.strip());
                });
    }
}
