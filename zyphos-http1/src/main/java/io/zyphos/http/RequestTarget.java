package io.zyphos.http;

import java.util.Objects;

/**
 * A request-target (RFC 9112 §3.2), validated, with the path a router and a file handler can trust.
 *
 * <h2>Forms</h2>
 * <ul>
 *   <li><b>origin-form</b> (RFC 9112 §3.2.1), what nearly every request uses:
 *       {@code absolute-path [ "?" query ]}, where {@code absolute-path = 1*( "/" segment )}.</li>
 *   <li><b>absolute-form</b> (RFC 9112 §3.2.2), which a server must accept although only proxies
 *       are sent it: {@code http://authority/path?query}; only {@code http} and {@code https}.</li>
 *   <li><b>asterisk-form</b> (RFC 9112 §3.2.4): {@code *}, for a server-wide OPTIONS.</li>
 * </ul>
 * The authority-form of CONNECT (RFC 9112 §3.2.3) names a tunnel, not a resource, and is not parsed
 * here. A fragment ({@code #}) is never part of a request-target: it is a 400.
 *
 * <h2>The decoded path</h2>
 * {@link #path()} is what routing sees, built in three steps:
 * <ol>
 *   <li>Every character must be a {@code pchar} or {@code /} (RFC 3986 §3.3); a backslash, a space,
 *       a control or a non-ASCII byte is a 400, and so is a malformed escape (RFC 3986 §2.1).</li>
 *   <li>The path is cut into segments at {@code /}, then each segment is percent-decoded on its
 *       own (RFC 3986 §2.4). A decoded {@code /} or {@code %} stays written as {@code %2F} or
 *       {@code %25}, so every {@code /} in {@link #path()} separates two segments and no text can
 *       be read two ways. A decoded NUL, other control or backslash is a 400: no resource name
 *       needs them, and on a file system they truncate or separate paths.</li>
 *   <li>Dot segments are removed (RFC 3986 §5.2.4), after decoding, so {@code %2e%2e} is
 *       {@code ..} (RFC 3986 §2.3: an escaped unreserved character is that character). The
 *       algorithm never climbs above the root: {@code /../x} and {@code /a/../../x} are {@code /x}.</li>
 * </ol>
 *
 * <p>The query is kept raw (its escapes were checked); {@link QueryParameters} decodes it when asked.
 *
 * <p>Immutable and thread-safe.
 */
public final class RequestTarget {

    /** Which form of RFC 9112 §3.2 the target was sent in. */
    public enum Form { ORIGIN, ABSOLUTE, ASTERISK }

    private static final RequestTarget ASTERISK = new RequestTarget(Form.ASTERISK, "*", null, "*", null, "*");

    /** RFC 3986 §2.3 unreserved, §2.2 sub-delims, plus ":" and "@": the pchar set without pct-encoded. */
    private static final boolean[] PCHAR = new boolean[128];
    /** The characters an authority may hold (RFC 3986 §3.2), without pct-encoded. */
    private static final boolean[] AUTHORITY = new boolean[128];

    static {
        for (char c = 'a'; c <= 'z'; c++) {
            PCHAR[c] = true;
            PCHAR[c - 'a' + 'A'] = true;
        }
        for (char c = '0'; c <= '9'; c++) {
            PCHAR[c] = true;
        }
        for (char c : "-._~!$&'()*+,;=:@".toCharArray()) {
            PCHAR[c] = true;
        }
        System.arraycopy(PCHAR, 0, AUTHORITY, 0, 128);
        AUTHORITY['['] = true;
        AUTHORITY[']'] = true;
    }

    private final Form form;
    private final String raw;
    private final String authority;
    private final String rawPath;
    private final String rawQuery;
    private final String path;

    private RequestTarget(Form form, String raw, String authority, String rawPath, String rawQuery, String path) {
        this.form = form;
        this.raw = raw;
        this.authority = authority;
        this.rawPath = rawPath;
        this.rawQuery = rawQuery;
        this.path = path;
    }

