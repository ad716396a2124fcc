package io.roostcrm.auth.internal;

import io.roostcrm.auth.TotpAlgorithm;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.net.URLEncoder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * Time-based one-time passwords (RFC 6238 over RFC 4226's HOTP): a 30-second step from the Unix epoch (T0 = 0),
 * dynamic truncation, 6 to 8 digits, steps beyond 32 bits. Verification accepts the current step and one on either
 * side (RFC 6238 §5.2) and never a step at or before the last one used (one-time use, ASVS 5.0 6.5.1). Stateless and
 * thread-safe.
 */
public final class Totp {

    /** The time step, in seconds. */
    public static final long STEP_SECONDS = 30;

    private Totp() {
    }

    /** The step a time falls in. */
    public static long step(Instant time) {
        return Math.floorDiv(time.getEpochSecond(), STEP_SECONDS);
    }

    /** The code of one step, as a number below 10^digits. */
    public static int code(byte[] key, long step, TotpAlgorithm algorithm, int digits) {
        if (digits < 6 || digits > 8) {
            throw new IllegalArgumentException("digits was " + digits + " but it must be 6 to 8");
        }
        byte[] mac;
        try {
            Mac hmac = Mac.getInstance(algorithm.jcaName());
            hmac.init(new SecretKeySpec(key, algorithm.jcaName()));
            mac = hmac.doFinal(ByteBuffer.allocate(8).putLong(step).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java platform has " + algorithm.jcaName(), e);
        }
        int offset = mac[mac.length - 1] & 0x0f;
        int binary = ((mac[offset] & 0x7f) << 24) | ((mac[offset + 1] & 0xff) << 16)
                | ((mac[offset + 2] & 0xff) << 8) | (mac[offset + 3] & 0xff);
        int modulus = 1;
        for (int i = 0; i < digits; i++) {
            modulus *= 10;
        }
        return binary % modulus;
    }

    /** The code of one step, zero-padded to its digits. */
    public static String codeText(byte[] key, long step, TotpAlgorithm algorithm, int digits) {
        String text = Integer.toString(code(key, step, algorithm, digits));
        return "0".repeat(digits - text.length()) + text;
    }

    /**
     * The step a presented code matches, within one step of now and after {@code lastUsedStep}; empty if none. Every
     * candidate step is compared, in constant time, so the answer's timing says nothing about which step matched.
     */
    public static OptionalLong verify(byte[] key, String presented, Instant now, TotpAlgorithm algorithm, int digits,
                                      long lastUsedStep) {
        Objects.requireNonNull(presented, "presented");
        if (presented.length() != digits || !presented.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return OptionalLong.empty();
        }
        byte[] given = presented.getBytes(StandardCharsets.US_ASCII);
        long current = step(now);
        long matched = Long.MIN_VALUE;
        for (long s = current - 1; s <= current + 1; s++) {
            boolean same = MessageDigest.isEqual(given,
                    codeText(key, s, algorithm, digits).getBytes(StandardCharsets.US_ASCII));
            if (same && s > lastUsedStep && matched == Long.MIN_VALUE) {
                matched = s;
            }
        }
        return matched == Long.MIN_VALUE ? OptionalLong.empty() : OptionalLong.of(matched);
    }

    /** The {@code otpauth://totp/} URI an authenticator app reads (usually from a QR code). */
    public static String otpauthUri(String issuer, String account, byte[] key, TotpAlgorithm algorithm, int digits) {
        String label = encode(issuer) + ":" + encode(account);
        return "otpauth://totp/" + label + "?secret=" + Base32.encode(key) + "&issuer=" + encode(issuer)
                + "&algorithm=" + algorithm.name() + "&digits=" + digits + "&period=" + STEP_SECONDS;
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
