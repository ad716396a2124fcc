package io.roostcrm.auth;

import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The scan the Authenticator's contract runs after each test must see log lines and find what it looks for. */
class SecretScanTest {

    @Test
    void logLinesAtEveryLevelOfRoostsLoggersAreCapturedAndScanned() { // issue 11 item 11
        int mark = CapturedLogs.count();
        LoggerFactory.getLogger("io.roostcrm.auth.SecretScanTest").debug("token {} used", "pLAnted5ecretT0ken");
        List<String> lines = CapturedLogs.since(mark);
        assertThat(lines).anySatisfy(line -> assertThat(line).startsWith("DEBUG io.roostcrm.auth.SecretScanTest"));
        List<String> findings = SecretScan.findings(lines, List.of("pLAnted5ecretT0ken"), List.of());
        assertThat(findings).hasSize(1);
        assertThat(findings.get(0)).doesNotContain("pLAnted5ecretT0ken").contains("<secret>");
    }

    @Test
    void aTotpCodeIsFoundAsANumberOfItsOwnOnly() {
        assertThat(SecretScan.findings(List.of("took 91234567 ns", "code=123456", "x"), List.of(),
                List.of("123456"))).hasSize(1).allSatisfy(f -> assertThat(f).doesNotContain("123456"));
    }
}
