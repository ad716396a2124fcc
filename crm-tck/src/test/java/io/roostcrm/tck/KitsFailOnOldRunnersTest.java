package io.roostcrm.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;


import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.runner.JUnitCore;
import org.junit.runner.Result;

/**
 * Issue 10, item 18: under Maven 3.8's default Surefire (2.12.4) a store's test extending a kit ran no test and
 * reported success. Surefire 2.12.4 runs a test class with its JUnit 4 runner when JUnit 4 is on the test class
 * path, and with its plain-object runner (public {@code test...} methods of a public class) when it is not; this
 * test runs a kit subclass both ways, as those runners do, and expects a failure that says how to run the kit. Both
 * run on their own thread, as a forked runner would: the tripwire passes when the JUnit Platform is on the stack.
 */
class KitsFailOnOldRunnersTest {

    @ParameterizedTest(name = "{0}")
    @ValueSource(classes = {OldRunnerSubjects.StoreKit.class, OldRunnerSubjects.ServiceKit.class})
    @DisplayName("JUnit 4's runner, which Surefire 2.12.4 uses when JUnit 4 is on the class path, fails the kit")
    void junit4RunnerFails(Class<?> kit) throws Exception {
        // Surefire's JUnit 4 provider only hands a class to JUnit when it has a public @org.junit.Test method.
        assertThat(kit.getMethods()).anyMatch(m -> m.isAnnotationPresent(org.junit.Test.class));

        Result result = offThePlatform(() -> JUnitCore.runClasses(kit));

        assertThat(result.getRunCount()).isEqualTo(1);
        assertThat(result.getFailures()).singleElement()
                .satisfies(f -> assertThat(f.getMessage()).isEqualTo(KitRunners.OLD_RUNNER));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(classes = {OldRunnerSubjects.StoreKit.class, OldRunnerSubjects.ServiceKit.class})
    @DisplayName("The plain-object runner, which Surefire 2.12.4 uses without JUnit 4, fails the kit")
    void plainObjectRunnerFails(Class<?> kit) throws Exception {
        List<Throwable> failures = offThePlatform(() -> runAsPlainObjects(kit));

        assertThat(failures).singleElement()
                .satisfies(f -> assertThat(f).isInstanceOf(AssertionError.class).hasMessage(KitRunners.OLD_RUNNER));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(classes = {OldRunnerSubjects.StoreKit.class, OldRunnerSubjects.ServiceKit.class})
    @DisplayName("On the JUnit Platform (the Vintage engine, say) the tripwire passes")
    void passesOnThePlatform(Class<?> kit) throws Exception {
        Object instance = kit.getConstructor().newInstance();
        Method tripwire = kit.getMethod("testThatTheKitRunsOnTheJUnitPlatform");

        assertThatCode(() -> tripwire.invoke(instance)).doesNotThrowAnyException();
    }

    /** What Surefire 2.12.4's PojoTestSet does: each public, argument-less {@code test...} method on a new instance. */
    private static List<Throwable> runAsPlainObjects(Class<?> kit) {
        List<Throwable> failures = new ArrayList<>();
        for (Method method : kit.getMethods()) {
            if (method.getName().startsWith("test") && method.getParameterCount() == 0
                    && Modifier.isPublic(method.getModifiers()) && !Modifier.isStatic(method.getModifiers())) {
                try {
                    method.invoke(kit.getConstructor().newInstance());
                } catch (InvocationTargetException e) {
                    failures.add(e.getCause());
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        return failures;
    }

    private interface Run<T> {
        T run() throws Exception;
    }

    private static <T> T offThePlatform(Run<T> run) throws Exception {
        AtomicReference<T> result = new AtomicReference<>();
        CompletableFuture<Void> done = new CompletableFuture<>();
        Thread thread = new Thread(() -> {
            try {
                result.set(run.run());
                done.complete(null);
            } catch (Throwable t) {
                done.completeExceptionally(t);
            }
        }, "old-runner");
        thread.start();
        try {
            done.get();
        } catch (ExecutionException e) {
            throw new AssertionError("the simulated runner itself failed", e.getCause());
        }
        return result.get();
    }
}
