package io.roostcrm.tck;

/**
 * The kits' guard against a silent pass: what {@link CrmStoreCompatibilityKit} and
 * {@link io.roostcrm.tck.service.CrmServiceCompatibilityKit} do when a test runner that does not know the JUnit
 * Platform finds them.
 *
 * <p>The kits are JUnit 5 tests. A runner that predates the JUnit Platform, such as the Surefire 2.12.4 that Maven 3.8
 * binds by default, runs none of their tests and reports success. Each kit therefore carries one method such a
 * runner does run: {@code testThatTheKitRunsOnTheJUnitPlatform()}, a public {@code test...} method (which
 * Surefire's plain-object runner calls) annotated with JUnit 4's {@code @Test} (which its JUnit 4 runner calls). It
 * fails with the fix in its message. The JUnit Platform never runs it, except through the Vintage engine, where it
 * passes.
 *
 * <p>Not part of the kits' API: a host calls nothing here.
 */
public final class KitRunners {

    /** What the tripwire's failure says: the cause and the fix. */
    public static final String OLD_RUNNER = "The Roost compatibility kits are JUnit 5 tests, and this test runner does"
            + " not run JUnit 5: it would have run none of the kit's tests and reported success. Run them on the JUnit"
            + " Platform: with Maven, declare maven-surefire-plugin (or maven-failsafe-plugin) 3.0.0 or later in the"
            + " build's plugins (Maven 3.8 binds Surefire 2.12.4 by default).";

    private KitRunners() {
    }

    /**
     * Fails, unless the JUnit Platform is running the caller.
     *
     * @throws AssertionError with {@link #OLD_RUNNER}, when a runner other than the JUnit Platform calls it
     */
    public static void refuseRunnersWithoutTheJUnitPlatform() {
        boolean onPlatform = StackWalker.getInstance()
                .walk(frames -> frames.anyMatch(f -> f.getClassName().startsWith("org.junit.platform.")));
        if (!onPlatform) {
            throw new AssertionError(OLD_RUNNER);
        }
    }
}
