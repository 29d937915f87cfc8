package io.zyphos.http2.server;

/**
 * The Priority Field Value of RFC 9218 §4 and §5: a Structured Field Dictionary (RFC 8941 §3.2)
 * such as {@code u=1, i}, read into an urgency and an incremental flag, packed in one {@code int}
 * (bits 0-2 the urgency, bit 3 incremental) so that reading one allocates nothing.
 *
 * <p>Rules: {@code u} is an Integer 0 to 7, default 3 (§4.1); {@code i} a Boolean, default false,
 * a bare {@code i} meaning true (§4.2). A parameter of the wrong type or out of range is ignored,
 * leaving its default, and so are unknown keys and parameters ("MUST ignore", §4). A value that is
 * not a dictionary at all is ignored whole (RFC 8941 §4.2: parsing fails, the field is ignored),
 * giving the defaults. A key given twice keeps its last value (RFC 8941 §3.2).
 */
final class PriorityField {

    /** u=3 and not incremental: a request that says nothing (RFC 9218 §4.1, §4.2). */
    static final int DEFAULT = 3;
    static final int DEFAULT_URGENCY = 3;
    private static final int INCREMENTAL = 8;
    private static final int NONE = -1;

    private PriorityField() {}

    static int urgency(int packed) {
        return packed & 7;
    }

    static boolean incremental(int packed) {
        return (packed & INCREMENTAL) != 0;
    }

    static int of(int urgency, boolean incremental) {
        return urgency | (incremental ? INCREMENTAL : 0);
    }

    /** The priority {@code value} gives, or {@link #DEFAULT} when it is null or not a dictionary. */
    static int parse(CharSequence value) {
        if (value == null) {
            return DEFAULT;
        }
        Reader r = new Reader(value);
        int result = r.dictionary();
        return result == NONE ? DEFAULT : result;
    }

    /** A one-pass reader of the dictionary; the JIT keeps it off the heap (it never escapes). */
    private static final class Reader {
        private final CharSequence s;
        private int pos;
        private int urgency = DEFAULT_URGENCY;
        private boolean incremental;

        Reader(CharSequence s) {
            this.s = s;
        }

        int dictionary() {
            skip(' ');
            skip('\t');
            while (pos < s.length()) {
                if (!member()) {
                    return NONE;
                }
                skipOws();
                if (pos == s.length()) {
                    break;
                }
                if (s.charAt(pos++) != ',') {
                    return NONE;
                }
                skipOws();
                if (pos == s.length()) {
                    return NONE;    // a trailing comma (RFC 8941 §4.2.2)
                }
            }
            return of(urgency, incremental);
        }

        private boolean member() {
            int keyStart = pos;
            if (!key()) {
                return false;
            }
            boolean isU = pos - keyStart == 1 && s.charAt(keyStart) == 'u';
            boolean isI = pos - keyStart == 1 && s.charAt(keyStart) == 'i';
            if (pos < s.length() && s.charAt(pos) == '=') {
                pos++;
                if (pos < s.length() && s.charAt(pos) == '(') {
                    if (!innerList()) {
                        return false;
                    }
                    return parameters();
                }
                char first = pos < s.length() ? s.charAt(pos) : 0;
                if (first == '-' || isDigit(first)) {
                    long n = integer();
                    if (n == Long.MIN_VALUE) {
                        return false;
                    }
                    if (isU && n >= 0 && n <= 7) {
                        urgency = (int) n;
                    }
                } else if (first == '?') {
                    int b = bool();
                    if (b < 0) {
                        return false;
                    }
                    if (isI) {
                        incremental = b == 1;
                    }
                } else if (!otherBareItem()) {
                    return false;
                }
            } else if (isI) {
                incremental = true;     // a bare key is the Boolean true (RFC 8941 §3.2)
            }
            return parameters();
        }

        private boolean key() {
            if (pos >= s.length()) {
                return false;
            }
            char c = s.charAt(pos);
            if (!(isLcAlpha(c) || c == '*')) {
                return false;
            }
            pos++;
            while (pos < s.length()) {
                c = s.charAt(pos);
                if (!(isLcAlpha(c) || isDigit(c) || c == '_' || c == '-' || c == '.' || c == '*')) {
                    break;
                }
                pos++;
            }
            return true;
        }