    /**
     * Parses and validates a request-target as it came on the request line.
     *
     * @throws HttpException 400 Bad Request, saying what is wrong and where
     */
    public static RequestTarget parse(String raw) {
        Objects.requireNonNull(raw, "raw");
        if (raw.isEmpty()) {
            throw HttpException.badRequest("empty request-target (RFC 9112 §3.2)");
        }
        if (raw.equals("*")) {
            return ASTERISK;
        }
        if (raw.charAt(0) == '/') {
            return parsePathAndQuery(Form.ORIGIN, raw, null, 0);
        }
        return parseAbsolute(raw);
    }

    private static RequestTarget parseAbsolute(String raw) {
        int schemeEnd = raw.indexOf("://");
        String scheme = schemeEnd < 0 ? "" : raw.substring(0, schemeEnd);
        if (!scheme.equalsIgnoreCase("http") && !scheme.equalsIgnoreCase("https")) {
            throw HttpException.badRequest("request-target must start with '/' (origin-form, RFC 9112 §3.2.1)"
                    + " or be an http or https URI (absolute-form, RFC 9112 §3.2.2)");
        }
        int authorityStart = schemeEnd + 3;
        int i = authorityStart;
        while (i < raw.length() && raw.charAt(i) != '/' && raw.charAt(i) != '?' && raw.charAt(i) != '#') {
            char c = raw.charAt(i);
            if (c == '%') {
                PercentEncoding.escapedOctet(raw, i, raw.length());
                i += 2;
            } else if (c >= 128 || !AUTHORITY[c]) {
                throw invalidCharacter(raw, i, "authority (RFC 3986 §3.2)");
            }
            i++;
        }
        if (i == authorityStart) {
            throw HttpException.badRequest("an http URI must have a host (RFC 9110 §4.2.1)");
        }
        String authority = raw.substring(authorityStart, i);
        if (i == raw.length() || raw.charAt(i) != '/') {
            // An empty path in absolute-form means "/" (RFC 9112 §3.2.1, RFC 3986 §6.2.3).
            String rest = raw.substring(i);
            return parsePathAndQuery(Form.ABSOLUTE, raw, authority, "/" + rest, 0);
        }
        return parsePathAndQuery(Form.ABSOLUTE, raw, authority, i);
    }

    private static RequestTarget parsePathAndQuery(Form form, String raw, String authority, int from) {
        return parsePathAndQuery(form, raw, authority, raw, from);
    }

    private static RequestTarget parsePathAndQuery(Form form, String raw, String authority, String s, int from) {
        int n = s.length();
        int i = from;
        boolean escapes = false;
        for (; i < n; i++) {
            char c = s.charAt(i);
            if (c == '?') {
                break;
            }
            if (c == '%') {
                PercentEncoding.escapedOctet(s, i, n);
                escapes = true;
                i += 2;
            } else if (c != '/' && (c >= 128 || !PCHAR[c])) {
                throw invalidCharacter(s, i, "path (RFC 3986 §3.3)");
            }
        }
        String rawPath = s.substring(from, i);
        String rawQuery = null;
        if (i < n) {
            for (int q = i + 1; q < n; q++) {
                char c = s.charAt(q);
                if (c == '%') {
                    PercentEncoding.escapedOctet(s, q, n);
                    q += 2;
                } else if (c != '/' && c != '?' && (c >= 128 || !PCHAR[c])) {
                    throw invalidCharacter(s, q, "query (RFC 3986 §3.4)");
                }
            }
            rawQuery = s.substring(i + 1);
        }
        String decoded = escapes ? decodeSegments(rawPath) : rawPath;
        return new RequestTarget(form, raw, authority, rawPath, rawQuery, removeDotSegments(decoded));
    }

    private static HttpException invalidCharacter(String s, int i, String where) {
        char c = s.charAt(i);
        String shown = c == '#' ? "'#': a fragment is not sent in a request-target (RFC 9112 §3.2)"
                : c > 0x20 && c < 0x7F ? "'" + c + "'" : "0x" + Integer.toHexString(c);
        return HttpException.badRequest("invalid character " + shown + " at " + i + " in the " + where);
    }

