package io.roostcrm.auth.internal;

import de.mkammerer.argon2.Argon2;
import de.mkammerer.argon2.Argon2Factory;
import de.mkammerer.argon2.Argon2Factory.Argon2Types;
import io.roostcrm.auth.Argon2Parameters;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Login-password hashing with Argon2id (argon2-jvm over the reference C implementation), as PHC strings
 * ({@code $argon2id$v=19$m=…,t=…,p=…$salt$hash}) with a 16-byte salt and a 32-byte hash. Argon2id is asked for
 * explicitly: argon2-jvm's factory defaults to Argon2i. Thread-safe.
 *
 * <p>Passwords are bounded before any hashing: more than {@link #MAX_PASSWORD_BYTES} UTF-8 bytes is refused by
 * {@link #encode}, so that nobody can make the server hash megabytes. A dummy hash made at start-up with the
 * configured parameters lets an unknown login cost exactly one verify, as a wrong password does.
 */
public final class Argon2idHasher {

    /** The most UTF-8 bytes a password may have; longer ones are refused before hashing. */
    public static final int MAX_PASSWORD_BYTES = 1_024;
    private static final Pattern PHC = Pattern.compile(
            "\\$argon2id\\$v=(\\d+)\\$m=(\\d{1,9}),t=(\\d{1,9}),p=(\\d{1,3})\\$[A-Za-z0-9+/]+\\$[A-Za-z0-9+/]+");

    private final Argon2 argon2 = Argon2Factory.create(Argon2Types.ARGON2id, 16, 32);
    private final int memoryKiB;
    private final int iterations;
    private final int parallelism;
    private final String dummyHash;

    /** A hasher with these parameters; makes the dummy hash (one Argon2id hash's time). */
    public Argon2idHasher(Argon2Parameters parameters) {
        this(Objects.requireNonNull(parameters, "parameters").memoryKiB(), parameters.iterations(),
                parameters.parallelism());
    }

    private Argon2idHasher(int memoryKiB, int iterations, int parallelism) {
        this.memoryKiB = memoryKiB;
        this.iterations = iterations;
        this.parallelism = parallelism;
        byte[] random = new byte[24];
        new SecureRandom().nextBytes(random);
        this.dummyHash = hashBytes(Base64.getEncoder().encode(random));
    }

    /**
     * A hasher far below OWASP's minimum (1 MiB, one pass), which {@link Argon2Parameters} refuses: for tests whose
     * subject is not the hash's cost, so that each login costs a millisecond instead of tens. Never for production.
     */
    public static Argon2idHasher forTestsOnly() {
        return new Argon2idHasher(1_024, 1, 1);
    }

    /** The configured parameters, as a PHC string writes them ({@code m=19456,t=2,p=1}). */
    public String describe() {
        return "m=" + memoryKiB + ",t=" + iterations + ",p=" + parallelism;
    }

    /**
     * The UTF-8 bytes of a password, if it has at most {@link #MAX_PASSWORD_BYTES} of them; else {@code null}. The
     * caller wipes the array when done.
     */
    public static byte[] encode(String password) {
        Objects.requireNonNull(password, "password");
        // A char is at most 3 UTF-8 bytes (a surrogate pair is 4 for 2 chars): cheap reject before encoding.
        if (password.length() > MAX_PASSWORD_BYTES) {
            return null;
        }
        byte[] bytes = password.getBytes(StandardCharsets.UTF_8);
        if (bytes.length > MAX_PASSWORD_BYTES) {
            Arrays.fill(bytes, (byte) 0);
            return null;
        }
        return bytes;
    }

    /**
     * Hashes a password.
     *
     * @throws IllegalArgumentException if it is longer than {@link #MAX_PASSWORD_BYTES} UTF-8 bytes (the password
     *                                  policy refuses those first)
     */
    public String hash(String password) {
        byte[] bytes = encode(password);
        if (bytes == null) {
            throw new IllegalArgumentException("password must be at most " + MAX_PASSWORD_BYTES + " UTF-8 bytes");
        }
        try {
            return hashBytes(bytes);
        } finally {
            Arrays.fill(bytes, (byte) 0);
        }
    }

    private String hashBytes(byte[] bytes) {
        return argon2.hash(iterations, memoryKiB, parallelism, bytes);
    }

    /**
     * Whether the password matches the stored hash. A stored value that is not an Argon2id PHC string never
     * matches (and costs the same as a dummy verify). An over-long password never matches.
     */
    public boolean verify(String storedHash, String password) {
        Objects.requireNonNull(storedHash, "storedHash");
        byte[] bytes = encode(password);
        if (bytes == null) {
            return false;
        }
        try {
            if (!PHC.matcher(storedHash).matches()) {
                argon2.verify(dummyHash, bytes);
                return false;
            }
            return argon2.verify(storedHash, bytes);
        } finally {
            Arrays.fill(bytes, (byte) 0);
        }
    }

    /** Spends one verify on the dummy hash: what an unknown login costs, so that it costs what a wrong password does. */
    public void verifyDummy(String password) {
        byte[] bytes = encode(password);
        byte[] used = bytes != null ? bytes : new byte[] {0};
        try {
            argon2.verify(dummyHash, used);
        } finally {
            Arrays.fill(used, (byte) 0);
        }
    }

    /**
     * Whether a stored hash should be replaced at this successful login: it is not Argon2id version 19, or any of
     * its parameters is lower than the configured ones.
     */
    public boolean needsRehash(String storedHash) {
        Matcher m = PHC.matcher(storedHash);
        if (!m.matches()) {
            return true;
        }
        return Integer.parseInt(m.group(1)) != 19
                || Long.parseLong(m.group(2)) < memoryKiB
                || Long.parseLong(m.group(3)) < iterations
                || Long.parseLong(m.group(4)) < parallelism;
    }

    @Override
    public String toString() {
        return "Argon2idHasher[" + describe() + "]";
    }
}
