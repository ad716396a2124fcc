package io.roostcrm.tck.service;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Page cursors as the service writes them, for tests that must get past the signature to reach the checks behind
 * it: URL-safe base64 of the JSON document, a dot, and URL-safe base64 of the first 16 bytes of HMAC-SHA256 over
 * {@code "roost-cursor-1"}, the user id (8 bytes, big-endian) and the document, under the deployment's key.
 */
final class SignedCursors {

    /** The cursor secret of the {@code Crm} the kit builds to sign cursors with (never a real deployment's). */
    static final byte[] SECRET = "roost-tck-cursor-secret-0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    private SignedCursors() {
    }

    /** A cursor with this document, signed for this user with {@link #SECRET}. */
    static String signed(String json, long userId) {
        byte[] document = json.getBytes(StandardCharsets.UTF_8);
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(SECRET, "HmacSHA256"));
            mac.update("roost-cursor-1".getBytes(StandardCharsets.US_ASCII));
            mac.update(ByteBuffer.allocate(Long.BYTES).putLong(userId).array());
            byte[] tag = Arrays.copyOf(mac.doFinal(document), 16);
            return unsigned(json) + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(tag);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The document alone, as cursors were before they were signed. */
    static String unsigned(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    /** The document of a cursor the service made. */
    static String document(String cursor) {
        int dot = cursor.indexOf('.');
        return new String(Base64.getUrlDecoder().decode(dot < 0 ? cursor : cursor.substring(0, dot)),
                StandardCharsets.UTF_8);
    }

    /** A one-key cursor document: the sort key, its direction, the value's tag and text, and the row id. */
    static String oneKey(String field, String direction, String tag, String text, long id) {
        return "{\"k\":[[\"" + field + "\",\"" + direction + "\",\"" + tag + "\","
                + (text == null ? "null" : "\"" + text + "\"") + "]],\"i\":" + id + "}";
    }
}
