package io.roostcrm.core;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The host's encryption keys, by id: Roost encrypts new data under the {@link #currentKeyId() current key} and
 * records that key's id beside the ciphertext, so that data encrypted under an older key still decrypts after the
 * host rotates to a new one (keep the old key available until everything was re-encrypted). Keys are AES keys of
 * 256 bits; Roost uses them with AES-GCM. The keys never enter the database: the host keeps them (a vault, an HSM,
 * an environment secret) and hands them in here.
 *
 * <p>Used by account security (TOTP secrets, module crm-auth) and meant for the encryption of sensitive fields.
 * Implementations must be thread-safe. {@link #of(String, byte[])} and {@link #of(String, Map)} cover a host that
 * holds its keys in memory.
 */
public interface KeyProvider {

    /** A key id: 1 to 64 letters, digits and {@code . _ -}; it is stored beside every ciphertext. */
    Pattern KEY_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    /** The id of the key new data is encrypted under; {@link #key} must know it. */
    String currentKeyId();

    /**
     * The key with this id, if the host still has it.
     *
     * @return a 256-bit AES key, or empty for an id the host does not know (Roost then refuses to decrypt, with a
     *         {@link CrmConfigurationException} naming the id)
     */
    Optional<SecretKey> key(String keyId);

    /**
     * One key, current. The array is copied.
     *
     * @throws IllegalArgumentException if the id is not a {@link #KEY_ID} or the key is not 32 bytes
     */
    static KeyProvider of(String keyId, byte[] key) {
        return of(keyId, Map.of(Objects.requireNonNull(keyId, "keyId"), Objects.requireNonNull(key, "key")));
    }

    /**
     * Several keys, one of them current (the older ones still decrypt). The arrays are copied.
     *
     * @throws IllegalArgumentException if an id is not a {@link #KEY_ID}, a key is not 32 bytes, or the current id
     *                                  is not among the keys
     */
    static KeyProvider of(String currentKeyId, Map<String, byte[]> keys) {
        Objects.requireNonNull(currentKeyId, "currentKeyId");
        Objects.requireNonNull(keys, "keys");
        Map<String, SecretKey> copied = new java.util.HashMap<>();
        keys.forEach((id, bytes) -> {
            if (!KEY_ID.matcher(id).matches()) {
                throw new IllegalArgumentException("key id '" + id + "' must be 1 to 64 letters, digits, '.', '_' or '-'");
            }
            if (bytes.length != 32) {
                throw new IllegalArgumentException("key '" + id + "' was " + bytes.length
                        + " bytes long but it must be 32 bytes (AES-256)");
            }
            copied.put(id, new SecretKeySpec(bytes.clone(), "AES"));
        });
        if (!copied.containsKey(currentKeyId)) {
            throw new IllegalArgumentException("currentKeyId '" + currentKeyId + "' must be one of the keys given");
        }
        Map<String, SecretKey> frozen = Map.copyOf(copied);
        return new KeyProvider() {
            @Override
            public String currentKeyId() {
                return currentKeyId;
            }

            @Override
            public Optional<SecretKey> key(String keyId) {
                return Optional.ofNullable(frozen.get(keyId));
            }

            @Override
            public String toString() {
                return "KeyProvider[current=" + currentKeyId + ", ids=" + new java.util.TreeSet<>(frozen.keySet()) + "]";
            }
        };
    }
}
