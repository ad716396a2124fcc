package io.roostcrm.auth.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Objects;

/**
 * Generated secrets: API passwords (32 characters over 62 symbols, about 190 bits), session tokens (32 characters
 * over the same alphabet, also about 190 bits, above ASVS 5.0 7.2.3's 128) and recovery codes; their SHA-256
 * digests, which is all the store keeps (a fast hash is allowed for generated secrets of at least 112 bits: NIST
 * SP 800-63B 5.1.2.2, ASVS 5.0 6.5.2), and constant-time comparison. Thread-safe.
 */
public final class Secrets {

    /** The 62 symbols generated secrets are drawn from. */
    public static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    /** The length of an API password and of a session token. */
    public static final int LENGTH = 32;
    /**
     * Recovery codes: 24 characters over 31 unambiguous lower-case symbols and digits, about 119 bits. At least 112
     * bits because the store keeps their plain SHA-256 digests, looked up exactly: below 112 bits a look-up secret must
     * be salted and hashed with a password hash (ASVS 5.0 6.5.2, NIST SP 800-63B 5.1.2.2), which no look-up by digest
     * allows.
     */
    static final String RECOVERY_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789";
    static final int RECOVERY_LENGTH = 24;

    private final SecureRandom random;

    /** Secrets from a new {@link SecureRandom}. */
    public Secrets() {
        this(new SecureRandom());
    }

    /** Secrets from this random source (tests pass a seeded one). */
    public Secrets(SecureRandom random) {
        this.random = Objects.requireNonNull(random, "random");
    }

    /** A new API password or session token: {@link #LENGTH} characters of {@link #ALPHABET}. */
    public String newSecret() {
        return draw(ALPHABET, LENGTH);
    }

    /** A new recovery code, written as four groups of six ({@code abcdef-ghjkmn-pqrstu-vwxyz2}). */
    public String newRecoveryCode() {
        String raw = draw(RECOVERY_ALPHABET, RECOVERY_LENGTH);
        return raw.substring(0, 6) + "-" + raw.substring(6, 12) + "-" + raw.substring(12, 18) + "-"
                + raw.substring(18);
    }

    /** A recovery code as typed, normalised: lower case, without spaces and dashes; {@code null} if it cannot be one. */
    public static String normaliseRecoveryCode(String typed) {
        if (typed == null || typed.length() > 48) {
            return null;
        }
        StringBuilder sb = new StringBuilder(RECOVERY_LENGTH);
        for (int i = 0; i < typed.length(); i++) {
            char c = Character.toLowerCase(typed.charAt(i));
            if (c == '-' || c == ' ') {
                continue;
            }
            if (RECOVERY_ALPHABET.indexOf(c) < 0) {
                return null;
            }
            sb.append(c);
        }
        return sb.length() == RECOVERY_LENGTH ? sb.toString() : null;
    }

    /** Random bytes. */
    public byte[] bytes(int length) {
        byte[] b = new byte[length];
        random.nextBytes(b);
        return b;
    }

    private String draw(String alphabet, int length) {
        char[] out = new char[length];
        for (int i = 0; i < length; i++) {
            out[i] = alphabet.charAt(random.nextInt(alphabet.length())); // nextInt(bound) is unbiased
        }
        return new String(out);
    }

    /** Whether a presented value has the shape of a generated secret (length and alphabet), before any lookup. */
    public static boolean isWellFormed(String presented) {
        if (presented == null || presented.length() != LENGTH) {
            return false;
        }
        for (int i = 0; i < LENGTH; i++) {
            char c = presented.charAt(i);
            if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))) {
                return false;
            }
        }
        return true;
    }

    /** The SHA-256 digest of a secret's UTF-8 bytes: what the store keeps and looks up by. */
    public static byte[] digest(String secret) {
        Objects.requireNonNull(secret, "secret");
        return sha256().digest(secret.getBytes(StandardCharsets.UTF_8));
    }

    /** Constant-time comparison of two digests ({@link MessageDigest#isEqual}). */
    public static boolean sameDigest(byte[] a, byte[] b) {
        return MessageDigest.isEqual(a, b);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    @Override
    public String toString() {
        return "Secrets";
    }
}
