package io.zyphos.http.cache;

import io.zyphos.http.HeaderName;
import io.zyphos.http.Headers;

/**
 * The Cache-Control directives (RFC 9111 §5.2) of one message that a shared cache acts on.
 *
 * <pre>
 *   Cache-Control   = #cache-directive
 *   cache-directive = token [ "=" ( token / quoted-string ) ]
 * </pre>
 *
 * Directive names are case-insensitive; a value may come as a token or a quoted-string and is
 * accepted in either form (§5.2). A delta-seconds too large to represent is 2147483648 (§1.2.2); one
 * that is not a number is {@link #INVALID}, which a cache treats as stale (§4.2.1). When a
 * directive comes twice, the first occurrence counts (§4.2.1). Unknown directives are ignored
 * (§5.2.3). A {@code no-cache} or {@code private} with field names (§5.2.2.4, §5.2.2.7) counts as
 * the unqualified directive: the stricter reading.
 *
 * <p>Immutable once parsed.
 */
final class CacheControl {

    /** A seconds directive that is absent. */
    static final long ABSENT = -1;
    /** A seconds directive whose value is not delta-seconds. */
    static final long INVALID = -2;
    /** What delta-seconds saturate to (RFC 9111 §1.2.2). */
    static final long MAX_DELTA_SECONDS = 2_147_483_648L;

    /** The directives of a message without Cache-Control. */
    static final CacheControl NONE = new CacheControl();

    boolean noStore;
    boolean noCache;
    boolean isPrivate;
    boolean isPublic;
    boolean mustRevalidate;
    boolean onlyIfCached;
    long maxAge = ABSENT;
    long sMaxAge = ABSENT;
    long minFresh = ABSENT;

    private CacheControl() {}

    /** The directives of {@code headers}; {@link #NONE}, allocating nothing, when there are none. */
    static CacheControl of(Headers headers) {
        if (!headers.contains(HeaderName.CACHE_CONTROL)) {
            return NONE;
        }
        CacheControl cc = new CacheControl();
        for (int i = 0; i < headers.size(); i++) {
            if (headers.name(i).equals(HeaderName.CACHE_CONTROL)) {
                cc.parse(headers.value(i));
            }
        }
        return cc;
    }

    private void parse(String v) {
        int n = v.length();
        int i = 0;
        while (i < n) {
            char c = v.charAt(i);
            if (c == ' ' || c == '\t' || c == ',') {
                i++;
                continue;
            }
            int nameStart = i;
            while (i < n && v.charAt(i) != '=' && v.charAt(i) != ',' && v.charAt(i) != ' ' && v.charAt(i) != '\t') {
                i++;
            }
            int nameEnd = i;
            int valueStart = -1;
            int valueEnd = -1;
            if (i < n && v.charAt(i) == '=') {
                i++;
                if (i < n && v.charAt(i) == '"') {
                    valueStart = ++i;
                    while (i < n && v.charAt(i) != '"') {
                        i += v.charAt(i) == '\\' ? 2 : 1;
                    }
                    valueEnd = Math.min(i, n);
                    i++;
                } else {
                    valueStart = i;
                    while (i < n && v.charAt(i) != ',' && v.charAt(i) != ' ' && v.charAt(i) != '\t') {
                        i++;
                    }
                    valueEnd = i;
                }
            }
            while (i < n && v.charAt(i) != ',') {
                i++;
            }
            apply(v, nameStart, nameEnd, valueStart, valueEnd);
        }
    }

    private void apply(String v, int start, int end, int valueStart, int valueEnd) {
        if (is(v, start, end, "no-store")) {
            noStore = true;
        } else if (is(v, start, end, "no-cache")) {
            noCache = true;
        } else if (is(v, start, end, "private")) {
            isPrivate = true;
        } else if (is(v, start, end, "public")) {
            isPublic = true;
        } else if (is(v, start, end, "must-revalidate") || is(v, start, end, "proxy-revalidate")) {
            mustRevalidate = true;
        } else if (is(v, start, end, "only-if-cached")) {
            onlyIfCached = true;
        } else if (is(v, start, end, "max-age")) {
            maxAge = maxAge == ABSENT ? seconds(v, valueStart, valueEnd) : maxAge;
        } else if (is(v, start, end, "s-maxage")) {
            sMaxAge = sMaxAge == ABSENT ? seconds(v, valueStart, valueEnd) : sMaxAge;
        } else if (is(v, start, end, "min-fresh")) {
            minFresh = minFresh == ABSENT ? seconds(v, valueStart, valueEnd) : minFresh;
        }
    }

    /** delta-seconds = 1*DIGIT (RFC 9111 §1.2.2). */
    static long seconds(String v, int start, int end) {
        if (start < 0 || start >= end) {
            return INVALID;
        }
        long s = 0;
        for (int i = start; i < end; i++) {
            char c = v.charAt(i);
            if (c < '0' || c > '9') {
                return INVALID;
            }
            s = Math.min(MAX_DELTA_SECONDS, s * 10 + (c - '0'));
        }
        return s;
    }

    private static boolean is(String v, int start, int end, String name) {
        return end - start == name.length() && v.regionMatches(true, start, name, 0, name.length());
    }
}
