package io.roostcrm.auth;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.regex.Pattern;

/** Finds the secrets a test used in what it saw (issue 11 item 11): events, results, exceptions, log lines. */
final class SecretScan {

    private SecretScan() {
    }

    /**
     * Which texts hold a secret: each secret anywhere in a text; each TOTP code (digits) only as a number of its own,
     * since six digits may appear by chance inside a longer number. A finding names the text's start, never the
     * secret itself (the report must not leak what it looks for).
     */
    static List<String> findings(Collection<String> texts, Collection<String> secrets, Collection<String> codes) {
        List<String> findings = new ArrayList<>();
        List<Pattern> codePatterns = codes.stream()
                .map(code -> Pattern.compile("(?<![0-9])" + Pattern.quote(code) + "(?![0-9])")).toList();
        for (String text : texts) {
            int index = 0;
            for (String secret : secrets) {
                index++;
                if (!secret.isEmpty() && text.contains(secret)) {
                    findings.add("secret #" + index + " in: " + start(text, secret));
                }
            }
            index = 0;
            for (Pattern code : codePatterns) {
                index++;
                if (code.matcher(text).find()) {
                    findings.add("TOTP code #" + index + " in: " + start(text, null));
                }
            }
        }
        return findings;
    }

    private static String start(String text, String secret) {
        String shown = secret == null ? text : text.replace(secret, "<secret>");
        shown = shown.replaceAll("[0-9]{6,8}", "<digits>");
        return shown.length() > 160 ? shown.substring(0, 160) + "..." : shown;
    }
}
