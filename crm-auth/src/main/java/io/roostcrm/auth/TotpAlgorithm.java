package io.roostcrm.auth;

/** The HMAC behind a TOTP code (RFC 6238 §1.2 allows SHA-1, SHA-256 and SHA-512). */
public enum TotpAlgorithm {
    /** HMAC-SHA-1: what most authenticator apps support. */
    SHA1("HmacSHA1", 20),
    /** HMAC-SHA-256. */
    SHA256("HmacSHA256", 32),
    /** HMAC-SHA-512. */
    SHA512("HmacSHA512", 64);

    private final String jcaName;
    private final int keyBytes;

    TotpAlgorithm(String jcaName, int keyBytes) {
        this.jcaName = jcaName;
        this.keyBytes = keyBytes;
    }

    /** The JCA MAC name. */
    public String jcaName() {
        return jcaName;
    }

    /** The length of a generated secret: the HMAC's output length (RFC 6238 §5.1). */
    public int keyBytes() {
        return keyBytes;
    }
}
