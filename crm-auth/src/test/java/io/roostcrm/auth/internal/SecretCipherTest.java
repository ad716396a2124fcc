package io.roostcrm.auth.internal;

import io.roostcrm.core.CrmConfigurationException;
import io.roostcrm.core.KeyProvider;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SecretCipherTest {

    private static byte[] key(int fill) {
        byte[] k = new byte[32];
        java.util.Arrays.fill(k, (byte) fill);
        return k;
    }

    private static final byte[] SECRET = "JBSWY3DPEHPK3PXP-totp-seed".getBytes(StandardCharsets.UTF_8);

    @Test
    void roundTripsUnderTheCurrentKeyAndNamesIt() {
        SecretCipher cipher = new SecretCipher(KeyProvider.of("k1", key(1)));
        String sealed = cipher.encrypt(SECRET, "totp:7");
        assertThat(sealed).startsWith("v1.k1.").doesNotContain("JBSWY3DP");
        assertThat(cipher.encrypt(SECRET, "totp:7")).isNotEqualTo(sealed); // fresh nonce
        assertThat(cipher.decrypt(sealed, "totp:7")).isEqualTo(SECRET);
    }

    @Test
    void aWrongKeyIsATypedError() {
        String sealed = new SecretCipher(KeyProvider.of("k1", key(1))).encrypt(SECRET, "totp:7");
        assertThatThrownBy(() -> new SecretCipher(KeyProvider.of("k1", key(2))).decrypt(sealed, "totp:7"))
                .isInstanceOf(CrmConfigurationException.class).hasMessageContaining("key 'k1'")
                .hasMessageNotContaining(sealed.substring(6));
        assertThatThrownBy(() -> new SecretCipher(KeyProvider.of("k2", key(1))).decrypt(sealed, "totp:7"))
                .isInstanceOf(CrmConfigurationException.class).hasMessageContaining("'k1'");
    }

    @Test
    void aCiphertextMovedToAnotherOwnerDoesNotDecrypt() {
        SecretCipher cipher = new SecretCipher(KeyProvider.of("k1", key(1)));
        String sealed = cipher.encrypt(SECRET, "totp:7");
        assertThatThrownBy(() -> cipher.decrypt(sealed, "totp:8")).isInstanceOf(CrmConfigurationException.class);
        assertThatThrownBy(() -> cipher.decrypt("garbage", "totp:7")).isInstanceOf(CrmConfigurationException.class);
    }

    @Test
    void rotationKeepsOldCiphertextsReadable() {
        String old = new SecretCipher(KeyProvider.of("k1", key(1))).encrypt(SECRET, "a");
        SecretCipher rotated = new SecretCipher(KeyProvider.of("k2", Map.of("k1", key(1), "k2", key(2))));
        assertThat(rotated.decrypt(old, "a")).isEqualTo(SECRET);
        assertThat(rotated.encrypt(SECRET, "a")).startsWith("v1.k2.");
    }

    @Test
    void keyProviderRefusesBadKeysNamingThem() {
        assertThatThrownBy(() -> KeyProvider.of("k1", new byte[16])).hasMessageContaining("key 'k1' was 16 bytes");
        assertThatThrownBy(() -> KeyProvider.of("bad id", key(1))).hasMessageContaining("key id 'bad id'");
        assertThat(KeyProvider.of("k1", key(7)).toString()).doesNotContain("7,");
    }
}
