package io.roostcrm.auth.internal;

import io.roostcrm.core.CrmAuthenticationException;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Objects;

/**
 * An HTTP Basic {@code Authorization} header, parsed per RFC 7617: the scheme {@code Basic} (any case), one or more
 * spaces, then base64 of {@code user-id ":" password} in UTF-8. The user-id ends at the first colon; the password
 * is everything after it, colons included. Control characters are refused (RFC 7617 §2). Every malformed header
 * (empty, over 8 KiB, another scheme, bad base64, not UTF-8, no colon, empty user-id) is a
 * {@link CrmAuthenticationException}, never an unchecked exception. The password is never in {@link #toString()}.
 *
 * @param login    the user-id
 * @param password the password
 */
public record BasicCredentials(String login, String password) {

    /** The longest header accepted, in characters. */
    public static final int MAX_HEADER_LENGTH = 8 * 1_024;

    /** Checks the components. */
    public BasicCredentials {
        Objects.requireNonNull(login, "login");
        Objects.requireNonNull(password, "password");
    }

    /**
     * Parses a header value.
     *
     * @throws CrmAuthenticationException if it is not a well-formed Basic credential
     */
    public static BasicCredentials parse(String header) {
        if (header == null || header.isEmpty() || header.length() > MAX_HEADER_LENGTH) {
            throw new CrmAuthenticationException();
        }
        if (header.length() < 6 || !header.regionMatches(true, 0, "Basic", 0, 5) || header.charAt(5) != ' ') {
            throw new CrmAuthenticationException();
        }
        int start = 6;
        while (start < header.length() && header.charAt(start) == ' ') {
            start++;
        }
        int end = header.length();
        while (end > start && header.charAt(end - 1) == ' ') {
            end--;
        }
        if (start == end) {
            throw new CrmAuthenticationException();
        }
        byte[] decoded;
        try {
            decoded = Base64.getDecoder().decode(header.substring(start, end));
        } catch (IllegalArgumentException e) {
            throw new CrmAuthenticationException();
        }
        String userPass;
        try {
            userPass = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(decoded)).toString();
        } catch (CharacterCodingException e) {
            throw new CrmAuthenticationException();
        } finally {
            java.util.Arrays.fill(decoded, (byte) 0);
        }
        int colon = userPass.indexOf(':');
        if (colon <= 0) {
            throw new CrmAuthenticationException();
        }
        for (int i = 0; i < userPass.length(); i++) {
            char c = userPass.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                throw new CrmAuthenticationException();
            }
        }
        return new BasicCredentials(userPass.substring(0, colon), userPass.substring(colon + 1));
    }

    /** Never shows the password. */
    @Override
    public String toString() {
        return "BasicCredentials[login=" + login + ", password=<redacted>]";
    }

}
