package io.roostcrm.store.fluentcrm.internal.mapping;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** PHP's {@code md5()}: FluentCRM keeps {@code hash = md5(email)} on every contact (schema §2). */
public final class Md5 {

    private Md5() {
    }

    /** The lower-case hex MD5 of the UTF-8 bytes of a text. */
    public static String hex(String text) {
        try {
            MessageDigest md = MessageDigest.getInstance("MD5");
            return HexFormat.of().formatHex(md.digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform provides MD5", e);
        }
    }
}
