package io.zyphos.http.files;

import io.zyphos.http.HeaderName;
import io.zyphos.http.Headers;

/**
 * Which pre-compressed file to send, read from {@code Accept-Encoding} (RFC 9110 §12.5.3).
 *
 * <pre>
 *   Accept-Encoding = #( codings [ weight ] )
 *   codings = content-coding / "identity" / "*"
 *   weight  = OWS ";" OWS "q=" qvalue      qvalue = ( "0" [ "." 0*3DIGIT ] ) / ( "1" [ "." 0*3("0") ] )
 * </pre>
 *
 * <p>A coding is acceptable when it is listed with a weight above 0, or when it is not listed and
 * {@code *} is, with a weight above 0; {@code q=0} means "not acceptable" (§12.4.2). {@code x-gzip}
 * is {@code gzip} (§8.4.1.3). Between br and gzip the higher weight wins, and br on a tie: it is
 * the smaller file. Without the field any coding is acceptable by the letter of §12.5.3, but
 * clients that send none (scripts, {@code curl} without {@code --compressed}) rarely decode
 * anything, so only a coding the client names, or covers with {@code *}, is sent. An element that
 * breaks the grammar is skipped. Allocates nothing.
 */
final class AcceptEncoding {

    static final String BR = "br";
    static final String GZIP = "gzip";

    private static final int UNLISTED = -1;
    private static final int INVALID = -2;

    private AcceptEncoding() {}

    /**
     * {@link #BR}, {@link #GZIP}, or {@code null} for the file as it is, given which siblings exist.
     */
    static String choose(Headers headers, boolean brExists, boolean gzipExists) {
        int br = UNLISTED;
        int gzip = UNLISTED;
        int any = UNLISTED;
        boolean present = false;
        for (int line = 0; line < headers.size(); line++) {
            if (!headers.name(line).equals(HeaderName.ACCEPT_ENCODING)) {
                continue;
            }
            present = true;
            String v = headers.value(line);
            int n = v.length();
            int i = 0;
            while (i < n) {
                char c = v.charAt(i);
                if (c == ' ' || c == '\t' || c == ',') {
                    i++;
                    continue;
                }
                int start = i;
                while (i < n && v.charAt(i) != ',' && v.charAt(i) != ';' && v.charAt(i) != ' ' && v.charAt(i) != '\t') {
                    i++;
                }
                int end = i;
                int q = 1000;
                while (i < n && (v.charAt(i) == ' ' || v.charAt(i) == '\t')) {
                    i++;
                }
                if (i < n && v.charAt(i) == ';') {
                    i++;
                    while (i < n && (v.charAt(i) == ' ' || v.charAt(i) == '\t')) {
                        i++;
                    }
                    int qEnd = i;
                    while (qEnd < n && v.charAt(qEnd) != ',' && v.charAt(qEnd) != ' ' && v.charAt(qEnd) != '\t') {
                        qEnd++;
                    }
                    q = weight(v, i, qEnd);
                    i = qEnd;
                }
                while (i < n && (v.charAt(i) == ' ' || v.charAt(i) == '\t')) {
                    i++;
                }
                if (i < n && v.charAt(i) != ',') {
                    q = INVALID;
                }
                while (i < n && v.charAt(i) != ',') {
                    i++;
                }
                if (q == INVALID) {
                    continue;
                }
                if (is(v, start, end, "br")) {
                    br = q;
                } else if (is(v, start, end, "gzip") || is(v, start, end, "x-gzip")) {
                    gzip = q;
                } else if (is(v, start, end, "*")) {
                    any = q;
                }
            }
        }
        if (!present) {
            return null;
        }
        int brWeight = brExists ? (br == UNLISTED ? any : br) : 0;
        int gzipWeight = gzipExists ? (gzip == UNLISTED ? any : gzip) : 0;
        if (brWeight > 0 && brWeight >= gzipWeight) {
            return BR;
        }
        return gzipWeight > 0 ? GZIP : null;
    }

    /** The qvalue in thousandths from {@code q=...} at {@code v[from, to)}, or {@link #INVALID}. */
    private static int weight(String v, int from, int to) {
        if (to - from < 3 || (v.charAt(from) != 'q' && v.charAt(from) != 'Q') || v.charAt(from + 1) != '=') {
            return INVALID;
        }
        int i = from + 2;
        char lead = v.charAt(i);
        if (lead != '0' && lead != '1') {
            return INVALID;
        }
        int q = (lead - '0') * 1000;
        i++;
        if (i == to) {
            return q;
        }
        if (v.charAt(i) != '.' || to - i > 4) {
            return INVALID;
        }
        int scale = 100;
        for (i++; i < to; i++, scale /= 10) {
            char d = v.charAt(i);
            if (d < '0' || d > '9' || (lead == '1' && d != '0')) {
                return INVALID;
            }
            q += (d - '0') * scale;
        }
        return q;
    }

    private static boolean is(String v, int start, int end, String coding) {
        return end - start == coding.length() && v.regionMatches(true, start, coding, 0, coding.length());
    }
}
