package io.zyphos.http;

/**
 * The character classes of RFC 9110 §5.6.2 (tokens) and §5.5 (field values), as lookup tables.
 * Package-private: the public types validate through it.
 */
final class Tokens {

    private static final boolean[] TCHAR = new boolean[128];

    static {
        // tchar = "!" / "#" / "$" / "%" / "&" / "'" / "*" / "+" / "-" / "." / "^" / "_" / "`" / "|" / "~"
        //       / DIGIT / ALPHA
        for (char c : "!#$%&'*+-.^_`|~".toCharArray()) {
            TCHAR[c] = true;
        }
        for (char c = '0'; c <= '9'; c++) {
            TCHAR[c] = true;
        }
        for (char c = 'a'; c <= 'z'; c++) {
            TCHAR[c] = true;
            TCHAR[c - 'a' + 'A'] = true;
        }
    }

    private Tokens() {}

    static boolean isTchar(int c) {
        return c >= 0 && c < 128 && TCHAR[c];
    }

    /** Whether {@code s} is a non-empty token (RFC 9110 §5.6.2). */
    static boolean isToken(CharSequence s) {
        int n = s.length();
        if (n == 0) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            if (!isTchar(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /**
     * Where {@code value} breaks the field-value grammar of RFC 9110 §5.5, or -1 if it does not.
     * {@code field-value = *field-content}, where field-content is visible characters and obs-text
     * (0x80-0xFF) with single spaces or tabs inside, never at either end. CR, LF and NUL are the
     * response-splitting characters the RFC calls dangerous; the other controls are invalid too.
     * Characters above 0xFF cannot be sent as one octet each and are refused.
     */
    static int invalidFieldValueIndex(CharSequence value) {
        int n = value.length();
        for (int i = 0; i < n; i++) {
            char c = value.charAt(i);
            boolean ws = c == ' ' || c == '\t';
            if (ws ? (i == 0 || i == n - 1) : (c < 0x21 || c == 0x7F || c > 0xFF)) {
                return i;
            }
        }
        return -1;
    }

    static char lower(char c) {
        return c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c;
    }
}
