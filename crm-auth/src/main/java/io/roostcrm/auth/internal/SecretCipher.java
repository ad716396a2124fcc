package io.roostcrm.auth.internal;

import io.roostcrm.core.CrmConfigurationException;
import io.roostcrm.core.KeyProvider;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Objects;

/**
 * AES-256-GCM encryption of small secrets (TOTP keys) under the host's {@link KeyProvider}: a random 96-bit nonce
 * per encryption, a 128-bit tag, and associated data that binds a ciphertext to its owner (so a ciphertext copied to
 * another user's row does not decrypt). Written as {@code v1.<keyId>.<base64(nonce || ciphertext)>}. A ciphertext
 * under a key id the provider no longer knows, or one that fails its tag (a wrong key, altered data), is a
 * {@link CrmConfigurationException} naming the key id, never the data. Thread-safe.
 */
public final class SecretCipher {

    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private final KeyProvider keys;
    private final SecureRandom random = new SecureRandom();

    /** Encrypts under these keys. */
    public SecretCipher(KeyProvider keys) {
        this.keys = Objects.requireNonNull(keys, "keys");
    }

    /** Encrypts under the current key, bound to the associated data. */
    public String encrypt(byte[] plaintext, String associatedData) {
        String keyId = keys.currentKeyId();
        SecretKey key = keys.key(keyId).orElseThrow(() -> new CrmConfigurationException(
                "the key provider's current key '" + keyId + "' is not among its keys"));
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(aad(keyId, associatedData));
            byte[] sealed = cipher.doFinal(plaintext);
            byte[] out = ByteBuffer.allocate(NONCE_BYTES + sealed.length).put(nonce).put(sealed).array();
            return "v1." + keyId + "." + Base64.getEncoder().withoutPadding().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new CrmConfigurationException("key '" + keyId + "' cannot encrypt with AES-256-GCM", e);
        }
    }

    /**
     * Decrypts what {@link #encrypt} made with the same associated data.
     *
     * @throws CrmConfigurationException if the key is unknown, wrong, or the data was altered
     */
    public byte[] decrypt(String ciphertext, String associatedData) {
        String[] parts = ciphertext.split("\\.", 3);
        if (parts.length != 3 || !parts[0].equals("v1") || !KeyProvider.KEY_ID.matcher(parts[1]).matches()) {
            throw new CrmConfigurationException("a stored secret is not in Roost's encrypted form");
        }
        String keyId = parts[1];
        SecretKey key = keys.key(keyId).orElseThrow(() -> new CrmConfigurationException(
                "a stored secret is encrypted under key '" + keyId + "', which the key provider does not have"));
        byte[] in;
        try {
            in = Base64.getDecoder().decode(parts[2]);
        } catch (IllegalArgumentException e) {
            throw new CrmConfigurationException("a stored secret is not in Roost's encrypted form");
        }
        if (in.length < NONCE_BYTES + TAG_BITS / 8) {
            throw new CrmConfigurationException("a stored secret is not in Roost's encrypted form");
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, in, 0, NONCE_BYTES));
            cipher.updateAAD(aad(keyId, associatedData));
            return cipher.doFinal(in, NONCE_BYTES, in.length - NONCE_BYTES);
        } catch (AEADBadTagException e) {
            throw new CrmConfigurationException("a stored secret does not decrypt with key '" + keyId
                    + "': the key is wrong or the data was altered");
        } catch (GeneralSecurityException e) {
            throw new CrmConfigurationException("key '" + keyId + "' cannot decrypt with AES-256-GCM", e);
        }
    }

    private static byte[] aad(String keyId, String associatedData) {
        return ("roost.v1|" + keyId + "|" + associatedData).getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "SecretCipher[AES-256-GCM]";
    }
}
