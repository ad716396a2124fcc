package io.roostcrm.auth;

import io.roostcrm.core.CrmValidationException;
import io.roostcrm.core.Violation;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A range of IPv4 or IPv6 addresses for allow and deny lists, written as CIDR ({@code 10.0.0.0/8},
 * {@code 2001:db8::/32}), as a single address, or as {@code first-last}. IPv4-mapped IPv6 addresses
 * ({@code ::ffff:10.1.2.3}) match IPv4 ranges, as the same host. Parsing never resolves a host name.
 *
 * @param first    the first address, 16 bytes (IPv4 as IPv4-mapped IPv6)
 * @param last     the last address, 16 bytes
 * @param text     the range as written when it was parsed (normalised)
 */
public record IpRange(BigInteger first, BigInteger last, String text) {

    private static final Pattern IPV4 = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]{2,45}");
    private static final BigInteger MAPPED = BigInteger.valueOf(0xffffL).shiftLeft(32);

    /** Checks the components. */
    public IpRange {
        Objects.requireNonNull(first, "first");
        Objects.requireNonNull(last, "last");
        Objects.requireNonNull(text, "text");
        if (first.compareTo(last) > 0) {
            throw new IllegalArgumentException("first must not be after last");
        }
    }

    /**
     * Parses a range.
     *
     * @throws CrmValidationException field {@code cidr}: rule {@code malformed} (naming the text) when it is no
     *                                address, range or CIDR; {@code host_bits_set} when a CIDR's address has bits
     *                                beyond its prefix ({@code 10.0.0.5/8}: probably a typo); {@code reversed} when a
     *                                range's first address is after its last
     */
    public static IpRange parse(String text) {
        Objects.requireNonNull(text, "text");
        String t = text.strip();
        if (t.isEmpty() || t.length() > 100) {
            throw invalid("malformed", "'" + shorten(t) + "' is not an IP address, range or CIDR");
        }
        int dash = t.indexOf('-');
        if (dash >= 0) {
            Optional<Address> a = address(t.substring(0, dash).strip());
            Optional<Address> b = address(t.substring(dash + 1).strip());
            if (a.isEmpty() || b.isEmpty() || a.get().v4 != b.get().v4) {
                throw invalid("malformed", "'" + shorten(t) + "' is not an IP address, range or CIDR");
            }
            if (a.get().value.compareTo(b.get().value) > 0) {
                throw invalid("reversed", "'" + t + "' is reversed: its first address is after its last");
            }
            return new IpRange(a.get().value, b.get().value, t);
        }
        int slash = t.indexOf('/');
        String addressText = slash >= 0 ? t.substring(0, slash) : t;
        Optional<Address> address = address(addressText);
        if (address.isEmpty()) {
            throw invalid("malformed", "'" + shorten(t) + "' is not an IP address, range or CIDR");
        }
        int width = address.get().v4 ? 32 : 128;
        int prefix = width;
        if (slash >= 0) {
            String p = t.substring(slash + 1);
            if (!p.matches("\\d{1,3}") || Integer.parseInt(p) > width) {
                throw invalid("malformed", "'" + shorten(t) + "' has a prefix length that is not 0 to " + width);
            }
            prefix = Integer.parseInt(p);
        }
        BigInteger hostMask = BigInteger.ONE.shiftLeft(width - prefix).subtract(BigInteger.ONE);
        BigInteger value = address.get().value;
        if (!value.and(hostMask).equals(BigInteger.ZERO)) {
            throw invalid("host_bits_set", "'" + t + "' has address bits set beyond its /" + prefix + " prefix");
        }
        return new IpRange(value, value.or(hostMask), t);
    }

    /** Whether an address literal (IPv4, IPv6, IPv4-mapped IPv6) lies in this range; a non-literal never does. */
    public boolean contains(String addressLiteral) {
        return address(addressLiteral).map(a -> contains(a.value)).orElse(false);
    }

    /** Whether an address, in this record's 128-bit form, lies in this range. */
    public boolean contains(BigInteger address) {
        return first.compareTo(address) <= 0 && address.compareTo(last) <= 0;
    }

    /**
     * An address literal in this record's 128-bit form (IPv4 as IPv4-mapped IPv6, so both spellings of an IPv4
     * host are one number); empty if it is not a literal. Never resolves a name.
     */
    public static Optional<BigInteger> numeric(String addressLiteral) {
        return address(addressLiteral).map(a -> a.value);
    }

    private record Address(BigInteger value, boolean v4) {
    }

    private static Optional<Address> address(String literal) {
        if (literal == null) {
            return Optional.empty();
        }
        String s = literal.strip();
        if (s.startsWith("[") && s.endsWith("]")) {
            s = s.substring(1, s.length() - 1);
        }
        int zone = s.indexOf('%');
        if (zone >= 0) {
            s = s.substring(0, zone);
        }
        if (IPV4.matcher(s).matches()) {
            long v = 0;
            for (String part : s.split("\\.")) {
                int octet = Integer.parseInt(part);
                if (octet > 255 || (part.length() > 1 && part.startsWith("0"))) {
                    return Optional.empty();
                }
                v = (v << 8) | octet;
            }
            return Optional.of(new Address(MAPPED.or(BigInteger.valueOf(v)), true));
        }
        if (!s.contains(":") || !IPV6.matcher(s).matches()) {
            return Optional.empty();
        }
        try {
            // Only hex digits, colons and dots reach here, so this parses a literal and never looks up a name.
            byte[] bytes = InetAddress.getByName(s).getAddress();
            byte[] sixteen = new byte[16];
            if (bytes.length == 4) { // the JDK turns ::ffff:a.b.c.d into an IPv4 address
                sixteen[10] = (byte) 0xff;
                sixteen[11] = (byte) 0xff;
                System.arraycopy(bytes, 0, sixteen, 12, 4);
                return Optional.of(new Address(new BigInteger(1, sixteen), true));
            }
            BigInteger value = new BigInteger(1, bytes);
            boolean mapped = value.shiftRight(32).equals(BigInteger.valueOf(0xffffL));
            return Optional.of(new Address(value, mapped));
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    private static String shorten(String t) {
        String safe = t.replaceAll("[^A-Za-z0-9.:/\\-\\[\\]% ]", "?");
        return safe.length() > 60 ? safe.substring(0, 60) + "…" : safe;
    }

    private static CrmValidationException invalid(String rule, String detail) {
        return new CrmValidationException(Violation.of("cidr", rule, detail));
    }

    @Override
    public String toString() {
        return text;
    }
}