    /** Decodes each segment of a validated raw path on its own; see the class documentation, step 2. */
    private static String decodeSegments(String rawPath) {
        StringBuilder out = new StringBuilder(rawPath.length());
        byte[] octets = new byte[rawPath.length()];
        int segmentStart = 0;
        while (segmentStart <= rawPath.length()) {
            int slash = rawPath.indexOf('/', segmentStart);
            int end = slash < 0 ? rawPath.length() : slash;
            int n = 0;
            for (int i = segmentStart; i < end; i++) {
                char c = rawPath.charAt(i);
                if (c != '%') {
                    octets[n++] = (byte) c;
                    continue;
                }
                int octet = PercentEncoding.escapedOctet(rawPath, i, end);
                i += 2;
                if (octet == '/' || octet == '%') {
                    octets[n++] = '%';
                    octets[n++] = '2';
                    octets[n++] = (byte) (octet == '/' ? 'F' : '5');
                } else if (octet < 0x20 || octet == 0x7F || octet == '\\') {
                    throw HttpException.badRequest("the path decodes to a forbidden character 0x"
                            + Integer.toHexString(octet) + " at " + (i - 2) + " (NUL, control or backslash)");
                } else {
                    octets[n++] = (byte) octet;
                }
            }
            out.append(PercentEncoding.utf8(octets, n));
            if (slash < 0) {
                break;
            }
            out.append('/');
            segmentStart = slash + 1;
        }
        return out.toString();
    }

    /**
     * Removes the {@code .} and {@code ..} segments of a path: the algorithm of RFC 3986 §5.2.4,
     * step by step. A path without dot segments is returned as is.
     */
    public static String removeDotSegments(String path) {
        if (!hasDotSegment(path)) {
            return path;
        }
        StringBuilder output = new StringBuilder(path.length());
        String input = path;
        int i = 0;
        while (i < input.length()) {
            if (input.startsWith("../", i)) {
                // A. remove a leading "../" or "./"
                i += 3;
            } else if (input.startsWith("./", i)) {
                i += 2;
            } else if (input.startsWith("/./", i)) {
                // B. replace a leading "/./" or a final "/." with "/"
                i += 2;
            } else if (input.length() - i == 2 && input.startsWith("/.", i)) {
                input = "/";
                i = 0;
            } else if (input.startsWith("/../", i) || (input.length() - i == 3 && input.startsWith("/..", i))) {
                // C. replace "/../" or a final "/.." with "/", and drop the last output segment
                if (input.length() - i == 3) {
                    input = "/";
                    i = 0;
                } else {
                    i += 3;
                }
                int last = output.lastIndexOf("/");
                output.setLength(Math.max(last, 0));
            } else if (input.length() - i <= 2 && (input.startsWith(".", i) && (input.length() - i == 1
                    || input.charAt(i + 1) == '.'))) {
                // D. drop a lone "." or ".."
                i = input.length();
            } else {
                // E. move the first segment, with its leading "/", to the output
                int next = input.indexOf('/', input.charAt(i) == '/' ? i + 1 : i);
                int end = next < 0 ? input.length() : next;
                output.append(input, i, end);
                i = end;
            }
        }
        return output.toString();
    }

    private static boolean hasDotSegment(String path) {
        int n = path.length();
        for (int i = 0; i < n; i++) {
            if (path.charAt(i) == '.' && (i == 0 || path.charAt(i - 1) == '/')) {
                int end = i + 1 < n && path.charAt(i + 1) == '.' ? i + 2 : i + 1;
                if (end == n || path.charAt(end) == '/') {
                    return true;
                }
            }
        }
        return false;
    }

    public Form form() {
        return form;
    }

    /** The request-target exactly as sent. */
    public String raw() {
        return raw;
    }

    /** The authority of an absolute-form target, or {@code null} for the other forms. */
    public String authority() {
        return authority;
    }

    /** The path as sent, escapes and dot segments included; {@code *} for the asterisk-form. */
    public String rawPath() {
        return rawPath;
    }

    /** The query as sent, without the {@code ?}, or {@code null} if there was no {@code ?}. */
    public String rawQuery() {
        return rawQuery;
    }

    /** The decoded path without dot segments; see the class documentation. */
    public String path() {
        return path;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RequestTarget t && raw.equals(t.raw);
    }

    @Override
    public int hashCode() {
        return raw.hashCode();
    }

    @Override
    public String toString() {
        return raw;
    }
}
