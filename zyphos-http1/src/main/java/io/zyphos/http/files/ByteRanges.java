package io.zyphos.http.files;

import java.util.Arrays;

/**
 * A {@code Range} field (RFC 9110 §14.2) read against a representation of known length: the byte
 * ranges to send, or why none are.
 *
 * <pre>
 *   Range         = ranges-specifier
 *   ranges-specifier = range-unit "=" range-set      (the unit compared case-insensitively)
 *   range-set     = 1#range-spec
 *   range-spec    = int-range / suffix-range / other-range
 *   int-range     = first-pos "-" [ last-pos ]       bytes=0-499, bytes=500-
 *   suffix-range  = "-" suffix-length                bytes=-500 (the last 500 bytes)
 * </pre>
 *
 * <p>What comes out (§14.1.1, §14.2):
 * <ul>
 *   <li>{@link Outcome#IGNORE}: send the whole representation with 200. For a unit other than
 *       {@code bytes}, a field that breaks the grammar (including {@code last-pos < first-pos}),
 *       and more than {@code maxRanges} range-specs: §14.2 lets a server ignore Range, and for
 *       many ranges advises it may, since they cost more than the whole.</li>
 *   <li>{@link Outcome#UNSATISFIABLE}: no range-spec is satisfiable (every first-pos at or past
 *       the end, or a suffix of zero, or an empty representation): 416 with
 *       {@code Content-Range: bytes *&#47;length} (§15.5.17).</li>
 *   <li>{@link Outcome#RANGES}: the satisfiable ranges, a last-pos past the end cut to the last
 *       byte and a suffix longer than the representation taken as all of it. Unsatisfiable
 *       range-specs among them are dropped (§14.1.1). Ranges that overlap or touch are coalesced
 *       (§14.2 allows it whatever their order), so no byte is sent twice; when nothing overlaps,
 *       the parts keep the order they were asked in (§14.6).</li>
 * </ul>
 *
 * <p>Not thread-safe; one per request.
 */
final class ByteRanges {

    /** What to do with the Range field. */
    enum Outcome { IGNORE, UNSATISFIABLE, RANGES }

    private static final ByteRanges IGNORED = new ByteRanges(Outcome.IGNORE, null, null, 0);
    private static final ByteRanges NONE_SATISFIABLE = new ByteRanges(Outcome.UNSATISFIABLE, null, null, 0);

    private final Outcome outcome;
    private final long[] firsts;
    private final long[] lasts;
    private final int count;

    private ByteRanges(Outcome outcome, long[] firsts, long[] lasts, int count) {
        this.outcome = outcome;
        this.firsts = firsts;
        this.lasts = lasts;
        this.count = count;
    }

    Outcome outcome() {
        return outcome;
    }

    /** The number of ranges; at least 1 when {@link Outcome#RANGES}. */
    int count() {
        return count;
    }

    /** The first byte of range {@code i}. */
    long first(int i) {
        return firsts[i];
    }

    /** The last byte of range {@code i}, inclusive. */
    long last(int i) {
        return lasts[i];
    }

    /** The length of range {@code i}. */
    long length(int i) {
        return lasts[i] - firsts[i] + 1;
    }

