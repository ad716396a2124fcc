package io.roostcrm.examples;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 10 item 20: what a host sees in its first hour. {@link QuickStart} runs in a JVM of its own, as a host's
 * program would (no other test has initialised jOOQ or SLF4J there), and its output holds no jOOQ logo or tip of the
 * day and no SLF4J warning; the BOM lists every module a host may depend on.
 */
class HostFirstHourTest {

    @Test
    void quickStartPrintsNoLibraryBannerTipOrLoggingWarning() throws IOException, InterruptedException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process process = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                QuickStart.class.getName()).redirectErrorStream(true).start();
        byte[] output = process.getInputStream().readAllBytes();
        assertThat(process.waitFor(2, TimeUnit.MINUTES)).isTrue();
        String text = new String(output, StandardCharsets.UTF_8);

        assertThat(process.exitValue()).as(text).isZero();
        assertThat(text).contains("Rita (sales rep) sees:")
                .doesNotContain("Thank you for using jOOQ").doesNotContain("tip of the day").doesNotContain("@@@@@@")
                .doesNotContain("SLF4J(W)").doesNotContain("SLF4J: ");
    }

    @Test
    void theBomListsEveryPublishedModule() throws IOException {
        Path root = Path.of("..").toAbsolutePath().normalize();
        List<String> published = new ArrayList<>();
        Matcher module = Pattern.compile("<module>([^<]+)</module>").matcher(Files.readString(root.resolve("pom.xml")));
        while (module.find()) {
            String name = module.group(1);
            if (!List.of("examples", "benchmarks", "bom").contains(name)) {
                published.add(name);
            }
        }
        String bom = Files.readString(root.resolve("bom/pom.xml"));
        assertThat(bom).contains("<artifactId>roost-bom</artifactId>").doesNotContain("<parent>");
        assertThat(published).isNotEmpty().allSatisfy(name -> assertThat(bom)
                .contains("<artifactId>" + name + "</artifactId>"));
    }
}
