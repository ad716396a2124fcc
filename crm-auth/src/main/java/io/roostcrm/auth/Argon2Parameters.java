package io.roostcrm.auth;

/**
 * The cost of one Argon2id login-password hash. Stored with every hash (PHC string), so hashes made with other
 * parameters still verify; a hash made with lower parameters than the configured ones is replaced at the user's
 * next successful login.
 *
 * @param memoryKiB   memory in KiB, at least 19,456 (19 MiB, OWASP's minimum for t=2) and at most 4,194,304
 * @param iterations  passes over the memory, at least 2
 * @param parallelism lanes, 1 to 16
 */
public record Argon2Parameters(int memoryKiB, int iterations, int parallelism) {

    /** OWASP's Password Storage Cheat Sheet minimum for Argon2id: m=19 MiB, t=2, p=1. */
    public static final Argon2Parameters OWASP_MINIMUM = new Argon2Parameters(19_456, 2, 1);

    /**
     * Checks the parameters.
     *
     * @throws IllegalArgumentException naming the parameter that is out of range
     */
    public Argon2Parameters {
        if (memoryKiB < 19_456 || memoryKiB > 4_194_304) {
            throw new IllegalArgumentException("memoryKiB was " + memoryKiB
                    + " but it must be 19,456 (19 MiB) to 4,194,304");
        }
        if (iterations < 2 || iterations > 100) {
            throw new IllegalArgumentException("iterations was " + iterations + " but it must be 2 to 100");
        }
        if (parallelism < 1 || parallelism > 16) {
            throw new IllegalArgumentException("parallelism was " + parallelism + " but it must be 1 to 16");
        }
    }

}
