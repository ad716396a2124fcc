package io.roostcrm.store.fluentcrm.internal.php;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Formats a finite double the way PHP 7.1+ {@code serialize} does with the default {@code serialize_precision=-1}:
 * {@code zend_gcvt} in mode 0, i.e. the shortest decimal that reads back as the same double, printed in plain
 * notation when the decimal exponent lies in [-4, 17) and as {@code d.dddE+x} otherwise, with no fraction for
 * integral values ({@code 1.0} is written {@code 1}, as PHP does) and {@code -0} for negative zero.
 *
 * <p>{@link Double#toString} is not used because before JDK 19 it does not always give the shortest digits. Known
 * difference from PHP's dtoa: next to a power of two (asymmetric rounding interval) PHP may print one more digit,
 * e.g. 2^63 is written {@code 9.223372036854776E+18} here where PHP 8 may print {@code 9.2233720368547758E+18};
 * both read back as exactly the same double. The plain/exponential switch at a decimal point beyond 17 digits
 * follows {@code zend_gcvt}'s mode-0 branch ({@code ndigit = 17}); it was not checked against a running PHP.
 */
final class PhpDoubleFormat {

    /** PHP's mode-0 gcvt switches to exponential notation when the decimal point lies beyond this many digits. */
    private static final int MAX_PLAIN_DECIMAL_POINT = 17;

    private PhpDoubleFormat() {
    }

    static String format(double value) {
        if (!Double.isFinite(value)) {
            throw new PhpFormatException("NaN and infinite floats are not supported");
        }
        if (value == 0.0d) {
            return Double.doubleToRawLongBits(value) < 0 ? "-0" : "0";
        }
        BigDecimal shortest = shortestRoundTrip(value).stripTrailingZeros();
        String digits = shortest.unscaledValue().abs().toString();
        int decimalPoint = digits.length() - shortest.scale();
        StringBuilder out = new StringBuilder(32);
        if (value < 0) {
            out.append('-');
        }
        if (decimalPoint < -3 || decimalPoint > MAX_PLAIN_DECIMAL_POINT) {
            out.append(digits.charAt(0)).append('.');
            out.append(digits.length() > 1 ? digits.substring(1) : "0");
            int exponent = decimalPoint - 1;
            out.append('E').append(exponent < 0 ? '-' : '+').append(Math.abs(exponent));
        } else if (decimalPoint <= 0) {
            out.append("0.");
            out.append("0".repeat(-decimalPoint));
            out.append(digits);
        } else if (digits.length() <= decimalPoint) {
            out.append(digits);
            out.append("0".repeat(decimalPoint - digits.length()));
        } else {
            out.append(digits, 0, decimalPoint).append('.').append(digits, decimalPoint, digits.length());
        }
        return out.toString();
    }

    private static BigDecimal shortestRoundTrip(double value) {
        BigDecimal exact = new BigDecimal(value);
        for (int precision = 1; precision < 17; precision++) {
            BigDecimal candidate = exact.round(new MathContext(precision, RoundingMode.HALF_EVEN));
            if (candidate.doubleValue() == value) {
                return candidate;
            }
        }
        // 17 significant digits always identify a double uniquely.
        return exact.round(new MathContext(17, RoundingMode.HALF_EVEN));
    }
}