        /** {@code ;key[=item]} parameters, read and ignored: RFC 9218 defines none. */
        private boolean parameters() {
            while (pos < s.length() && s.charAt(pos) == ';') {
                pos++;
                skip(' ');
                if (!key()) {
                    return false;
                }
                if (pos < s.length() && s.charAt(pos) == '=') {
                    pos++;
                    if (!bareItem()) {
                        return false;
                    }
                }
            }
            return true;
        }

        private boolean innerList() {
            pos++;
            while (true) {
                skip(' ');
                if (pos >= s.length()) {
                    return false;
                }
                if (s.charAt(pos) == ')') {
                    pos++;
                    return true;
                }
                if (!bareItem() || !parameters()) {
                    return false;
                }
                if (pos < s.length() && s.charAt(pos) != ' ' && s.charAt(pos) != ')') {
                    return false;
                }
            }
        }

        private boolean bareItem() {
            char first = pos < s.length() ? s.charAt(pos) : 0;
            if (first == '-' || isDigit(first)) {
                return integer() != Long.MIN_VALUE;
            }
            if (first == '?') {
                return bool() >= 0;
            }
            return otherBareItem();
        }

        /** A Decimal's fraction, a String, a Token or a Byte Sequence: skipped, checked only for shape. */
        private boolean otherBareItem() {
            if (pos >= s.length()) {
                return false;
            }
            char c = s.charAt(pos);
            if (c == '"') {
                for (pos++; pos < s.length(); pos++) {
                    char d = s.charAt(pos);
                    if (d == '\\') {
                        pos++;
                    } else if (d == '"') {
                        pos++;
                        return true;
                    } else if (d < 0x20 || d > 0x7E) {
                        return false;
                    }
                }
                return false;
            }
            if (c == ':') {
                int end = indexOf(':', pos + 1);
                if (end < 0) {
                    return false;
                }
                pos = end + 1;
                return true;
            }
            if (isAlpha(c) || c == '*') {
                for (pos++; pos < s.length(); pos++) {
                    char d = s.charAt(pos);
                    if (!(d > 0x20 && d < 0x7F && d != ',' && d != ';' && d != '=' && d != '(' && d != ')' && d != '"')) {
                        break;
                    }
                }
                return true;
            }
            return false;
        }

        /** An Integer (or a Decimal, whose fraction is read and dropped); {@link Long#MIN_VALUE} if malformed. */
        private long integer() {
            boolean negative = s.charAt(pos) == '-';
            if (negative) {
                pos++;
            }
            long n = 0;
            int digits = 0;
            while (pos < s.length() && isDigit(s.charAt(pos)) && digits < 16) {
                n = n * 10 + (s.charAt(pos++) - '0');
                digits++;
            }
            if (digits == 0 || digits > 15) {
                return Long.MIN_VALUE;
            }
            if (pos < s.length() && s.charAt(pos) == '.') {
                pos++;
                int fraction = 0;
                while (pos < s.length() && isDigit(s.charAt(pos))) {
                    pos++;
                    fraction++;
                }
                // A Decimal is no Integer: "u=1.0" leaves the default (RFC 9218 §4.1).
                return fraction == 0 || fraction > 3 ? Long.MIN_VALUE : -1;
            }
            return negative ? -n : n;
        }

        /** 1 for ?1, 0 for ?0, -1 if malformed. */
        private int bool() {
            if (pos + 1 >= s.length()) {
                return -1;
            }
            char c = s.charAt(pos + 1);
            pos += 2;
            return c == '1' ? 1 : c == '0' ? 0 : -1;
        }

        private int indexOf(char c, int from) {
            for (int i = from; i < s.length(); i++) {
                if (s.charAt(i) == c) {
                    return i;
                }
            }
            return -1;
        }

        private void skip(char c) {
            while (pos < s.length() && s.charAt(pos) == c) {
                pos++;
            }
        }

        private void skipOws() {
            while (pos < s.length() && (s.charAt(pos) == ' ' || s.charAt(pos) == '\t')) {
                pos++;
            }
        }

        private static boolean isDigit(char c) {
            return c >= '0' && c <= '9';
        }

        private static boolean isLcAlpha(char c) {
            return c >= 'a' && c <= 'z';
        }

        private static boolean isAlpha(char c) {
            return isLcAlpha(c) || (c >= 'A' && c <= 'Z');
        }
    }
}