    /** Reads {@code value} against a representation of {@code length} bytes. */
    static ByteRanges parse(String value, long length, int maxRanges) {
        int n = value.length();
        if (n < 6 || !value.regionMatches(true, 0, "bytes=", 0, 6)) {
            return IGNORED;
        }
        long[] firsts = new long[4];
        long[] lasts = new long[4];
        int count = 0;
        int specs = 0;
        int i = 6;
        while (true) {
            // 1#element: empty elements and whitespace around commas are allowed (RFC 9110 §5.6.1.2).
            while (i < n && (value.charAt(i) == ' ' || value.charAt(i) == '\t' || value.charAt(i) == ',')) {
                i++;
            }
            if (i == n) {
                break;
            }
            long first;
            long last;
            if (value.charAt(i) == '-') {
                int end = digitsEnd(value, i + 1);
                if (end == i + 1) {
                    return IGNORED;
                }
                long suffix = number(value, i + 1, end);
                i = end;
                first = Math.max(0, length - suffix);
                last = suffix == 0 ? -1 : length - 1;
            } else {
                int end = digitsEnd(value, i);
                if (end == i || end == n || value.charAt(end) != '-') {
                    return IGNORED;
                }
                int firstStart = i;
                int firstEnd = end;
                first = number(value, i, end);
                i = end + 1;
                end = digitsEnd(value, i);
                if (end == i) {
                    last = length - 1;
                } else {
                    // Compared as written: numbers past a long saturate, and two of them look equal.
                    if (compareDecimal(value, i, end, firstStart, firstEnd) < 0) {
                        return IGNORED;
                    }
                    last = Math.min(number(value, i, end), length - 1);
                }
                i = end;
            }
            while (i < n && (value.charAt(i) == ' ' || value.charAt(i) == '\t')) {
                i++;
            }
            if (i < n && value.charAt(i) != ',') {
                return IGNORED;
            }
            if (++specs > maxRanges) {
                return IGNORED;
            }
            if (first < length && first <= last) {
                if (count == firsts.length) {
                    firsts = Arrays.copyOf(firsts, count * 2);
                    lasts = Arrays.copyOf(lasts, count * 2);
                }
                firsts[count] = first;
                lasts[count] = last;
                count++;
            }
        }
        if (specs == 0) {
            return IGNORED;
        }
        if (count == 0) {
            return NONE_SATISFIABLE;
        }
        return coalesce(firsts, lasts, count);
    }

    private static ByteRanges coalesce(long[] firsts, long[] lasts, int count) {
        boolean touching = false;
        for (int a = 0; a < count && !touching; a++) {
            for (int b = a + 1; b < count; b++) {
                if (firsts[a] <= lasts[b] + 1 && firsts[b] <= lasts[a] + 1) {
                    touching = true;
                    break;
                }
            }
        }
        if (!touching) {
            return new ByteRanges(Outcome.RANGES, firsts, lasts, count);
        }
        // Sort by first byte (insertion sort: at most a few dozen), then merge runs that touch.
        for (int a = 1; a < count; a++) {
            long f = firsts[a];
            long l = lasts[a];
            int b = a - 1;
            while (b >= 0 && firsts[b] > f) {
                firsts[b + 1] = firsts[b];
                lasts[b + 1] = lasts[b];
                b--;
            }
            firsts[b + 1] = f;
            lasts[b + 1] = l;
        }
        int merged = 0;
        for (int a = 1; a < count; a++) {
            if (firsts[a] <= lasts[merged] + 1) {
                lasts[merged] = Math.max(lasts[merged], lasts[a]);
            } else {
                merged++;
                firsts[merged] = firsts[a];
                lasts[merged] = lasts[a];
            }
        }
        return new ByteRanges(Outcome.RANGES, firsts, lasts, merged + 1);
    }

    private static int digitsEnd(String s, int from) {
        int i = from;
        while (i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
            i++;
        }
        return i;
    }

    /** The order of the decimal numbers {@code s[a, aEnd)} and {@code s[b, bEnd)}, of any length. */
    private static int compareDecimal(String s, int a, int aEnd, int b, int bEnd) {
        while (a < aEnd - 1 && s.charAt(a) == '0') {
            a++;
        }
        while (b < bEnd - 1 && s.charAt(b) == '0') {
            b++;
        }
        if (aEnd - a != bEnd - b) {
            return Integer.compare(aEnd - a, bEnd - b);
        }
        for (; a < aEnd; a++, b++) {
            if (s.charAt(a) != s.charAt(b)) {
                return Character.compare(s.charAt(a), s.charAt(b));
            }
        }
        return 0;
    }

    /** The decimal number in {@code s[from, to)}, saturating at {@link Long#MAX_VALUE}. */
    private static long number(String s, int from, int to) {
        long v = 0;
        for (int i = from; i < to; i++) {
            int d = s.charAt(i) - '0';
            if (v > (Long.MAX_VALUE - d) / 10) {
                return Long.MAX_VALUE;
            }
            v = v * 10 + d;
        }
        return v;
    }
}
