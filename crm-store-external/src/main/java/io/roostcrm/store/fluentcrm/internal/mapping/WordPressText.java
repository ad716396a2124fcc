package io.roostcrm.store.fluentcrm.internal.mapping;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What WordPress's input sanitizers (WordPress 6.1 {@code wp-includes/formatting.php}) make of a text, so that the
 * store can tell whether a value Roost writes survives FluentCRM's next save unchanged. FluentCRM passes subscriber
 * text columns and note titles through {@code sanitize_text_field}, the e-mail through {@code sanitize_email}
 * ({@code Sanitize::contact}, {@code Sanitize::contactNote}); custom text values are treated the same way, text areas
 * with {@code sanitize_textarea_field}, which keeps line breaks and tabs.
 *
 * <p>{@code sanitize_text_field}: invalid UTF-8 gives {@code ''}; if the text contains {@code <}, a {@code <} that
 * does not start a tag is escaped ({@code wp_pre_kses_less_than}) and every tag is stripped, with the content of
 * {@code script} and {@code style} elements ({@code wp_strip_all_tags}: PHP's {@code strip_tags}); runs of line breaks,
 * tabs and spaces become one space; leading and trailing whitespace is trimmed; percent-encoded octets
 * ({@code %[a-f0-9]{2}}, any case) are removed.
 */
public final class WordPressText {

    /** A WordPress sanitizer; its name is the rule a refused value breaks. */
    public enum Sanitizer {
        /** {@code sanitize_text_field}. */
        TEXT_FIELD("sanitize_text_field"),
        /** {@code sanitize_textarea_field}: as {@code sanitize_text_field}, keeping line breaks and tabs. */
        TEXTAREA_FIELD("sanitize_textarea_field"),
        /** {@code sanitize_email}. */
        EMAIL("sanitize_email");

        private final String rule;

        Sanitizer(String rule) {
            this.rule = rule;
        }

        /** The WordPress function's name, used as the rule id of a refused value. */
        public String rule() {
            return rule;
        }

        /** What WordPress makes of a text. */
        public String apply(String text) {
            return switch (this) {
                case TEXT_FIELD -> sanitize(text, false);
                case TEXTAREA_FIELD -> sanitize(text, true);
                case EMAIL -> sanitizeEmail(text);
            };
        }

        /**
         * Why WordPress would change a text, as a message detail that never echoes the text; empty if it survives.
         */
        public Optional<String> change(String text) {
            if (apply(text).equals(text)) {
                return Optional.empty();
            }
            if (!isValidUnicode(text)) {
                return Optional.of("must be valid Unicode (FluentCRM's tables hold UTF-8)");
            }
            String why = this == EMAIL ? emailChange(text) : textChange(text, this == TEXTAREA_FIELD);
            return Optional.of(why + " (FluentCRM's next save passes it through WordPress's " + rule + ")");
        }
    }

    private static final String PHP_TRIM = " \t\n\r\0\u000B";
    private static final Pattern WHITESPACE_RUN = Pattern.compile("[\r\n\t ]+");
    private static final Pattern SPACE_RUN = Pattern.compile(" +");
    private static final Pattern OCTET = Pattern.compile("%[a-f0-9]{2}", Pattern.CASE_INSENSITIVE);
    /** {@code wp_pre_kses_less_than}: a {@code <} up to the next {@code <}, {@code >} or the end (PHP's {@code $}). */
    private static final Pattern LESS_THAN = Pattern.compile("<[^>]*?(?:(?=<)|>|(?=\n?\\z))");
    private static final Pattern SCRIPT_OR_STYLE = Pattern.compile("<(script|style)[^>]*?>.*?</\\1>",
            Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
    private static final Pattern ENTITY = Pattern.compile("&(?:#[0-9]+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);");
    private static final Pattern EMAIL_LOCAL_INVALID = Pattern.compile("[^a-zA-Z0-9!#$%&'*+/=?^_`{|}~.-]");
    private static final Pattern EMAIL_SUB_INVALID = Pattern.compile("[^a-z0-9-]+", Pattern.CASE_INSENSITIVE);
    private static final Pattern PERIODS = Pattern.compile("\\.{2,}");

    private WordPressText() {
    }

    /** {@code sanitize_text_field}. */
    public static String sanitizeTextField(String text) {
        return sanitize(text, false);
    }

    /** {@code _sanitize_text_fields($str, $keep_newlines)}. */
    private static String sanitize(String str, boolean keepNewlines) {
        if (!isValidUnicode(str)) {
            return "";
        }
        String filtered = str;
        if (filtered.indexOf('<') >= 0) {
            filtered = preKsesLessThan(filtered);
            filtered = stripAllTags(filtered);
            filtered = filtered.replace("<\n", "&lt;\n");
        }
        if (!keepNewlines) {
            filtered = WHITESPACE_RUN.matcher(filtered).replaceAll(" ");
        }
        filtered = trim(filtered, PHP_TRIM);
        boolean found = false;
        for (Matcher m = OCTET.matcher(filtered); m.find(); m = OCTET.matcher(filtered)) {
            filtered = filtered.replace(m.group(), "");
            found = true;
        }
        if (found) {
            filtered = trim(SPACE_RUN.matcher(filtered).replaceAll(" "), PHP_TRIM);
        }
        return filtered;
    }

    private static String textChange(String text, boolean keepNewlines) {
        if (text.indexOf('<') >= 0) {
            return "must not contain '<' (WordPress strips tags and escapes a '<' that starts none)";
        }
        if (!keepNewlines && WHITESPACE_RUN.matcher(text).results().anyMatch(r -> !r.group().equals(" "))) {
            return "must be one line of text without tabs or runs of spaces (WordPress makes them one space)";
        }
        if (!text.isEmpty() && (PHP_TRIM.indexOf(text.charAt(0)) >= 0
                || PHP_TRIM.indexOf(text.charAt(text.length() - 1)) >= 0)) {
            return "must not start or end with whitespace (WordPress trims it)";
        }
        if (OCTET.matcher(text).find()) {
            return "must not contain percent-encoded octets such as %20 (WordPress removes them)";
        }
        return "must be text WordPress keeps as it is";
    }

    private static String emailChange(String text) {
        return "must be an address WordPress keeps as it is: at least 6 characters, its local part only ASCII"
                + " letters, digits and !#$%&'*+/=?^_`{|}~.-, its domain at least two dot-separated labels of ASCII"
                + " letters, digits and inner hyphens";
    }

    /** Whether a Java string is well-formed UTF-16 (a lone surrogate has no UTF-8 form). */
    public static boolean isValidUnicode(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 >= text.length() || !Character.isLowSurrogate(text.charAt(i + 1))) {
                    return false;
                }
                i++;
            } else if (Character.isLowSurrogate(c)) {
                return false;
            }
        }
        return true;
    }

    private static String preKsesLessThan(String text) {
        Matcher m = LESS_THAN.matcher(text);
        StringBuilder out = new StringBuilder(text.length() + 8);
        while (m.find()) {
            String match = m.group();
            m.appendReplacement(out, Matcher.quoteReplacement(match.indexOf('>') < 0 ? escHtml(match) : match));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** {@code esc_html}: {@code & < > " '} as entities, an entity already there kept. */
    private static String escHtml(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> {
                    Matcher entity = ENTITY.matcher(text).region(i, text.length());
                    out.append(entity.lookingAt() ? "&" : "&amp;");
                }
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#039;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /** {@code wp_strip_all_tags($text, false)}. */
    private static String stripAllTags(String text) {
        return trim(stripTags(SCRIPT_OR_STYLE.matcher(text).replaceAll("")), PHP_TRIM);
    }

    /**
     * PHP's {@code strip_tags} without allowed tags ({@code php_strip_tags_ex}): text outside tags is kept, a
     * {@code <} followed by whitespace is text, tags (quotes inside them respected, nested {@code <} counted),
     * {@code <?...?>}, {@code <!...>} and comments {@code <!--...-->} are removed, and so are NUL characters.
     */
    static String stripTags(String text) {
        StringBuilder out = new StringBuilder(text.length());
        int state = 0;
        int depth = 0;
        char inQuote = 0;
        char last = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            char previous = i > 0 ? text.charAt(i - 1) : 0;
            switch (c) {
                case '\0' -> {
                }
                case '<' -> {
                    if (inQuote != 0) {
                        break;
                    }
                    if (i + 1 < text.length() && isCSpace(text.charAt(i + 1))) {
                        out.append(c);
                        break;
                    }
                    if (state == 0) {
                        last = '<';
                        state = 1;
                    } else if (state == 1) {
                        depth++;
                    }
                }
                case '>' -> {
                    if (depth > 0) {
                        depth--;
                        break;
                    }
                    if (inQuote != 0) {
                        break;
                    }
                    switch (state) {
                        case 0 -> out.append(c);
                        case 1, 3 -> {
                            last = '>';
                            state = 0;
                        }
                        case 2 -> {
                            if (last != '"' && previous == '?') {
                                state = 0;
                            }
                        }
                        default -> {
                            if (i >= 2 && previous == '-' && text.charAt(i - 2) == '-') {
                                state = 0;
                            }
                        }
                    }
                }
                case '"', '\'' -> {
                    if (state == 4) {
                        break;
                    }
                    if (state == 2 && previous != '\\') {
                        if (last == c) {
                            last = 0;
                        } else if (last != '\\') {
                            last = c;
                        }
                    } else if (state == 0) {
                        out.append(c);
                    }
                    if (state != 0 && i > 0 && (state == 1 || previous != '\\') && (inQuote == 0 || c == inQuote)) {
                        inQuote = inQuote != 0 ? 0 : c;
                    }
                }
                case '!' -> {
                    if (state == 1 && previous == '<') {
                        state = 3;
                        last = c;
                    } else if (state == 0) {
                        out.append(c);
                    }
                }
                case '-' -> {
                    if (state == 3 && i >= 2 && previous == '-' && text.charAt(i - 2) == '!') {
                        state = 4;
                    } else if (state == 0) {
                        out.append(c);
                    }
                }
                case '?' -> {
                    if (state == 1 && previous == '<') {
                        state = 2;
                    } else if (state == 0) {
                        out.append(c);
                    }
                }
                default -> {
                    if (state == 0) {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }

    private static boolean isCSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r';
    }

    /** {@code sanitize_email}. */
    static String sanitizeEmail(String email) {
        if (email.getBytes(StandardCharsets.UTF_8).length < 6 || email.indexOf('@', 1) < 0) {
            return "";
        }
        int at = email.indexOf('@', 1);
        String local = EMAIL_LOCAL_INVALID.matcher(email.substring(0, at)).replaceAll("");
        if (local.isEmpty()) {
            return "";
        }
        String domain = PERIODS.matcher(email.substring(at + 1)).replaceAll("");
        domain = trim(domain, PHP_TRIM + ".");
        if (domain.isEmpty()) {
            return "";
        }
        String[] subs = domain.split("\\.", -1);
        if (subs.length < 2) {
            return "";
        }
        StringBuilder kept = new StringBuilder();
        int count = 0;
        for (String sub : subs) {
            String s = EMAIL_SUB_INVALID.matcher(trim(sub, PHP_TRIM + "-")).replaceAll("");
            if (!s.isEmpty()) {
                kept.append(count++ == 0 ? "" : ".").append(s);
            }
        }
        return count < 2 ? "" : local + "@" + kept;
    }

    /** PHP's {@code trim($text, $characters)}. */
    private static String trim(String text, String characters) {
        int start = 0;
        int end = text.length();
        while (start < end && characters.indexOf(text.charAt(start)) >= 0) {
            start++;
        }
        while (end > start && characters.indexOf(text.charAt(end - 1)) >= 0) {
            end--;
        }
        return text.substring(start, end);
    }
}
