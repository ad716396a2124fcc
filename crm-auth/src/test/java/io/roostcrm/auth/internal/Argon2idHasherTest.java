package io.roostcrm.auth.internal;

import io.roostcrm.auth.Argon2Parameters;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class Argon2idHasherTest {

    private static final Argon2idHasher HASHER = new Argon2idHasher(Argon2Parameters.OWASP_MINIMUM);

    @Test
    void hashesAreArgon2idPhcStringsWithTheirParameters() { // OWASP Password Storage; ASVS 4.0.3 2.4.1, 2.4.2
        String hash = HASHER.hash("correct horse battery staple");
        assertThat(hash).startsWith("$argon2id$v=19$m=19456,t=2,p=1$");
        assertThat(HASHER.hash("correct horse battery staple")).isNotEqualTo(hash); // a fresh salt each time
        assertThat(HASHER.verify(hash, "correct horse battery staple")).isTrue();
        assertThat(HASHER.verify(hash, "correct horse battery stapl")).isFalse();
        assertThat(hash).doesNotContain("correct horse");
    }

    @Test
    void raisedParametersAskForARehash() { // OWASP: re-hash on next successful login
        String weak = HASHER.hash("correct horse battery staple");
        Argon2idHasher stronger = new Argon2idHasher(new Argon2Parameters(19_456, 3, 1));
        assertThat(HASHER.needsRehash(weak)).isFalse();
        assertThat(stronger.needsRehash(weak)).isTrue();
        assertThat(stronger.verify(weak, "correct horse battery staple")).isTrue(); // old hashes still verify
        assertThat(HASHER.needsRehash("$argon2i$v=19$m=19456,t=2,p=1$c2FsdHNhbHQ$aGFzaGhhc2g")).isTrue();
        assertThat(HASHER.needsRehash("not a hash")).isTrue();
    }

    @Test
    void passwordsAreBoundedTo1024Utf8BytesBeforeHashing() { // issue 11 item 3; ASVS 4.0.3 2.1.3 (no truncation)
        assertThat(Argon2idHasher.encode("a".repeat(1_024))).hasSize(1_024);
        assertThat(Argon2idHasher.encode("a".repeat(1_025))).isNull();
        assertThat(Argon2idHasher.encode("é".repeat(513))).isNull(); // 1,026 bytes in 513 chars
        assertThat(Argon2idHasher.encode("x".repeat(10_000))).isNull();
        assertThatThrownBy(() -> HASHER.hash("x".repeat(10_000))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageNotContaining("xxxx");
        String hash = HASHER.hash("a".repeat(1_024));
        assertThat(HASHER.verify(hash, "a".repeat(1_024) + "b")).isFalse(); // never truncated to match
    }

    @Test
    void aNonPhcStoredValueNeverMatches() {
        assertThat(HASHER.verify("plaintext", "plaintext")).isFalse();
    }

    @Test
    void parametersBelowOwaspMinimumAreRefusedNamingTheParameter() { // ASVS 5.0 11.4.2
        assertThatThrownBy(() -> new Argon2Parameters(4_096, 2, 1)).hasMessageContaining("memoryKiB was 4096");
        assertThatThrownBy(() -> new Argon2Parameters(19_456, 1, 1)).hasMessageContaining("iterations was 1");
        assertThatThrownBy(() -> new Argon2Parameters(19_456, 2, 0)).hasMessageContaining("parallelism was 0");
    }
}
