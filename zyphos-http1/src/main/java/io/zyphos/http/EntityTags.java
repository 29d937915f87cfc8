package io.zyphos.http;

/**
 * Entity-tag comparison (RFC 9110 §8.8.3) for the conditional fields If-Match, If-None-Match and
 * If-Range, without allocating.
 *
 * <pre>
 *   entity-tag = [ weak ] opaque-tag      weak = %s"W/"
 *   opaque-tag = DQUOTE *etagc DQUOTE     etagc = %x21 / %x23-7E / obs-text
 * </pre>
 *
 * <p>Two comparisons (§8.8.3.2): <b>strong</b>, where both tags must be strong and their
 * opaque-tags identical, and <b>weak</b>, where only the opaque-tags must be identical.
 * {@code W/"1"} and {@code "1"} are a weak match and never a strong one.
 *
 * <p>A field that breaks the grammar matches nothing from the point where it breaks: for If-Match
 * that means 412, for If-None-Match a full response, both the safe outcome.
 *
 * <p>Stateless and thread-safe.
 */
public final class EntityTags {

    private EntityTags() {}

    /**
     * Whether any line of the list field {@code name} ({@code "*" / #entity-tag}) matches
     * {@code current}, an entity-tag such as {@code "5d-1a"}; {@code *} matches any current
     * representation (§13.1.1, §13.1.2).
     *
     * @param strong strong comparison (If-Match) rather than weak (If-None-Match)
     */
    public static boolean listMatches(Headers headers, HeaderName name, String current, boolean strong) {
        for (int i = 0; i < headers.size(); i++) {
            if (headers.name(i).equals(name) && valueMatches(headers.value(i), current, strong)) {
                return true;
            }
        }
        return false;
    }

    /** Whether one field value ({@code "*" / #entity-tag}) holds a tag matching {@code current}. */
    public static boolean valueMatches(String value, String current, boolean strong) {
        int n = value.length();
        int i = 0;
        while (i < n) {
            char c = value.charAt(i);
            if (c == ' ' || c == '\t' || c == ',') {
                i++;
                continue;
            }
            if (c == '*') {
                return true;
            }
            int end = tagEnd(value, i);
            if (end < 0) {
                return false;
            }
            if (compare(value, i, end, current, strong)) {
                return true;
            }
            i = end;
        }
        return false;
    }

    /**
     * Whether {@code value} is exactly one entity-tag that strongly matches {@code current}: the
     * If-Range test (§13.1.5), where a weak tag never matches.
     */
    public static boolean strongMatch(String value, String current) {
        return tagEnd(value, 0) == value.length() && compare(value, 0, value.length(), current, true);
    }

    /** Whether {@code tag} is a well-formed entity-tag. */
    public static boolean isValid(String tag) {
        return !tag.isEmpty() && tagEnd(tag, 0) == tag.length();
    }

    /** Whether {@code tag} starts with {@code W/}. */
    public static boolean isWeak(CharSequence tag) {
        return tag.length() > 1 && tag.charAt(0) == 'W' && tag.charAt(1) == '/';
    }

    /** Where the entity-tag starting at {@code start} ends (exclusive), or -1 if it is malformed. */
    private static int tagEnd(String s, int start) {
        int i = start;
        if (start + 1 < s.length() && s.charAt(start) == 'W' && s.charAt(start + 1) == '/') {
            i += 2;
        }
        if (i >= s.length() || s.charAt(i) != '"') {
            return -1;
        }
        for (i++; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"') {
                return i + 1;
            }
            if (c < 0x21 || c == 0x7F || c > 0xFF) {
                return -1;
            }
        }
        return -1;
    }

    private static boolean compare(String s, int start, int end, String current, boolean strong) {
        boolean weak = s.charAt(start) == 'W';
        boolean currentWeak = isWeak(current);
        if (strong && (weak || currentWeak)) {
            return false;
        }
        int a = weak ? start + 2 : start;
        int b = currentWeak ? 2 : 0;
        int length = end - a;
        return length == current.length() - b && s.regionMatches(a, current, b, length);
    }
}
