package io.roostcrm.auth.internal;

import org.junit.jupiter.api.Test;

import java.security.SecureRandom;
import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class SecretsTest {

    @Test
    void apiPasswordsAre32CharactersOver62Symbols() { // seed 000 "random 32-character strings"; ASVS 5.0 7.2.3
        Secrets secrets = new Secrets();
        Set<Character> seen = new HashSet<>();
        Set<String> values = new HashSet<>();
        for (int i = 0; i < 2_000; i++) {
            String s = secrets.newSecret();
            assertThat(s).hasSize(32).matches("[A-Za-z0-9]{32}");
            assertThat(Secrets.isWellFormed(s)).isTrue();
            s.chars().forEach(c -> seen.add((char) c));
            values.add(s);
        }
        assertThat(seen).hasSize(62);
        assertThat(values).hasSize(2_000);
        assertThat(32 * Math.log(62) / Math.log(2)).isGreaterThan(190);
    }

    @Test
    void digestsAreSha256AndComparedInConstantTime() { // ASVS 5.0 6.5.2
        byte[] a = Secrets.digest("abc");
        assertThat(a).hasSize(32);
        assertThat(java.util.HexFormat.of().formatHex(a))
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        assertThat(Secrets.sameDigest(a, Secrets.digest("abc"))).isTrue();
        assertThat(Secrets.sameDigest(a, Secrets.digest("abd"))).isFalse();
    }

    @Test
    void wellFormedRejectsOtherLengthsAndAlphabets() {
        assertThat(Secrets.isWellFormed(null)).isFalse();
        assertThat(Secrets.isWellFormed("A".repeat(31))).isFalse();
        assertThat(Secrets.isWellFormed("A".repeat(33))).isFalse();
        assertThat(Secrets.isWellFormed("A".repeat(31) + "-")).isFalse();
        assertThat(Secrets.isWellFormed("A".repeat(31) + "é")).isFalse();
        assertThat(Secrets.isWellFormed("A".repeat(32))).isTrue();
    }

    @Test
    void recoveryCodesNormaliseAsTyped() { // ASVS 5.0 6.5.2: at least 112 bits, since the store keeps SHA-256 digests
        Secrets secrets = new Secrets(new SecureRandom(new byte[] {1}));
        String code = secrets.newRecoveryCode();
        assertThat(code).matches("[a-z2-9]{6}-[a-z2-9]{6}-[a-z2-9]{6}-[a-z2-9]{6}");
        assertThat(Secrets.RECOVERY_LENGTH * Math.log(Secrets.RECOVERY_ALPHABET.length()) / Math.log(2))
                .isGreaterThanOrEqualTo(112);
        assertThat(Secrets.normaliseRecoveryCode(code.toUpperCase().replace("-", " "))).isEqualTo(code.replace("-", ""));
        assertThat(Secrets.normaliseRecoveryCode("short")).isNull();
        assertThat(Secrets.normaliseRecoveryCode(code.substring(0, 26) + "1")).isNull(); // '1' is not in the alphabet
        assertThat(Secrets.normaliseRecoveryCode(code.substring(0, 26))).isNull(); // one character short
    }
}
