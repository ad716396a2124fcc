package io.roostcrm.examples;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Dependencies point down only (DESIGN.md §1): checked by scanning the main sources' imports of every module, so a
 * wrong-way import fails the build rather than a review.
 */
class ArchitectureTest {

    private static final Pattern IMPORT = Pattern.compile("^import\\s+(?:static\\s+)?([\\w.]+)", Pattern.MULTILINE);

    @ParameterizedTest(name = "{0} imports only {1}")
    @CsvSource(delimiter = ';', value = {
        // The engine is pure: the JDK and its cache, nothing else (no I/O, no logging, no Roost module above it).
        "crm-permissions    ; ^(java\\.|com\\.github\\.benmanes\\.caffeine\\.|io\\.roostcrm\\.permissions\\.)",
        // Core knows the engine, SLF4J, Jackson and the JDK's crypto (signed cursors, the audit chain's HMAC); never
        // a store, JDBC library or driver.
        "crm-core           ; ^(java\\.|javax\\.sql\\.|javax\\.crypto\\.|io\\.roostcrm\\.(core|permissions)\\.|org\\.slf4j\\.|com\\.fasterxml\\.jackson\\.)",
        // Account security adds its three libraries (Argon2id, dictionaries, rate limits); never a store or core's
        // internals.
        "crm-auth           ; ^(java\\.|javax\\.sql\\.|javax\\.crypto\\.|io\\.roostcrm\\.(auth|core\\.(?!internal\\.|memory\\.)|permissions\\.)|org\\.slf4j\\.|de\\.mkammerer\\.argon2\\.|me\\.gosimple\\.nbvcxz\\.|io\\.github\\.bucket4j\\.)",
    })
    void moduleImportsOnlyWhatItMayDependOn(String module, String allowed) {
        assertThat(violations(module, Pattern.compile(allowed), false)).isEmpty();
    }

    @ParameterizedTest(name = "{0} never decides permissions nor reaches core internals")
    @CsvSource({"crm-store-jdbc", "crm-store-external"})
    void storesSeeTheSpiNotTheEngine(String module) {
        // Stores receive decisions as data (ScopePredicate, Ownership, Role values); the deciding types and the
        // secured service's internals are off limits, and stores never depend on each other.
        Pattern forbidden = Pattern.compile("^(io\\.roostcrm\\.permissions\\.(Policy|PermissionEngine|Subject|Decision)"
                + "|io\\.roostcrm\\.core\\.internal\\.|io\\.roostcrm\\.core\\.memory\\."
                + "|io\\.roostcrm\\.store\\.(?!" + (module.equals("crm-store-jdbc") ? "jdbc" : "fluentcrm") + "\\.))");
        assertThat(violations(module, forbidden, true)).isEmpty();
    }

    private static List<String> violations(String module, Pattern pattern, boolean matchIsViolation) {
        Path sources = moduleRoot().resolve(module).resolve("src/main/java");
        assertThat(sources).as("sources of %s", module).isDirectory();
        List<String> violations = new ArrayList<>();
        try (Stream<Path> files = Files.walk(sources)) {
            files.filter(f -> f.toString().endsWith(".java")).forEach(file -> {
                Matcher m = IMPORT.matcher(read(file));
                while (m.find()) {
                    boolean matches = pattern.matcher(m.group(1)).find();
                    if (matches == matchIsViolation) {
                        violations.add(sources.relativize(file) + " imports " + m.group(1));
                    }
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return violations;
    }

    private static Path moduleRoot() {
        // Surefire runs with the examples module as working directory; the modules are its siblings.
        return Path.of("").toAbsolutePath().getParent();
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
